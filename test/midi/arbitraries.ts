import fc from 'fast-check';
import type { MidiOut } from '../../bridge/core/midi/wire.js';

const ch = fc.integer({ min: 0, max: 15 });
const d7 = fc.integer({ min: 0, max: 127 });

/** Any valid MIDI message Detent reads or writes (channel voice and SysEx). */
export const arbMidiOut: fc.Arbitrary<MidiOut> = fc.oneof(
  fc.record({ type: fc.constant('cc' as const), channel: ch, controller: d7, value: d7 }),
  fc.record({ type: fc.constantFrom('noteon' as const, 'noteoff' as const), channel: ch, note: d7, velocity: d7 }),
  fc.record({ type: fc.constant('pitchbend' as const), channel: ch, value: fc.integer({ min: 0, max: 16383 }) }),
  fc.record({ type: fc.constant('program' as const), channel: ch, number: d7 }),
  fc.record({ type: fc.constant('channel-pressure' as const), channel: ch, value: d7 }),
  fc.record({ type: fc.constant('poly-pressure' as const), channel: ch, note: d7, value: d7 }),
  fc.record({ type: fc.constant('sysex' as const), body: fc.array(d7, { maxLength: 40 }) }),
);
