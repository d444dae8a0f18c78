/*
 * detent-hr.c — reference Detent HR firmware for the ATmega328P (Arduino Uno / Nano, 16 MHz).
 *
 * Eight pots on ADC0–ADC7, oversampled to 12 bits, sent over UART0 at 115200 baud 8N1 as
 * Detent HR packets (firmware-profiles/detent-hr/PROTOCOL.md):
 *   - a hello, then a values packet with all channels, at start-up;
 *   - a values packet with the channels that changed, at most every 20 ms;
 *   - a keep-alive values packet with all channels every second;
 *   - hello + all values in answer to a request packet (type 0x10) from the host.
 * The protocol bytes (SLIP, CRC, packet layout) are in detent_hr.h, shared with the Arduino
 * sketch in arduino/detent-hr/.
 *
 * Timing: Timer1 ticks at 200 Hz and wakes the main loop; each tick scans two channels
 * (2 × 17 conversions × 104 µs ≈ 3.5 ms of the 5 ms), so all eight are fresh every 4 ticks
 * (50 Hz, 20 ms), when the changed ones go out in one packet. Between ticks and during every conversion the CPU sleeps
 * (idle mode), which lowers the ADC noise on the board and lets simavr skip ahead instead of
 * interpreting a busy-wait (simavr runs busy loops far faster than real time).
 *
 * Build-time settings (see Makefile and README.md):
 *   DEVICE_ID      0–255, the device id in every packet (default 1)
 *   CHANNELS       1–8 pots on ADC0.. (default 8; an Uno R3 in DIP has only ADC0–ADC5)
 *   DHR_HYSTERESIS changes of at most this many LSB are held back (default 1; 0 sends every change)
 *   SIMAVR         embed simavr's metadata (.mmcu section: MCU, clock, voltages) for the simulator
 */
#include <avr/interrupt.h>
#include <avr/io.h>
#include <avr/sleep.h>
#include <stdint.h>

#include "detent_hr.h"

#ifndef F_CPU
#define F_CPU 16000000UL
#endif
#ifndef DEVICE_ID
#define DEVICE_ID 1
#endif
#if DEVICE_ID < 0 || DEVICE_ID > 255
#error "DEVICE_ID must be 0..255 (PROTOCOL.md: device id is one byte)"
#endif

#ifndef CHANNELS
#define CHANNELS 8
#endif
#if CHANNELS < 1 || CHANNELS > 8
#error "CHANNELS must be 1..8 (ADC0-ADC7)"
#endif

#define FIRMWARE_NAME "detent-hr-avr/1"
#define BAUD 115200UL
#define TICK_HZ 200u
#define CHANNELS_PER_TICK 2u
#define TICKS_PER_SCAN ((CHANNELS + CHANNELS_PER_TICK - 1) / CHANNELS_PER_TICK)
#define KEEPALIVE_TICKS TICK_HZ /* about once a second (PROTOCOL.md § Type 0x01) */

#ifdef SIMAVR
/*
 * simavr reads the MCU name, clock and analog voltages from this ELF section, so the ELF runs in
 * simavr without -m/-f flags. The section lives at 0x910000 (outside flash; the Makefile passes
 * --section-start=.mmcu=0x910000 and --undefined=_mmcu so the linker keeps it). Never in a .hex.
 */
#include <simavr/avr/avr_mcu_section.h>
AVR_MCU(F_CPU, "atmega328p");
AVR_MCU_VOLTAGES(5000, 5000, 5000); /* VCC, AVCC, AREF in mV: a 5 V Uno */
#endif

/* --------------------------------------------------------------------------------------------
 * Sleep helper. Interrupts are off while the condition is tested, and `sei` is followed by
 * `sleep`: the AVR runs the instruction after `sei` before any interrupt, so an interrupt that
 * makes the condition false cannot slip in between the test and the sleep (no lost wake-up).
 * Idle mode keeps clkIO running — Timer1, the UART and the ADC all need it.
 * (simavr gotcha: sleeping with interrupts disabled makes simavr stop the simulation.)
 */
#define SLEEP_WHILE(cond)      \
  do {                         \
    for (;;) {                 \
      cli();                   \
      if (!(cond)) break;      \
      sleep_enable();          \
      sei();                   \
      sleep_cpu();             \
      sleep_disable();         \
    }                          \
    sei();                     \
  } while (0)

