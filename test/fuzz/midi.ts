/**
 * MIDI byte streams → MidiParser (core/midi/parser.ts) → MidiRouter (core/routing/midi-input.ts)
 * with the shipped MIDI controller profiles, as the daemon wires a serial MIDI port (SysEx goes
 * nowhere). Streams are messages for the shipped profiles' sources (14-bit pairs, NRPN/RPN,
 * halves left alone), random channel messages, SysEx (short, unterminated, over the limit), system
 * common messages, garbage, running status, and real-time bytes anywhere; cut into random chunks
 * with random time stamps.
 */
import fc from 'fast-check';
import { DEFAULT_SYSEX_LIMIT, MidiParser, type ParsedMidi } from '../../bridge/core/midi/parser.js';
import type { MidiSource } from '../../bridge/core/midi/spec.js';
import { MidiRouter } from '../../bridge/core/routing/midi-input.js';
import { byteMutation, chunk, mutateBytes, timeStart, timeStep, times, type ByteMutation } from './gen.js';
import { expect, hex, noThrow } from './harness.js';
import { OUTCOMES, withRig, type Rig, type Shipped } from './rig.js';

// ---------------------------------------------------------------------------------------------
// Streams

/** One piece of a stream; `status` is its channel status when running status may drop it. */
interface Segment {
  readonly bytes: readonly number[];
  readonly status?: number;
}

const d7 = fc.integer({ min: 0, max: 127 });
const d14 = fc.integer({ min: 0, max: 16383 });
const cc = (ch: number, n: number, v: number): Segment => ({ bytes: [0xb0 | ch, n & 0x7f, v & 0x7f], status: 0xb0 | ch });

/** Messages a control of this source sends, with a random value (or only half of a pair). */
function sourceSegments(s: MidiSource): fc.Arbitrary<Segment[]> {
  const ch = s.channel & 15;
  switch (s.kind) {
    case 'cc':
      return d7.map((v) => [cc(ch, s.controller, v)]);
    case 'cc14':
      return fc.tuple(d14, fc.constantFrom('both', 'both', 'both', 'msb', 'lsb', 'swapped')).map(([v, which]) => {
        const msb = cc(ch, s.controller, v >> 7);
        const lsb = cc(ch, s.controller + 32, v & 0x7f);
        const inOrder = s.lsbFirst ? [lsb, msb] : [msb, lsb];
        return which === 'both' ? inOrder : which === 'swapped' ? inOrder.reverse() : which === 'msb' ? [msb] : [lsb];
      });
    case 'nrpn':
    case 'rpn': {
      const [selMsb, selLsb] = s.kind === 'nrpn' ? [99, 98] : [101, 100];
      const select = [cc(ch, selMsb, s.param >> 7), cc(ch, selLsb, s.param & 0x7f)];
      return fc.tuple(d14, fc.constantFrom('data', 'data', 'msb-only', 'increment', 'decrement', 'null', 'no-select')).map(([v, how]) => {
        switch (how) {
          case 'data':
            return [...select, cc(ch, 6, v >> 7), ...(s.bits === 14 ? [cc(ch, 38, v & 0x7f)] : [])];
          case 'msb-only':
            return [...select, cc(ch, 6, v >> 7)];
          case 'increment':
            return [...select, cc(ch, 96, v & 0x7f)];
          case 'decrement':
            return [...select, cc(ch, 97, v & 0x7f)];
          case 'null':
            return [...select, cc(ch, selMsb, 127), cc(ch, selLsb, 127), cc(ch, 6, v >> 7)];
          default:
            return [cc(ch, 6, v >> 7), cc(ch, 38, v & 0x7f)];
        }
      });
    }
    case 'pitchbend':
      return d14.map((v) => [{ bytes: [0xe0 | ch, v & 0x7f, v >> 7], status: 0xe0 | ch }]);
    case 'note':
      return fc.tuple(d7, fc.boolean()).map(([v, on]) => [{ bytes: [(on ? 0x90 : 0x80) | ch, s.note, v], status: (on ? 0x90 : 0x80) | ch }]);
    case 'poly-pressure':
      return d7.map((v) => [{ bytes: [0xa0 | ch, s.note, v], status: 0xa0 | ch }]);
    case 'channel-pressure':
      return d7.map((v) => [{ bytes: [0xd0 | ch, v], status: 0xd0 | ch }]);
    case 'program':
      return fc.constant([{ bytes: [0xc0 | ch, s.number], status: 0xc0 | ch }]);
  }
}

