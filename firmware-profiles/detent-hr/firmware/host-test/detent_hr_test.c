/*
 * Host-side unit test of detent_hr.h (`make check`): the CRC check value and the worked example
 * from PROTOCOL.md, SLIP escaping round-trips through the decoder, request recognition, and the
 * oversampling scale and hysteresis policy. No AVR needed.
 */
#define DHR_RX_MAX 64 /* the device keeps 16; the test decodes whole values packets */
#include "detent_hr.h"

#include <stdio.h>
#include <string.h>

static int failures;
#define CHECK(cond)                                                   \
  do {                                                                \
    if (!(cond)) {                                                    \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      failures++;                                                     \
    }                                                                 \
  } while (0)

static uint8_t out[512];
static size_t out_len;
static void put(uint8_t b) {
  if (out_len < sizeof out) out[out_len++] = b;
}

/* Feeds `out` to a fresh decoder; returns the length of the first complete frame (copied to dst). */
static uint8_t decode_first(uint8_t *dst) {
  dhr_slip_rx_t rx;
  dhr_slip_reset(&rx);
  for (size_t i = 0; i < out_len; i++) {
    uint8_t n = dhr_slip_feed(&rx, out[i]);
    if (n) {
      memcpy(dst, rx.buf, n);
      return n;
    }
  }
  return 0;
}

static uint16_t crc_of(const uint8_t *p, size_t n) {
  uint16_t crc = DHR_CRC_INIT;
  for (size_t i = 0; i < n; i++) crc = dhr_crc16_update(crc, p[i]);
  return crc;
}

int main(void) {
  /* PROTOCOL.md: "123456789" gives 0x29B1. */
  CHECK(crc_of((const uint8_t *)"123456789", 9) == 0x29B1);

  /* PROTOCOL.md § Worked example: device 7, sequence 42, 12 bits, ch0 = 2048, ch3 = 4095. */
  {
    uint16_t values[4] = {2048, 0, 0, 4095};
    uint8_t channels[2] = {0, 3};
    out_len = 0;
    dhr_send_values(put, 7, 42, 12, 2, channels, values);
    uint8_t frame[64];
    uint8_t n = decode_first(frame);
    static const uint8_t expect[] = {0x01, 0x01, 0x07, 0x2A, 0x0C, 0x02, 0x00, 0x00, 0x08, 0x03, 0xFF, 0x0F};
    CHECK(n == sizeof expect + 2);
    CHECK(memcmp(frame, expect, sizeof expect) == 0);
    uint16_t crc = crc_of(expect, sizeof expect);
    CHECK(frame[12] == (crc & 0xFF) && frame[13] == (crc >> 8));
    CHECK(out[0] == DHR_SLIP_END && out[out_len - 1] == DHR_SLIP_END);
    printf("worked example: ");
    for (size_t i = 0; i < out_len; i++) printf("%02X ", out[i]);
    printf("\n");
  }

  /* Escaping: values holding 0xC0 and 0xDB bytes never put a bare END inside the frame. */
  {
    uint16_t values[2] = {0x0DC0, 0x00DB};
    uint8_t channels[2] = {0, 1};
    out_len = 0;
    dhr_send_values(put, 0xC0, 0xDB, 12, 2, channels, values);
    for (size_t i = 1; i + 1 < out_len; i++) CHECK(out[i] != DHR_SLIP_END);
    uint8_t frame[64];
    uint8_t n = decode_first(frame);
    CHECK(n == 4 + 2 + 6 + 2);
    CHECK(frame[2] == 0xC0 && frame[3] == 0xDB);
    CHECK(frame[7] == 0xC0 && frame[8] == 0x0D && frame[10] == 0xDB);
    uint16_t crc = crc_of(frame, n - 2);
    CHECK(frame[n - 2] == (crc & 0xFF) && frame[n - 1] == (crc >> 8));
  }

  /* Hello: channel count, bits, name. */
  {
    out_len = 0;
    dhr_send_hello(put, 1, 0, 8, 12, "detent-hr-avr/1");
    uint8_t frame[64];
    uint8_t n = decode_first(frame);
    CHECK(n == 4 + 2 + 15 + 2);
    CHECK(frame[1] == DHR_TYPE_HELLO && frame[4] == 8 && frame[5] == 12);
    CHECK(memcmp(frame + 6, "detent-hr-avr/1", 15) == 0);
  }

  /* Requests: good one accepted; bad CRC, wrong type, extra payload refused. */
  {
    uint8_t req[6] = {0x01, 0x10, 0x00, 0x00, 0, 0};
    uint16_t crc = crc_of(req, 4);
    req[4] = (uint8_t)(crc & 0xFF);
    req[5] = (uint8_t)(crc >> 8);
    CHECK(dhr_is_request(req, 6));
    req[4] ^= 1;
    CHECK(!dhr_is_request(req, 6));
    req[4] ^= 1;
    CHECK(!dhr_is_request(req, 5));
    req[1] = 0x11;
    CHECK(!dhr_is_request(req, 6));
  }

  /* Decoder: bad escape and overlong frames are dropped; empty frames ignored. */
  {
    dhr_slip_rx_t rx;
    dhr_slip_reset(&rx);
    CHECK(dhr_slip_feed(&rx, DHR_SLIP_END) == 0);
    CHECK(dhr_slip_feed(&rx, DHR_SLIP_END) == 0);
    dhr_slip_feed(&rx, 0x01);
    dhr_slip_feed(&rx, DHR_SLIP_ESC);
    dhr_slip_feed(&rx, 0x42);
    CHECK(dhr_slip_feed(&rx, DHR_SLIP_END) == 0);
    for (int i = 0; i < DHR_RX_MAX + 1; i++) dhr_slip_feed(&rx, 0x55);
    CHECK(dhr_slip_feed(&rx, DHR_SLIP_END) == 0);
    dhr_slip_feed(&rx, 0x55);
    CHECK(dhr_slip_feed(&rx, DHR_SLIP_END) == 1);
  }

  /* Oversampling scale: 16 × 10-bit sums onto 0..4095. */
  CHECK(dhr_scale_sum(0) == 0);
  CHECK(dhr_scale_sum(16 * 1023) == 4095);
  CHECK(dhr_scale_sum(16 * 511) == 2045);
  for (uint32_t s = 0; s <= 16368; s++) {
    int d = (int)dhr_scale_sum((uint16_t)s) - (int)(s >> 2);
    if (d < 0 || d > 4) {
      CHECK(!"scale within 0..4 LSB of sum >> 2");
      break;
    }
  }

  /* Hysteresis: 1 LSB held back, 2 LSB sent, end stops always sent. */
  CHECK(!dhr_should_send(100, 100));
  CHECK(!dhr_should_send(101, 100));
  CHECK(!dhr_should_send(99, 100));
  CHECK(dhr_should_send(102, 100));
  CHECK(dhr_should_send(4095, 4094));
  CHECK(dhr_should_send(0, 1));

  if (failures) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("detent_hr.h: all checks passed\n");
  return 0;
}