/* --------------------------------------------------------------------------------------------
 * UART0: 115200 8N1 with U2X. UBRR = F_CPU / (8 × baud) − 1 = 16.36 → 16 gives 117 647 baud
 * (+2.1 %); without U2X, 8 would give 111 111 (−3.5 %). Same setting as Arduino's Serial.begin.
 * TX is interrupt-driven from a ring buffer; RX feeds the SLIP decoder from its interrupt.
 */
#define UBRR_VALUE ((F_CPU + 4UL * BAUD) / (8UL * BAUD) - 1UL)
#define TX_SIZE 128u /* power of two: the indexes wrap with a mask */
static uint8_t tx_buf[TX_SIZE];
static volatile uint8_t tx_head; /* written by the main loop only */
static volatile uint8_t tx_tail; /* written by the UDRE interrupt only */

static dhr_slip_rx_t rx;                   /* owned by the RX interrupt */
static volatile uint8_t request_pending;   /* a valid request arrived (RX interrupt → main loop) */

static void uart_init(void) {
  UBRR0 = UBRR_VALUE;
  UCSR0A = _BV(U2X0);
  UCSR0C = _BV(UCSZ01) | _BV(UCSZ00); /* 8 data bits, no parity, 1 stop bit */
  UCSR0B = _BV(RXEN0) | _BV(TXEN0) | _BV(RXCIE0);
  dhr_slip_reset(&rx);
}

/* Queues one byte; sleeps while the buffer is full (the UDRE interrupt drains it). */
static void uart_put(uint8_t b) {
  uint8_t next = (uint8_t)((tx_head + 1u) & (TX_SIZE - 1u));
  SLEEP_WHILE(next == tx_tail);
  tx_buf[tx_head] = b;
  tx_head = next;
  /* Read-modify-write of UCSR0B can race with the ISR clearing UDRIE0; the worst case is one
   * extra UDRE interrupt that finds the buffer empty and clears it again. */
  UCSR0B |= _BV(UDRIE0);
}

ISR(USART_UDRE_vect) {
  if (tx_head == tx_tail) {
    UCSR0B &= (uint8_t)~_BV(UDRIE0); /* nothing left: stop the interrupt until uart_put */
    return;
  }
  UDR0 = tx_buf[tx_tail];
  tx_tail = (uint8_t)((tx_tail + 1u) & (TX_SIZE - 1u));
}

ISR(USART_RX_vect) {
  uint8_t status = UCSR0A; /* read the error flags before UDR0, which clears them */
  uint8_t b = UDR0;
  if (status & (_BV(FE0) | _BV(DOR0))) dhr_slip_poison(&rx); /* broken or lost byte: drop the frame */
  uint8_t n = dhr_slip_feed(&rx, b);
  /* PROTOCOL.md § Type 0x10: version 1, type 0x10, no payload, good CRC. 4 CRC bytes cost ~300
   * cycles, well inside the 1390 cycles one byte takes to arrive. */
  if (n && dhr_is_request(rx.buf, n)) request_pending = 1;
}

/* --------------------------------------------------------------------------------------------
 * Timer1: CTC at 200 Hz (16 MHz / 8 / 10 000), the scan tick.
 */
static volatile uint16_t tick_count;

static void timer_init(void) {
  TCCR1A = 0;
  TCCR1B = _BV(WGM12) | _BV(CS11); /* CTC on OCR1A, clk/8 */
  OCR1A = (uint16_t)(F_CPU / 8UL / TICK_HZ - 1UL);
  TIMSK1 = _BV(OCIE1A);
}

ISR(TIMER1_COMPA_vect) { tick_count++; }

/* --------------------------------------------------------------------------------------------
 * ADC: AVcc reference (a 100 nF capacitor from AREF to GND on the board), 125 kHz ADC clock
 * (16 MHz / 128; the datasheet wants 50–200 kHz for full 10-bit accuracy), one conversion at a
 * time with the CPU asleep until the ADC interrupt. Not the ADC noise reduction sleep mode: that
 * stops clkIO, and with it Timer1 and the UART.
 */
