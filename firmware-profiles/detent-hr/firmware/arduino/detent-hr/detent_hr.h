/*
 * detent_hr.h — the Detent HR wire protocol for a knob box: CRC, SLIP framing, packet building,
 * the request decoder, and the two bits of firmware policy (oversampling scale, hysteresis).
 *
 * The one copy of this file lives in the Arduino sketch folder, because the Arduino IDE only
 * compiles what is inside the sketch folder. The plain C firmware (../../detent-hr.c) includes
 * this same file (the Makefile puts this folder on its include path), so the two firmwares
 * cannot drift apart. Plain C99, also valid C++ (the sketch is compiled as C++); no allocation,
 * no AVR registers, so it builds for any board and on the host (host-test/).
 *
 * Every byte value here is from firmware-profiles/detent-hr/PROTOCOL.md; section names in the
 * comments ("PROTOCOL.md § Framing") point at where it is specified.
 */
#ifndef DETENT_HR_H
#define DETENT_HR_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* PROTOCOL.md § Framing: SLIP (RFC 1055). */
#define DHR_SLIP_END 0xC0     /* frame boundary, sent before and after every packet */
#define DHR_SLIP_ESC 0xDB     /* escape; the next byte is ESC_END or ESC_ESC */
#define DHR_SLIP_ESC_END 0xDC /* ESC ESC_END stands for a data byte 0xC0 */
#define DHR_SLIP_ESC_ESC 0xDD /* ESC ESC_ESC stands for a data byte 0xDB */

/* PROTOCOL.md § Packet layout: version, type, device id, sequence, payload, CRC (LE). */
#define DHR_VERSION 0x01
#define DHR_TYPE_VALUES 0x01  /* device → host: bits, count, count × (channel, value LE) */
#define DHR_TYPE_HELLO 0x02   /* device → host: channel count, bits, firmware name */
#define DHR_TYPE_REQUEST 0x10 /* host → device: no payload; answer hello + all values */
#define DHR_HEADER_LEN 4
#define DHR_CRC_LEN 2
#define DHR_MAX_CHANNELS 32 /* PROTOCOL.md § Type 0x01: count 1–32, channel 0–31 */
#define DHR_MAX_NAME 32     /* PROTOCOL.md § Type 0x02: name 0–32 ASCII bytes */

/* A device only ever receives requests (6 bytes); a longer frame is dropped as bad. */
#ifndef DHR_RX_MAX
#define DHR_RX_MAX 16
#endif

/* Where encoded bytes go: a UART ring buffer, Serial.write, a host array. */
typedef void (*dhr_put_fn)(uint8_t byte);

/*
 * CRC-16/CCITT-FALSE (PROTOCOL.md § Packet layout): poly 0x1021, init 0xFFFF, MSB first,
 * no reflection, no final XOR. "123456789" gives 0x29B1. Bitwise: 8 shifts a byte is cheap
 * next to the 87 µs a byte takes on the wire at 115200 baud, and needs no 512-byte table.
 */
#define DHR_CRC_INIT 0xFFFFu
static inline uint16_t dhr_crc16_update(uint16_t crc, uint8_t byte) {
  crc ^= (uint16_t)((uint16_t)byte << 8);
  for (uint8_t i = 0; i < 8; i++)
    crc = (crc & 0x8000u) ? (uint16_t)((crc << 1) ^ 0x1021u) : (uint16_t)(crc << 1);
  return crc;
}

/* ---------------------------------------------------------------------------------------------
 * Sending: packets are streamed byte by byte (no packet buffer) — each byte is added to the CRC
 * and SLIP-escaped on the way out.
 */
typedef struct {
  dhr_put_fn put;
  uint16_t crc;
} dhr_tx_t;