/** The bytes a control of this source sends for raw value `v` (full messages, the value's whole form). */
export function sourceBytes(s: MidiSource, v: number): number[] {
  const ch = s.channel & 15;
  const c = (n: number, x: number): number[] => [0xb0 | ch, n & 0x7f, x & 0x7f];
  switch (s.kind) {
    case 'cc':
      return c(s.controller, v);
    case 'cc14':
      return s.lsbFirst ? [...c(s.controller + 32, v), ...c(s.controller, v >> 7)] : [...c(s.controller, v >> 7), ...c(s.controller + 32, v)];
    case 'nrpn':
    case 'rpn': {
      const [m, l] = s.kind === 'nrpn' ? [99, 98] : [101, 100];
      return [...c(m, s.param >> 7), ...c(l, s.param), ...c(6, s.bits === 14 ? v >> 7 : v), ...(s.bits === 14 ? c(38, v) : [])];
    }
    case 'pitchbend':
      return [0xe0 | ch, v & 0x7f, (v >> 7) & 0x7f];
    case 'note':
      return [0x90 | ch, s.note & 0x7f, v & 0x7f];
    case 'poly-pressure':
      return [0xa0 | ch, s.note & 0x7f, v & 0x7f];
    case 'channel-pressure':
      return [0xd0 | ch, v & 0x7f];
    case 'program':
      return [0xc0 | ch, s.number & 0x7f];
  }
}

const anyChannelMessage: fc.Arbitrary<Segment[]> = fc.tuple(fc.integer({ min: 0x80, max: 0xef }), d7, d7).map(([st, a, b]) => {
  const short = (st & 0xf0) === 0xc0 || (st & 0xf0) === 0xd0;
  return [{ bytes: short ? [st, a] : [st, a, b], status: st }];
});

const sysex: fc.Arbitrary<Segment[]> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.array(d7, { maxLength: 24 }), fc.constantFrom(0xf7, 0xf7, 0xf7, null, 0xb0, 0xf0, 0xf6)).map(([body, end]) => [{ bytes: [0xf0, ...body, ...(end === null ? [] : [end])] }]) },
  // Just over the parser's limit, terminated or not.
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: DEFAULT_SYSEX_LIMIT - 1, max: DEFAULT_SYSEX_LIMIT + 2 }), fc.boolean()).map(([n, end]) => [{ bytes: [0xf0, ...new Array<number>(n).fill(0x55), ...(end ? [0xf7] : [])] }]) },
);

const systemCommon: fc.Arbitrary<Segment[]> = fc.tuple(fc.constantFrom(0xf1, 0xf2, 0xf3, 0xf6, 0xf4, 0xf5, 0xf7), d7, d7).map(([st, a, b]) => {
  const n = st === 0xf2 ? 2 : st === 0xf1 || st === 0xf3 ? 1 : 0;
  return [{ bytes: [st, a, b].slice(0, n + 1) }];
});

const garbage: fc.Arbitrary<Segment[]> = fc.uint8Array({ minLength: 1, maxLength: 12 }).map((b) => [{ bytes: [...b] }]);

/** A status byte followed by too few data bytes. */
const truncated: fc.Arbitrary<Segment[]> = fc.tuple(fc.integer({ min: 0x80, max: 0xef }), d7).map(([st, a]) => [{ bytes: (st & 0xf0) === 0xc0 || (st & 0xf0) === 0xd0 ? [st] : [st, a] }]);

export interface MidiStream {
  readonly segments: readonly (readonly Segment[])[];
  /** Drop a status byte that repeats the running status. */
  readonly runningStatus: boolean;
  /** Real-time bytes (F8..FF) put in at positions (modulo the length). */
  readonly realtime: readonly { readonly at: number; readonly byte: number }[];
  readonly mutations: readonly ByteMutation[];
}

