/*
 * detent-hr.ino — the Detent HR knob-box firmware as an Arduino sketch (Uno, Nano, and other
 * boards whose analogRead is 10-bit). Same protocol and behaviour as ../../detent-hr.c, the plain
 * avr-libc firmware; the protocol code is the same file, detent_hr.h in this folder
 * (firmware-profiles/detent-hr/PROTOCOL.md: SLIP frames, CRC-16/CCITT-FALSE, 12-bit values).
 *
 *   - a hello, then a values packet with every channel, at start-up;
 *   - every 20 ms, a values packet with the channels that changed (if any);
 *   - every second, a keep-alive values packet with every channel;
 *   - hello + every channel in answer to a request packet (type 0x10) from the host.
 *
 * Settings: DEVICE_ID and CHANNELS below. Open in the Arduino IDE, pick the board and port,
 * Upload. See ../../README.md for wiring. The oversampling assumes a 10-bit analogRead (the
 * default on AVR, SAMD and RP2040 cores); on an ESP32 call analogReadResolution(10) in setup().
 */
#include "detent_hr.h"

#ifndef DEVICE_ID
#define DEVICE_ID 1 /* 0–255: tells boxes apart on one host (PROTOCOL.md § Packet layout) */
#endif
#ifndef CHANNELS
#define CHANNELS 8 /* pots on A0..A(CHANNELS-1); an Uno R3 (DIP chip) has only A0–A5 */
#endif

#define FIRMWARE_NAME "detent-hr-ino/1"
static const unsigned long SCAN_MS = 20;         /* every channel 50 times a second */
static const unsigned long KEEPALIVE_MS = 1000;  /* PROTOCOL.md § Type 0x01: "every second or so" */
/* The pots' pins in channel order. Boards without A6/A7 (an RP2040 has A0–A3): shorten this list
 * and CHANNELS to match. */
static const uint8_t PINS[] = {A0, A1, A2, A3, A4, A5, A6, A7};

static uint16_t value[CHANNELS];     /* latest oversampled 12-bit reading */
static uint16_t lastSent[CHANNELS];  /* what the host was last told */
static uint8_t seq;                  /* PROTOCOL.md: +1 per packet sent, wrapping 255 → 0 */
static dhr_slip_rx_t rx;             /* SLIP decoder for the host's request */
static unsigned long lastScan, lastFull;

static void put(uint8_t b) { Serial.write(b); }

/* 16 samples of the 10-bit ADC, summed and scaled to 0..4095 (detent_hr.h: dhr_scale_sum). The
 * first reading after switching channel is thrown away while the sample-and-hold settles. */
static uint16_t readOversampled(uint8_t pin) {
  (void)analogRead(pin);
  uint16_t sum = 0;
  for (uint8_t i = 0; i < DHR_OVERSAMPLE; i++) sum += (uint16_t)analogRead(pin);
  return dhr_scale_sum(sum);
}

static_assert(CHANNELS >= 1 && CHANNELS <= sizeof PINS, "CHANNELS must match the PINS list");

static void scanAll() {
  for (uint8_t ch = 0; ch < CHANNELS; ch++) value[ch] = readOversampled(PINS[ch]);
}

static void sendHello() { dhr_send_hello(put, DEVICE_ID, seq++, CHANNELS, DHR_BITS, FIRMWARE_NAME); }

static void sendAll() {
  uint8_t list[CHANNELS];
  for (uint8_t ch = 0; ch < CHANNELS; ch++) {
    list[ch] = ch;
    lastSent[ch] = value[ch];
  }
  dhr_send_values(put, DEVICE_ID, seq++, DHR_BITS, CHANNELS, list, value);
}

static void sendChanged() {
  uint8_t list[CHANNELS];
  uint8_t n = 0;
  for (uint8_t ch = 0; ch < CHANNELS; ch++) {
    if (dhr_should_send(value[ch], lastSent[ch])) {  /* hysteresis: 1 LSB, end stops always */
      list[n++] = ch;
      lastSent[ch] = value[ch];
    }
  }
  if (n) dhr_send_values(put, DEVICE_ID, seq++, DHR_BITS, n, list, value);
}

void setup() {
  analogReference(DEFAULT); /* AVcc on AVR boards: put 100 nF from AREF to GND */
  Serial.begin(115200);     /* 8N1; on a 16 MHz AVR the core picks U2X, 117 647 baud (+2.1 %) */
  dhr_slip_reset(&rx);
  scanAll();
  sendHello();
  sendAll();
  lastScan = lastFull = millis();
}

void loop() {
  /* PROTOCOL.md § Type 0x10: a request (version 1, type 0x10, good CRC) gets hello + all values. */
  while (Serial.available() > 0) {
    uint8_t n = dhr_slip_feed(&rx, (uint8_t)Serial.read());
    if (n && dhr_is_request(rx.buf, n)) {
      sendHello();
      sendAll();
      lastFull = millis();
    }
  }

  unsigned long now = millis();
  if (now - lastScan < SCAN_MS) return;
  lastScan = now;
  scanAll();
  if (now - lastFull >= KEEPALIVE_MS) {
    sendAll(); /* keep-alive: every channel, so a host that opened late knows every knob */
    lastFull = now;
  } else {
    sendChanged();
  }
}
