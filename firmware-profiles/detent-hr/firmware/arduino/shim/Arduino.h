/*
 * A minimal stand-in for the Arduino core, just what detent-hr.ino uses, so the sketch builds
 * with plain avr-g++ + avr-libc (`make`, build/detent-hr-ino-sim.elf) and runs in simavr next to
 * the C firmware. NOT for the Arduino IDE, which brings its own core. ATmega328P at 16 MHz only.
 * Behaviour follows the Arduino AVR core where the sketch depends on it: analogRead is a blocking
 * 10-bit conversion at 125 kHz, millis() counts milliseconds, Serial buffers received bytes.
 */
#ifndef DETENT_SHIM_ARDUINO_H
#define DETENT_SHIM_ARDUINO_H

#include <avr/io.h>
#include <stddef.h>
#include <stdint.h>

/* Analog pin numbers as on the Uno/Nano (digital 14..21). */
#define A0 14
#define A1 15
#define A2 16
#define A3 17
#define A4 18
#define A5 19
#define A6 20
#define A7 21

#define DEFAULT 1 /* analogReference: AVcc (REFS0) */

void analogReference(uint8_t mode);
int analogRead(uint8_t pin);
unsigned long millis(void);

class ShimSerial {
 public:
  void begin(unsigned long baud);
  size_t write(uint8_t b);
  int available(void);
  int read(void);
};
extern ShimSerial Serial;

void setup(void);
void loop(void);

#endif
