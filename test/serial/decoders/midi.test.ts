import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDecoder } from '../../../bridge/core/serial/decoders/index.js';
import { MidiSerialDecoder } from '../../../bridge/core/serial/decoders/midi.js';
import { concat, hex } from '../fixtures/bytes.js';
import { arbCuts, arbMutated, badFrames, kinds, readings, run, wellFormed } from '../fixtures/harness.js';
import { MIDI_KNOBS, MIDI_NO_READINGS } from '../fixtures/midi.js';

const midi = (): MidiSerialDecoder => new MidiSerialDecoder();

describe('MIDI-over-serial decoder', () => {
  it('maps CC, pitch bend and notes to channels with 1-based MIDI channels (running status included)', () => {
    const r = run(midi(), MIDI_KNOBS);
    expect(readings(r.events)).toEqual(['cc/1/7=100/7', 'cc/1/10=64/7', 'pb/2=8192/14', 'note/10/60=1/1', 'note/10/60=0/1', 'note/1/61=0/1']);
    expect(kinds(r.events).filter((k) => k === 'frame')).toHaveLength(6);
    expect(r.writes).toEqual([]);
  });

  it('counts other messages as frames without readings', () => {
    const r = run(createDecoder({ kind: 'midi' }), MIDI_NO_READINGS);
    expect(r.events).toEqual(Array(5).fill({ kind: 'frame' }));
  });

  it('stray data bytes are one bad frame per run, at the first of them', () => {
    const r = run(midi(), hex('01 02 03 | B0 07 01 | F3 01 | 05 06 | B1 07 02'));
    expect(badFrames(r.events)).toEqual([
      { offset: 0, reason: 'data byte 0x01 with no status byte before it' },
      { offset: 8, reason: 'data byte 0x05 with no status byte before it' },
    ]);
    expect(readings(r.events)).toEqual(['cc/1/7=1/7', 'cc/2/7=2/7']);
  });

  it('a message cut short by a status byte is a bad frame at its start (board reset mid-message)', () => {
    const r = run(midi(), hex('B0 07 01 | B0 07 | 90 3C 64'));
    expect(badFrames(r.events)).toEqual([{ offset: 3, reason: 'message cut short by status byte 0x90' }]);
    expect(readings(r.events)).toEqual(['cc/1/7=1/7', 'note/1/60=1/1']);
  });

  it('a real-time byte inside a message disturbs nothing', () => {
    const r = run(midi(), hex('B0 07 F8 05'));
    expect(r.events).toEqual([{ kind: 'frame' }, { kind: 'frame' }, { kind: 'reading', channel: 'cc/1/7', raw: 5, bits: 7 }]);
  });

  it('an unterminated SysEx cut by a status byte is a bad frame at its F0', () => {
    const r = run(midi(), hex('B0 07 01 | F0 7D 01 02 | B0 07 02'));
    expect(badFrames(r.events)).toEqual([{ offset: 3, reason: 'message cut short by status byte 0xB0' }]);
  });

  it('an over-long SysEx is one bad frame', () => {
    const r = run(midi(), concat([0xf0], new Uint8Array(5000).fill(1), [0xf7, 0xb0, 7, 9]));
    expect(badFrames(r.events)).toEqual([{ offset: 0, reason: 'SysEx longer than the parser limit; dropped' }]);
    expect(readings(r.events)).toEqual(['cc/1/7=9/7']);
  });

  it('property: any chunking of a stream gives the same events', () => {
    const stream = concat(hex('40 41'), MIDI_KNOBS, hex('B0 07'), MIDI_NO_READINGS, MIDI_KNOBS);
    fc.assert(
      fc.property(arbCuts(stream.length), (cuts) => {
        expect(run(midi(), stream, cuts)).toEqual(run(midi(), stream));
      }),
    );
  });

  it('property: random and mutated streams never throw and every reading is in range', () => {
    const stream = concat(MIDI_KNOBS, MIDI_NO_READINGS);
    fc.assert(
      fc.property(fc.oneof(arbMutated(stream), fc.uint8Array({ maxLength: 200 })), fc.array(fc.nat(), { maxLength: 8 }), (bytes, cuts) => {
        const r = run(midi(), bytes, cuts);
        expect(wellFormed(r.events, bytes.length)).toBe(true);
        expect(r.events).toEqual(run(midi(), bytes).events);
      }),
    );
  });
});
