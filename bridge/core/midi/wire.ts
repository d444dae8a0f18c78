import { assertNever } from '../assert-never.js';
import type { MidiMessage } from '../input.js';

/**
 * What goes out on a MIDI port: a channel voice message, or a SysEx message given by its body
 * (the bytes between F0 and F7, each 0..127). Byte layouts follow the MIDI 1.0 Detailed
 * Specification (MMA, 1996), table I "Summary of status bytes".
 */
export type MidiOut = MidiMessage | { readonly type: 'sysex'; readonly body: readonly number[] };

/** Status nibbles of channel voice messages (MIDI 1.0 spec, table I). */
export const STATUS = {
  noteoff: 0x80,
  noteon: 0x90,
  polyPressure: 0xa0,
  cc: 0xb0,
  program: 0xc0,
  channelPressure: 0xd0,
  pitchbend: 0xe0,
} as const;

/** System exclusive start and end (MIDI 1.0 spec, "System Exclusive Messages"). */
export const SYSEX_START = 0xf0;
export const SYSEX_END = 0xf7;

const d7 = (x: number): number => x & 0x7f;

/** The bytes of one message, with a full status byte (no running status). */
export function encodeMidi(m: MidiOut): number[] {
  switch (m.type) {
    case 'noteon':
      return [STATUS.noteon | (m.channel & 15), d7(m.note), d7(m.velocity)];
    case 'noteoff':
      return [STATUS.noteoff | (m.channel & 15), d7(m.note), d7(m.velocity)];
    case 'poly-pressure':
      return [STATUS.polyPressure | (m.channel & 15), d7(m.note), d7(m.value)];
    case 'cc':
      return [STATUS.cc | (m.channel & 15), d7(m.controller), d7(m.value)];
    case 'program':
      return [STATUS.program | (m.channel & 15), d7(m.number)];
    case 'channel-pressure':
      return [STATUS.channelPressure | (m.channel & 15), d7(m.value)];
    case 'pitchbend':
      // 14-bit value, LSB first then MSB (MIDI 1.0 spec, "Pitch Bend Change").
      return [STATUS.pitchbend | (m.channel & 15), m.value & 0x7f, (m.value >> 7) & 0x7f];
    case 'sysex':
      return [SYSEX_START, ...m.body.map(d7), SYSEX_END];
    default:
      return assertNever(m, 'MIDI message');
  }
}

/** A stable label for logs and the devices page: `cc 0 7 = 64`. */
export function describeMidi(m: MidiOut): string {
  switch (m.type) {
    case 'noteon':
    case 'noteoff':
      return `${m.type} ${m.channel} ${m.note} = ${m.velocity}`;
    case 'poly-pressure':
      return `poly-pressure ${m.channel} ${m.note} = ${m.value}`;
    case 'cc':
      return `cc ${m.channel} ${m.controller} = ${m.value}`;
    case 'program':
      return `program ${m.channel} ${m.number}`;
    case 'channel-pressure':
    case 'pitchbend':
      return `${m.type} ${m.channel} = ${m.value}`;
    case 'sysex':
      return `sysex ${m.body.length} bytes`;
    default:
      return assertNever(m, 'MIDI message');
  }
}
