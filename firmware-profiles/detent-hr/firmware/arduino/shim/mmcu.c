/*
 * simavr metadata for the shim-built sketch (build/detent-hr-ino-sim.elf): MCU, clock and analog
 * voltages in the .mmcu section, as in detent-hr.c. A C file because the header's designated
 * initializers are C, not C++.
 */
#ifdef SIMAVR
#include <simavr/avr/avr_mcu_section.h>
AVR_MCU(F_CPU, "atmega328p");
AVR_MCU_VOLTAGES(5000, 5000, 5000);
#endif
