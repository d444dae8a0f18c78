/*
 * The minimal Arduino core stand-in (see Arduino.h): main() calling setup()/loop(), millis() on
 * Timer0, analogRead() as in the Arduino AVR core, and Serial on UART0 (RX interrupt into a
 * 64-byte ring like the core's; TX polled, which only changes timing, not bytes).
 */
#include "Arduino.h"

#include <avr/interrupt.h>

/* ---- millis: Timer0 CTC at 1 kHz (16 MHz / 64 / 250) -------------------------------------- */
static volatile unsigned long ms;

ISR(TIMER0_COMPA_vect) { ms++; }

unsigned long millis(void) {
  uint8_t sreg = SREG;
  cli();
  unsigned long m = ms;
  SREG = sreg;
  return m;
}

/* ---- analogRead: AVcc reference, 125 kHz ADC clock, busy-wait, as the Arduino AVR core ------- */
static uint8_t reference = DEFAULT;

void analogReference(uint8_t mode) { reference = mode; }

int analogRead(uint8_t pin) {
  if (pin >= A0) pin = (uint8_t)(pin - A0);
  ADMUX = (uint8_t)((reference << 6) | (pin & 0x07));
  ADCSRA |= _BV(ADSC);
  while (ADCSRA & _BV(ADSC)) {
  }
  return ADC;
}

/* ---- Serial ------------------------------------------------------------------------------ */
ShimSerial Serial;

#define RX_SIZE 64u
static volatile uint8_t rx_buf[RX_SIZE];
static volatile uint8_t rx_head, rx_tail;

ISR(USART_RX_vect) {
  uint8_t b = UDR0;
  uint8_t next = (uint8_t)((rx_head + 1u) % RX_SIZE);
  if (next != rx_tail) { /* full: drop, as the core does */
    rx_buf[rx_head] = b;
    rx_head = next;
  }
}

void ShimSerial::begin(unsigned long baud) {
  /* U2X, as the Arduino core chooses at 16 MHz / 115200: UBRR 16, 117 647 baud. */
  UBRR0 = (uint16_t)((F_CPU + 4UL * baud) / (8UL * baud) - 1UL);
  UCSR0A = _BV(U2X0);
  UCSR0C = _BV(UCSZ01) | _BV(UCSZ00);
  UCSR0B = _BV(RXEN0) | _BV(TXEN0) | _BV(RXCIE0);
}

size_t ShimSerial::write(uint8_t b) {
  while (!(UCSR0A & _BV(UDRE0))) {
  }
  UDR0 = b;
  return 1;
}

int ShimSerial::available(void) { return (int)((RX_SIZE + rx_head - rx_tail) % RX_SIZE); }

int ShimSerial::read(void) {
  if (rx_head == rx_tail) return -1;
  uint8_t b = rx_buf[rx_tail];
  rx_tail = (uint8_t)((rx_tail + 1u) % RX_SIZE);
  return b;
}

/* ---- main ---------------------------------------------------------------------------------- */
int main(void) {
  TCCR0A = _BV(WGM01);             /* CTC */
  TCCR0B = _BV(CS01) | _BV(CS00);  /* clk/64 */
  OCR0A = 249;
  TIMSK0 = _BV(OCIE0A);
  ADCSRA = _BV(ADEN) | _BV(ADPS2) | _BV(ADPS1) | _BV(ADPS0); /* on, clk/128 = 125 kHz */
  sei();
  setup();
  for (;;) loop();
}