/* One payload byte, SLIP-escaped (PROTOCOL.md § Framing). */
static inline void dhr_put_escaped(dhr_put_fn put, uint8_t b) {
  if (b == DHR_SLIP_END) {
    put(DHR_SLIP_ESC);
    put(DHR_SLIP_ESC_END);
  } else if (b == DHR_SLIP_ESC) {
    put(DHR_SLIP_ESC);
    put(DHR_SLIP_ESC_ESC);
  } else {
    put(b);
  }
}

static inline void dhr_byte(dhr_tx_t *tx, uint8_t b) {
  tx->crc = dhr_crc16_update(tx->crc, b);
  dhr_put_escaped(tx->put, b);
}

/* The leading END (flushes whatever half frame the receiver holds) and the 4-byte header. */
static inline void dhr_begin(dhr_tx_t *tx, dhr_put_fn put, uint8_t type, uint8_t device_id, uint8_t seq) {
  tx->put = put;
  tx->crc = DHR_CRC_INIT;
  put(DHR_SLIP_END);
  dhr_byte(tx, DHR_VERSION);
  dhr_byte(tx, type);
  dhr_byte(tx, device_id);
  dhr_byte(tx, seq);
}

/* CRC of bytes 0 .. 3+n, little-endian (low byte first), escaped too; then the closing END. */
static inline void dhr_end(dhr_tx_t *tx) {
  uint16_t crc = tx->crc;
  dhr_put_escaped(tx->put, (uint8_t)(crc & 0xFF));
  dhr_put_escaped(tx->put, (uint8_t)(crc >> 8));
  tx->put(DHR_SLIP_END);
}

/* PROTOCOL.md § Type 0x02 — hello: channel count, bits, firmware name (not terminated). */
static inline void dhr_send_hello(dhr_put_fn put, uint8_t device_id, uint8_t seq, uint8_t channels, uint8_t bits,
                                  const char *name) {
  dhr_tx_t tx;
  dhr_begin(&tx, put, DHR_TYPE_HELLO, device_id, seq);
  dhr_byte(&tx, channels);
  dhr_byte(&tx, bits);
  for (uint8_t i = 0; i < DHR_MAX_NAME && name[i] != '\0'; i++) dhr_byte(&tx, (uint8_t)name[i]);
  dhr_end(&tx);
}

/*
 * PROTOCOL.md § Type 0x01 — values: bits, count N, then N × (channel index, value LE).
 * `channels` lists the N channel indexes to send; `value_of` is indexed by channel.
 */
static inline void dhr_send_values(dhr_put_fn put, uint8_t device_id, uint8_t seq, uint8_t bits, uint8_t count,
                                   const uint8_t *channels, const uint16_t *value_of) {
  dhr_tx_t tx;
  dhr_begin(&tx, put, DHR_TYPE_VALUES, device_id, seq);
  dhr_byte(&tx, bits);
  dhr_byte(&tx, count);
  for (uint8_t i = 0; i < count; i++) {
    uint8_t ch = channels[i];
    uint16_t v = value_of[ch];
    dhr_byte(&tx, ch);
    dhr_byte(&tx, (uint8_t)(v & 0xFF));
    dhr_byte(&tx, (uint8_t)(v >> 8));
  }
  dhr_end(&tx);
}

/* ---------------------------------------------------------------------------------------------
 * Receiving: a SLIP decoder fed one byte at a time (from the UART RX interrupt or Serial.read).
 */
typedef struct {
  uint8_t buf[DHR_RX_MAX];
  uint8_t len;
  uint8_t esc; /* the previous byte was ESC */
  uint8_t bad; /* this frame is broken (bad escape, too long, UART error); drop it at END */
} dhr_slip_rx_t;

static inline void dhr_slip_reset(dhr_slip_rx_t *rx) {
  rx->len = 0;
  rx->esc = 0;
  rx->bad = 0;
}

/* Marks the frame in progress as bad (a UART framing or overrun error, say). */
static inline void dhr_slip_poison(dhr_slip_rx_t *rx) { rx->bad = 1; }