export function midiStreamArbitrary(sources: readonly MidiSource[], maxSegments = 12): fc.Arbitrary<MidiStream> {
  const segment = fc.oneof(
    ...(sources.length > 0 ? [{ weight: 8, arbitrary: fc.constantFrom(...sources).chain(sourceSegments) }] : []),
    { weight: 3, arbitrary: anyChannelMessage },
    { weight: 1, arbitrary: sysex },
    { weight: 1, arbitrary: systemCommon },
    { weight: 1, arbitrary: garbage },
    { weight: 1, arbitrary: truncated },
  );
  return fc.record({
    segments: fc.array(segment, { maxLength: maxSegments }),
    runningStatus: fc.boolean(),
    realtime: fc.array(fc.record({ at: fc.integer({ min: 0, max: 1 << 20 }), byte: fc.integer({ min: 0xf8, max: 0xff }) }), { maxLength: 4 }),
    mutations: fc.oneof({ weight: 5, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(byteMutation, { minLength: 1, maxLength: 3 }) }),
  });
}

export function midiBytes(s: MidiStream): Uint8Array {
  const out: number[] = [];
  let running = 0;
  for (const seg of s.segments.flat()) {
    const first = seg.bytes[0] ?? 0;
    const drop = s.runningStatus && seg.status !== undefined && seg.status === running && seg.status < 0xf0;
    out.push(...(drop ? seg.bytes.slice(1) : seg.bytes));
    // Only channel statuses set running status; system common and SysEx clear it (MIDI 1.0).
    if (first >= 0x80 && first < 0xf0) running = first;
    else if (first >= 0xf0 && first < 0xf8) running = 0;
  }
  for (const r of s.realtime) out.splice(r.at % (out.length + 1), 0, r.byte);
  const bytes = Uint8Array.from(out);
  return s.mutations.length > 0 ? mutateBytes(bytes, s.mutations) : bytes;
}

// ---------------------------------------------------------------------------------------------
// The MIDI target

export interface MidiCase {
  readonly stream: MidiStream;
  readonly chunks: readonly number[];
  readonly t0: number;
  readonly steps: readonly number[];
  /** Which of the shipped MIDI profiles matched the port (the daemon routes for each). */
  readonly profiles: readonly string[];
  /** Whether to run the router's flush (held 14-bit halves) after each chunk. */
  readonly flush: boolean;
}

export function midiSources(shipped: Shipped): { readonly sources: MidiSource[]; readonly profiles: string[] } {
  const bs = shipped.bindings.filter((b) => b.decode.kind === 'midi');
  return {
    sources: bs.flatMap((b) => (b.decode.kind === 'midi' ? [b.decode.source] : [])),
    profiles: [...new Set(bs.map((b) => b.profile))],
  };
}

export function midiCaseArbitrary(shipped: Shipped): fc.Arbitrary<MidiCase> {
  const { sources, profiles } = midiSources(shipped);
  return fc.record({
    stream: midiStreamArbitrary(sources),
    chunks: fc.array(fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 16 }) }, { weight: 1, arbitrary: fc.integer({ min: 17, max: 512 }) }), { maxLength: 6 }),
    t0: timeStart,
    steps: fc.array(timeStep, { minLength: 1, maxLength: 8 }),
    profiles: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...profiles).map((p) => [p]) }, { weight: 1, arbitrary: fc.subarray(profiles) }),
    flush: fc.boolean(),
  });
}

/** Why a parsed item is malformed, or undefined. */
export function badParsed(p: ParsedMidi): string | undefined {
  const d7ok = (x: number): boolean => Number.isInteger(x) && x >= 0 && x <= 127;
  switch (p.kind) {
    case 'realtime':
      return p.status >= 0xf8 && p.status <= 0xff ? undefined : `real-time status ${p.status}`;
    case 'common':
      return p.status >= 0xf1 && p.status <= 0xf6 && p.data.every(d7ok) ? undefined : `common ${JSON.stringify(p)}`;
    case 'message': {
      const m = p.message;
      if (m.type === 'sysex') return m.body.every(d7ok) && m.body.length <= DEFAULT_SYSEX_LIMIT ? undefined : `SysEx body of ${m.body.length}`;
      if (!(Number.isInteger(m.channel) && m.channel >= 0 && m.channel <= 15)) return `channel ${m.channel}`;
      const data = m.type === 'cc' ? [m.controller, m.value] : m.type === 'noteon' || m.type === 'noteoff' ? [m.note, m.velocity] : m.type === 'poly-pressure' ? [m.note, m.value] : m.type === 'program' ? [m.number] : m.type === 'channel-pressure' ? [m.value] : [];
      if (m.type === 'pitchbend') return Number.isInteger(m.value) && m.value >= 0 && m.value <= 16383 ? undefined : `pitch bend ${m.value}`;
      return data.every(d7ok) ? undefined : `data ${JSON.stringify(m)}`;
    }
  }
}

