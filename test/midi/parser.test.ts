import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MidiParser, type ParsedMidi } from '../../bridge/core/midi/parser.js';
import { encodeMidi, type MidiOut } from '../../bridge/core/midi/wire.js';
import { arbMidiOut } from './arbitraries.js';

interface Fixture {
  readonly name: string;
  readonly bytes: number[];
  readonly expected: ({ realtime: number } | { common: number } | MidiOut)[];
}
const mido = JSON.parse(readFileSync(new URL('./fixtures/mido.json', import.meta.url), 'utf8')) as { cases: Fixture[] };

/** The parser's output in the fixtures' form. */
const view = (p: ParsedMidi): Fixture['expected'][number] =>
  p.kind === 'message' ? p.message : p.kind === 'realtime' ? { realtime: p.status } : { common: p.status };

const parseAll = (bytes: number[], chunk = bytes.length): Fixture['expected'] => {
  const parser = new MidiParser();
  const out: ParsedMidi[] = [];
  for (let i = 0; i < bytes.length; i += Math.max(1, chunk)) out.push(...parser.push(bytes.slice(i, i + Math.max(1, chunk))));
  return out.map(view);
};

describe('MIDI parser: reference bytes from python3-mido', () => {
  for (const c of mido.cases) {
    it(c.name, () => {
      expect(parseAll(c.bytes)).toEqual(c.expected);
      expect(parseAll(c.bytes, 1)).toEqual(c.expected);
    });
  }

  it('encodes every single message to the bytes mido produces', () => {
    for (const c of mido.cases.filter((x) => x.expected.length === 1)) {
      const m = c.expected[0] as MidiOut;
      expect(encodeMidi(m), c.name).toEqual(c.bytes);
    }
  });
});

describe('MIDI parser: hand-written cases (MIDI 1.0 spec)', () => {
  it('running status: MCU meters D0 4C 4B are two channel-pressure messages', () => {
    expect(parseAll([0xd0, 0x4c, 0x4b])).toEqual([
      { type: 'channel-pressure', channel: 0, value: 0x4c },
      { type: 'channel-pressure', channel: 0, value: 0x4b },
    ]);
  });

  it('running status across CC messages and across chunks, with a clock in between', () => {
    expect(parseAll([0xb0, 7, 1, 7, 0xf8, 2, 10, 3], 2)).toEqual([
      { type: 'cc', channel: 0, controller: 7, value: 1 },
      { realtime: 0xf8 },
      { type: 'cc', channel: 0, controller: 7, value: 2 },
      { type: 'cc', channel: 0, controller: 10, value: 3 },
    ]);
  });

  it('note-on running status with velocity 0 (note-off by convention) stays a note-on', () => {
    expect(parseAll([0x90, 60, 100, 60, 0])).toEqual([
      { type: 'noteon', channel: 0, note: 60, velocity: 100 },
      { type: 'noteon', channel: 0, note: 60, velocity: 0 },
    ]);
  });

  it('resyncs after garbage: stray data bytes are skipped until a status byte', () => {
    const p = new MidiParser();
    const out = p.push([0x12, 0x34, 0x56, 0xe0, 0x00, 0x40]).map(view);
    expect(out).toEqual([{ type: 'pitchbend', channel: 0, value: 8192 }]);
    expect(p.counters.strayData).toBe(3);
  });

  it('a message cut short by a new status is dropped and counted', () => {
    const p = new MidiParser();
    expect(p.push([0xb0, 7, 0x90, 60, 1]).map(view)).toEqual([{ type: 'noteon', channel: 0, note: 60, velocity: 1 }]);
    expect(p.counters.truncated).toBe(1);
  });

  it('system common cancels running status; tune request has no data', () => {
    expect(parseAll([0xb0, 1, 2, 0xf6, 3, 4, 0xf3, 5])).toEqual([{ type: 'cc', channel: 0, controller: 1, value: 2 }, { common: 0xf6 }, { common: 0xf3 }]);
  });

  it('reassembles a SysEx split over chunks with real-time bytes inside', () => {
    const body = [0x00, 0x00, 0x66, 0x14, 0x12, 0x38, 0x41, 0x42];
    expect(parseAll([0xf0, ...body.slice(0, 3), 0xfe, ...body.slice(3), 0xf8, 0xf7], 3)).toEqual([{ realtime: 0xfe }, { realtime: 0xf8 }, { type: 'sysex', body }]);
  });

  it('drops a SysEx longer than the limit whole, then parses on', () => {
    const p = new MidiParser(4);
    const out = p.push([0xf0, 1, 2, 3, 4, 5, 6, 0xf7, 0xc0, 9]).map(view);
    expect(out).toEqual([{ type: 'program', channel: 0, number: 9 }]);
    expect(p.counters.sysexOverflow).toBe(1);
  });

  it('an unterminated SysEx ends at the next status byte', () => {
    expect(parseAll([0xf0, 1, 2, 0xb1, 7, 9])).toEqual([{ type: 'cc', channel: 1, controller: 7, value: 9 }]);
  });
});

describe('MIDI parser: properties', () => {
  it('never throws on any bytes in any chunking, and every message it yields is in range', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 300 }), fc.integer({ min: 1, max: 20 }), (bytes, chunk) => {
        for (const m of parseAll(bytes, chunk)) {
          if ('type' in m && m.type !== 'sysex') expect(encodeMidi(m).every((b, i) => (i === 0 ? b >= 0x80 : b < 0x80))).toBe(true);
        }
      }),
    );
  });

  it('encode → parse round-trips any message sequence, with real-time bytes inserted anywhere', () => {
    fc.assert(
      fc.property(fc.array(arbMidiOut, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 10 }), fc.integer({ min: 1, max: 9 }), (msgs, spots, chunk) => {
        const bytes = msgs.flatMap(encodeMidi);
        for (const s of spots) if (bytes.length > 0) bytes.splice(s % bytes.length, 0, 0xf8);
        const got = parseAll(bytes, chunk).filter((m) => !('realtime' in m));
        expect(got).toEqual(msgs);
      }),
    );
  });

  it('running-status encoding (status omitted when repeated) parses to the same messages', () => {
    fc.assert(
      fc.property(fc.array(arbMidiOut, { maxLength: 30 }), (msgs) => {
        const channel = msgs.filter((m) => m.type !== 'sysex');
        let last = -1;
        const bytes: number[] = [];
        for (const m of channel) {
          const [status = 0, ...data] = encodeMidi(m);
          if (status !== last) bytes.push(status);
          bytes.push(...data);
          last = status;
        }
        expect(parseAll(bytes)).toEqual(channel);
      }),
    );
  });
});