/*
 * Feeds one received byte. Returns the length of a complete, well-formed SLIP frame (then in
 * rx->buf until the next call), or 0. Empty frames (END END) are ignored; an ESC followed by
 * anything but ESC_END/ESC_ESC, or a frame longer than DHR_RX_MAX, is dropped
 * (PROTOCOL.md § Framing).
 */
static inline uint8_t dhr_slip_feed(dhr_slip_rx_t *rx, uint8_t b) {
  if (b == DHR_SLIP_END) {
    uint8_t n = (rx->bad || rx->esc) ? 0 : rx->len;
    dhr_slip_reset(rx);
    return n;
  }
  if (rx->bad) return 0;
  if (rx->esc) {
    rx->esc = 0;
    if (b == DHR_SLIP_ESC_END) b = DHR_SLIP_END;
    else if (b == DHR_SLIP_ESC_ESC) b = DHR_SLIP_ESC;
    else {
      rx->bad = 1;
      return 0;
    }
  } else if (b == DHR_SLIP_ESC) {
    rx->esc = 1;
    return 0;
  }
  if (rx->len >= DHR_RX_MAX) {
    rx->bad = 1;
    return 0;
  }
  rx->buf[rx->len++] = b;
  return 0;
}

/* True when `frame` (SLIP-decoded) is a valid request: PROTOCOL.md § Type 0x10 — version 1,
 * type 0x10, no payload, good CRC. Its device id and sequence (0 from the host) are not checked. */
static inline uint8_t dhr_is_request(const uint8_t *frame, uint8_t len) {
  if (len != DHR_HEADER_LEN + DHR_CRC_LEN) return 0;
  if (frame[0] != DHR_VERSION || frame[1] != DHR_TYPE_REQUEST) return 0;
  uint16_t crc = DHR_CRC_INIT;
  for (uint8_t i = 0; i < DHR_HEADER_LEN; i++) crc = dhr_crc16_update(crc, frame[i]);
  return frame[4] == (uint8_t)(crc & 0xFF) && frame[5] == (uint8_t)(crc >> 8);
}

/* ---------------------------------------------------------------------------------------------
 * Firmware policy shared by the C firmware and the sketch.
 */

/*
 * Oversampling (DESIGN.md "Serial knob boxes": 4^n samples, sum, shift right by n): 16 samples of
 * the 10-bit ADC sum to 0..16368, and sum >> 2 is 12 bits — but tops out at 4092, because 16 × 1023
 * is not 16 × 1024. So the sum is scaled to the full 12-bit range with rounding instead:
 * value = round(sum × 4095 / 16368). It differs from sum >> 2 by at most 4 LSB (0.1 %), skips no code,
 * and a pot at its end stop reads 4095, as the host's calibration expects.
 */
#define DHR_OVERSAMPLE 16
#define DHR_BITS 12
#define DHR_MAX_VALUE 4095u
static inline uint16_t dhr_scale_sum(uint16_t sum16) {
  return (uint16_t)(((uint32_t)sum16 * DHR_MAX_VALUE + 16368u / 2) / 16368u);
}

/*
 * Whether a channel's new value goes out now. The host does the real de-jitter (the 1€ filter), so
 * the firmware keeps its resolution: it only holds back changes of at most `hysteresis` LSB
 * (1 by default: the last bit of an oversampled pot flickers). The end stops always go out, so
 * 0 and 4095 are reachable without waiting for the keep-alive, which sends everything anyway.
 */
#ifndef DHR_HYSTERESIS
#define DHR_HYSTERESIS 1
#endif
static inline uint8_t dhr_should_send(uint16_t value, uint16_t last_sent) {
  if (value == last_sent) return 0;
  uint16_t d = value > last_sent ? (uint16_t)(value - last_sent) : (uint16_t)(last_sent - value);
  return d > DHR_HYSTERESIS || value == 0 || value == DHR_MAX_VALUE;
}

#ifdef __cplusplus
}
#endif

#endif /* DETENT_HR_H */