const parseAll = (bytes: Uint8Array): { items: ParsedMidi[]; counters: string } => {
  const p = new MidiParser();
  const items = p.push(bytes);
  return { items, counters: JSON.stringify(p.counters) };
};

export function checkMidiCase(shipped: Shipped, c: MidiCase): void {
  const bytes = midiBytes(c.stream);
  const where = (): string => `stream ${hex(bytes, 64)}`;
  const whole = noThrow('MidiParser.push', () => parseAll(bytes));
  for (const p of whole.items) {
    const bad = badParsed(p);
    expect(bad === undefined, () => `parsed ${bad}; ${where()}`);
  }
  // Real-time bytes change nothing else (MIDI 1.0: they may sit anywhere, even inside a message).
  const still = parseAll(bytes.filter((b) => b < 0xf8));
  const nonRealtime = JSON.stringify(whole.items.filter((p) => p.kind !== 'realtime'));
  expect(JSON.stringify(still.items) === nonRealtime && still.counters === whole.counters, () => `real-time bytes changed the parse: ${still.counters} vs ${whole.counters}; ${where()}`);
  // Garbage before any status is reported as stray data.
  const first = bytes.find((b) => b < 0xf8);
  if (first !== undefined && first < 0x80) expect(JSON.parse(whole.counters).strayData > 0, () => `a leading data byte was not counted as stray; ${where()}`);

  // Chunked, with time, through the router, as the daemon does.
  const chunked = withRig(shipped.table, shipped.modes, (rig) => routeChunks(rig, c, bytes, where));
  expect(JSON.stringify(chunked.items) === JSON.stringify(whole.items) && chunked.counters === whole.counters, () => `chunking changed the parse (chunks ${JSON.stringify(c.chunks)}); ${where()}`);
}

function routeChunks(rig: Rig, c: MidiCase, bytes: Uint8Array, where: () => string): { items: ParsedMidi[]; counters: string } {
  const router = new MidiRouter(rig.runtime);
  const parser = new MidiParser();
  const ts = times(c.t0, c.steps);
  const all: ParsedMidi[] = [];
  chunk(bytes, c.chunks).forEach((part, i) => {
    const t = ts[i % ts.length] ?? 0;
    const items = noThrow('MidiParser.push', () => parser.push(part));
    all.push(...items);
    let routed = false;
    for (const p of items) {
      if (p.kind !== 'message' || p.message.type === 'sysex') continue;
      const input = { kind: 'midi' as const, device: 'serial:/dev/fuzz', message: p.message, t };
      routed = true;
      const out = noThrow(() => `MidiRouter.route(${JSON.stringify(input.message)})`, () => router.route(input, c.profiles));
      expect(OUTCOMES.has(out.kind) && out.kind !== 'rejected', () => `outcome ${out.kind}; ${where()}`);
    }
    if (c.flush) {
      const due = router.nextDeadline();
      expect(due === undefined || Number.isFinite(due), () => `deadline ${due}; ${where()}`);
      if (due !== undefined) routed = true;
      noThrow('MidiRouter.flush', () => router.flush(due !== undefined && due > t ? due : t));
    }
    // Every change was checked as the store made it; a full scan after each chunk that could change anything.
    if (routed) rig.assertSound(() => `chunk ${i} at t=${t}; ${where()}`);
  });
  rig.assertSound(where);
  return { items: all, counters: JSON.stringify(parser.counters) };
}