static uint16_t value[CHANNELS];     /* latest oversampled 12-bit reading */
static uint16_t last_sent[CHANNELS]; /* what the host was last told */

static void adc_init(void) {
  ADMUX = _BV(REFS0);                                              /* AVcc reference, channel 0 */
  ADCSRA = _BV(ADEN) | _BV(ADIE) | _BV(ADPS2) | _BV(ADPS1) | _BV(ADPS0); /* on, interrupt, clk/128 */
  /* Digital input buffers off on the pots' pins (ADC6/7 have none): less noise and current. */
  DIDR0 = (uint8_t)((1u << (CHANNELS < 6 ? CHANNELS : 6)) - 1u);
}

/* The interrupt only wakes the CPU; the result is read after ADSC drops. Without a handler the
 * vector would jump to __bad_interrupt, i.e. reset. */
EMPTY_INTERRUPT(ADC_vect);

static uint16_t adc_convert(void) {
  ADCSRA |= _BV(ADSC);
  SLEEP_WHILE(ADCSRA & _BV(ADSC)); /* other interrupts (UART, tick) may wake us first: sleep again */
  return ADC;                       /* ADCL then ADCH, as the datasheet requires */
}

static void scan_channel(uint8_t ch) {
  ADMUX = (uint8_t)(_BV(REFS0) | ch);
  (void)adc_convert(); /* the first conversion after a mux switch is thrown away: the S/H settles */
  uint16_t sum = 0;
  for (uint8_t i = 0; i < DHR_OVERSAMPLE; i++) sum += adc_convert(); /* 16 × 1023 fits 16 bits */
  value[ch] = dhr_scale_sum(sum);
}

/* --------------------------------------------------------------------------------------------
 * Packets (PROTOCOL.md § Packet layout). One sequence counter for every packet sent.
 */
static uint8_t seq;

static void send_hello(void) {
  dhr_send_hello(uart_put, DEVICE_ID, seq++, CHANNELS, DHR_BITS, FIRMWARE_NAME);
}

static void send_all(void) {
  uint8_t list[CHANNELS];
  for (uint8_t ch = 0; ch < CHANNELS; ch++) {
    list[ch] = ch;
    last_sent[ch] = value[ch];
  }
  dhr_send_values(uart_put, DEVICE_ID, seq++, DHR_BITS, CHANNELS, list, value);
}

static void send_changed(void) {
  uint8_t list[CHANNELS];
  uint8_t n = 0;
  for (uint8_t ch = 0; ch < CHANNELS; ch++) {
    if (dhr_should_send(value[ch], last_sent[ch])) {
      list[n++] = ch;
      last_sent[ch] = value[ch];
    }
  }
  if (n) dhr_send_values(uart_put, DEVICE_ID, seq++, DHR_BITS, n, list, value);
}

static uint16_t ticks_now(void) {
  uint16_t t;
  cli();
  t = tick_count;
  sei();
  return t;
}

int main(void) {
  set_sleep_mode(SLEEP_MODE_IDLE);
  uart_init();
  timer_init();
  adc_init();
  sei();

  /* Start-up: one full scan (~14 ms) so the first values are real, then hello + all values. */
  for (uint8_t ch = 0; ch < CHANNELS; ch++) scan_channel(ch);
  send_hello();
  send_all();

  uint16_t done = ticks_now();
  uint16_t last_full = done;
  uint8_t phase = 0;
  for (;;) {
    SLEEP_WHILE(tick_count == done); /* tested with interrupts off, so the 16-bit read is atomic */
    done++;                          /* one tick at a time; if a scan overran, catch up at once */

    if (request_pending) {
      request_pending = 0;
      send_hello();
      send_all();
      last_full = done;
    }

    for (uint8_t i = 0; i < CHANNELS_PER_TICK; i++) {
      uint8_t ch = (uint8_t)(phase * CHANNELS_PER_TICK + i);
      if (ch < CHANNELS) scan_channel(ch);
    }
    if (++phase < TICKS_PER_SCAN) continue;
    phase = 0;

    if ((uint16_t)(done - last_full) >= KEEPALIVE_TICKS) {
      send_all(); /* keep-alive: every channel, so a host that opened late knows every knob */
      last_full = done;
    } else {
      send_changed();
    }
  }
}
