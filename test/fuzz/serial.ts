/**
 * Serial knob-box byte streams → each decoder (core/serial/decoders, `createDecoder`) → the
 * SerialRouter (core/routing/serial-input.ts: conditioning, then the mapping runtime) with the
 * shipped firmware profile of that protocol, compiled as the daemon compiles it. Streams are valid
 * frames from the encoders and fixtures, frames with bad fields, broken framing, garbage and
 * byte-level damage; cut into random chunks with random time stamps (equal and backwards ones
 * too), a port reopen somewhere, and the decoders' and router's timers run at random.
 */
import fc from 'fast-check';
import { compileFirmwareProfile, type CompiledFirmwareProfile } from '../../bridge/config/firmware-profile-compile.js';
import type { LoadedFirmwareProfile } from '../../bridge/config/firmware-profile.js';
import type { ControlValue } from '../../bridge/core/control.js';
import type { MidiSource } from '../../bridge/core/midi/spec.js';
import { SerialRouter } from '../../bridge/core/routing/serial-input.js';
import type { DecodeEvent, DecodeResult } from '../../bridge/core/serial/decoder.js';
import { createDecoder } from '../../bridge/core/serial/decoders/index.js';
import { encodeHello, encodeRequest, encodeValues, sealPacket, slipEncode, SLIP_END, SLIP_ESC } from '../../bridge/core/serial/decoders/detent-hr/index.js';
import { TWELVE_BIT_BOARD, UNO_ANALOG_MAPPING, UNO_ANALOG_REPORTS, UNO_BOOT, UNO_CAPABILITIES, VERSION_2_5 } from '../serial/fixtures/firmata.js';
import { ESCAPED_WIRE, WORKED_WIRE } from '../serial/fixtures/detent-hr.js';
import { MIDI_KNOBS, MIDI_NO_READINGS } from '../serial/fixtures/midi.js';
import { DEEJ_LF_ONLY, DEEJ_OPEN_MID_LINE, TEXT_MIXED } from '../serial/fixtures/text.js';
import { byteMutation, chunk, concat, mutateBytes, timeStart, timeStep, times, type ByteMutation } from './gen.js';
import { expect, hex, noThrow } from './harness.js';
import { midiBytes, midiStreamArbitrary } from './midi.js';
import { badControlValue, OUTCOMES, withRig, type Rig, type Shipped } from './rig.js';

export type SerialKind = 'deej' | 'text-lines' | 'firmata' | 'midi' | 'detent-hr';
/** The shipped firmware profile of each protocol. */
export const SERIAL_PROFILES: Readonly<Record<SerialKind, string>> = { deej: 'deej', 'text-lines': 'text-lines', firmata: 'firmata', midi: 'midi-serial', 'detent-hr': 'detent-hr' };

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
const eol = fc.constantFrom('\r\n', '\r\n', '\n', '\r', '\n\r');

// ---------------------------------------------------------------------------------------------
// Frames per protocol

/** Values a text protocol may carry: in range, just past it, not numbers at all. */
const textValue = (bits: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0, max: 2 ** bits - 1 }).map(String) },
    { weight: 1, arbitrary: fc.constantFrom('', '-1', '-0', String(2 ** bits), '0000000000000000000000001', '9'.repeat(40), 'abc', ' 5', '1e3', '0x10', '+5', '5.0', 'NaN', 'Infinity', '\u0663', '1\u00002') },
  );

const garbage = fc.uint8Array({ minLength: 1, maxLength: 24 });
const longLine = fc.tuple(fc.integer({ min: 250, max: 600 }), fc.constantFrom('7', 'x', '|')).map(([n, c]) => ascii(`${c.repeat(n)}\n`));

const deejFrame: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.array(textValue(10), { minLength: 1, maxLength: 8 }), eol).map(([vs, e]) => ascii(vs.join('|') + e)) },
  { weight: 1, arbitrary: fc.constantFrom(DEEJ_OPEN_MID_LINE, DEEJ_LF_ONLY, ascii('\r\n'), ascii('|||\n'), ascii('1|2|\n')) },
  { weight: 1, arbitrary: longLine },
  { weight: 1, arbitrary: garbage },
);

const NAMES = ['A0', 'A1', 'A2', 'A5', 'A7', 'A8', '0', 'pot.3', 'fader/1', 'gain_2', 'x-y'];
const textFrame: fc.Arbitrary<Uint8Array> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...NAMES) }, { weight: 1, arbitrary: fc.constantFrom('', 'A 0', 'é', 'A0:', '-', '.', 'A0\t:') }),
        fc.constantFrom(' ', '\t', ':', ' : ', '  ', '', ': ', ' :: '),
        textValue(10),
        fc.constantFrom('', '', '', ' ', ' 5', '\t'),
        eol,
      )
      .map(([n, sep, v, tail, e]) => ascii(`${n}${sep}${v}${tail}${e}`)),
  },
  { weight: 1, arbitrary: fc.constantFrom(TEXT_MIXED, ascii('\n\n\n'), ascii('A0 1023\r')) },
  { weight: 1, arbitrary: longLine },
  { weight: 1, arbitrary: garbage },
);

const d7 = fc.integer({ min: 0, max: 127 });
const firmataFrame: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(UNO_BOOT, UNO_CAPABILITIES, UNO_ANALOG_MAPPING, UNO_ANALOG_REPORTS, TWELVE_BIT_BOARD, VERSION_2_5) },
  // Analog message: channel, 14-bit value (above the ADC's 10 bits too).
  { weight: 6, arbitrary: fc.tuple(fc.integer({ min: 0, max: 15 }), fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 1023 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x3fff }) })).map(([ch, v]) => Uint8Array.of(0xe0 | ch, v & 0x7f, v >> 7)) },
  // Extended analog: pin, 0..5 groups.
  { weight: 1, arbitrary: fc.tuple(d7, fc.array(d7, { maxLength: 5 })).map(([pin, gs]) => Uint8Array.of(0xf0, 0x6f, pin, ...gs, 0xf7)) },
  // Capability and mapping responses, well-formed or not.
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.constant(0x7f), fc.constant(0x02), d7), { maxLength: 24 }).map((b) => Uint8Array.of(0xf0, 0x6c, ...b, 0xf7)) },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.constant(0x7f), d7), { maxLength: 24 }).map((b) => Uint8Array.of(0xf0, 0x6a, ...b, 0xf7)) },
  // Firmware report, string data, an empty SysEx, unknown ids.
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(0x79, 0x71, 0x6e, 0x00, 0x7f), fc.array(d7, { maxLength: 12 })).map(([id, b]) => Uint8Array.of(0xf0, id, ...b, 0xf7)) },
  { weight: 1, arbitrary: fc.constantFrom(Uint8Array.of(0xf0, 0xf7), Uint8Array.of(0xff), Uint8Array.of(0xf9), Uint8Array.of(0xf9, 2, 5), Uint8Array.of(0x90, 1, 2), Uint8Array.of(0xf4, 3), Uint8Array.of(0xc0, 1), Uint8Array.of(0xa0, 1, 2)) },
  // A SysEx just past the framer's limit (1,024 body bytes).
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1023, max: 1027 }), fc.boolean()).map(([n, end]) => concat([[0xf0], new Uint8Array(n).fill(0x11), end ? [0xf7] : []])) },
  { weight: 1, arbitrary: garbage },
);

/** The MIDI sources a Hairless-style box sends (the midi-serial profile's channels, and others). */
const SERIAL_MIDI_SOURCES: MidiSource[] = [
  ...Array.from({ length: 9 }, (_, i): MidiSource => ({ kind: 'cc', channel: 0, controller: i })),
  { kind: 'cc', channel: 5, controller: 74 },
  { kind: 'pitchbend', channel: 0 },
  { kind: 'pitchbend', channel: 3 },
  { kind: 'note', channel: 0, note: 60 },
  { kind: 'note', channel: 9, note: 36 },
  { kind: 'program', channel: 0, number: 3 },
  { kind: 'channel-pressure', channel: 0 },
];
const midiFrame: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 8, arbitrary: midiStreamArbitrary(SERIAL_MIDI_SOURCES, 3).map(midiBytes) },
  { weight: 1, arbitrary: fc.constantFrom(MIDI_KNOBS, MIDI_NO_READINGS) },
);

const byte = fc.integer({ min: 0, max: 255 });
const hrBits = fc.integer({ min: 12, max: 16 });
const hrValues = fc
  .tuple(byte, byte, hrBits, fc.array(fc.tuple(fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0, max: 65535 })), { minLength: 1, maxLength: 8 }))
  .map(([deviceId, seq, bits, es]) => encodeValues({ deviceId, seq, bits, entries: es.map(([channel, v]) => ({ channel, value: v % 2 ** bits })) }));

const detentHrFrame: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 8, arbitrary: hrValues.map(slipEncode) },
  { weight: 1, arbitrary: fc.tuple(byte, byte, fc.integer({ min: 0, max: 32 }), hrBits, fc.uint8Array({ maxLength: 32 })).map(([id, seq, ch, bits, name]) => slipEncode(encodeHello({ deviceId: id, seq, channels: ch, bits, name: String.fromCharCode(...name.map((b) => 0x20 + (b % 95))) }))) },
  { weight: 1, arbitrary: fc.constantFrom(slipEncode(encodeRequest()), WORKED_WIRE, ESCAPED_WIRE, Uint8Array.of(SLIP_END, SLIP_END)) },
  // Sealed (good CRC) but wrong inside: unknown types, bad lengths, bits, channels, values, version.
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(1, 1, 1, 0, 2), byte, fc.uint8Array({ maxLength: 40 })).map(([version, type, rest]) => slipEncode(sealPacket([version, type % 4 === 3 ? type : (type % 3) + 1, ...rest]))) },
  // Damaged after sealing (CRC mismatch) or after SLIP (broken escapes, lost ENDs).
  { weight: 2, arbitrary: fc.tuple(hrValues, fc.array(byteMutation, { minLength: 1, maxLength: 2 })).map(([p, ms]) => slipEncode(mutateBytes(p, ms))) },
  { weight: 2, arbitrary: fc.tuple(hrValues, fc.array(byteMutation, { minLength: 1, maxLength: 2 })).map(([p, ms]) => mutateBytes(slipEncode(p), ms)) },
  { weight: 1, arbitrary: fc.constantFrom(Uint8Array.of(SLIP_END, 1, SLIP_ESC, 0x00, SLIP_END), Uint8Array.of(SLIP_END, 1, 2, SLIP_ESC, SLIP_END)) },
  // A frame past the 256-byte limit.
  { weight: 1, arbitrary: fc.integer({ min: 250, max: 300 }).map((n) => concat([[SLIP_END], new Uint8Array(n).fill(7), [SLIP_END]])) },
  { weight: 1, arbitrary: garbage },
);

const FRAMES: Readonly<Record<SerialKind, fc.Arbitrary<Uint8Array>>> = { deej: deejFrame, 'text-lines': textFrame, firmata: firmataFrame, midi: midiFrame, 'detent-hr': detentHrFrame };

/**
 * Bytes that, after any history, put one bad frame at a known offset (`at`, from the probe's
 * start), after a resync point of the protocol: it must be reported there.
 */
const PROBES: Readonly<Record<SerialKind, { readonly bytes: Uint8Array; readonly at: number }>> = {
  deej: { bytes: ascii('\n1|x|3\n'), at: 1 },
  'text-lines': { bytes: ascii('\nA0 x\n'), at: 1 },
  // Tune request (completes, ends any SysEx), then a data byte with no status.
  midi: { bytes: Uint8Array.of(0xf6, 0x05), at: 1 },
  // System reset (no data bytes), then a data byte where a status belongs.
  firmata: { bytes: Uint8Array.of(0xff, 0x05), at: 1 },
  // END END (an empty frame), then a values packet with a broken CRC.
  'detent-hr': { bytes: concat([[SLIP_END], slipEncode(mutateBytes(encodeValues({ deviceId: 1, seq: 2, bits: 12, entries: [{ channel: 0, value: 5 }] }), [{ kind: 'flip', at: 13, xor: 1 }]))]), at: 2 },
};

/** A pot or fader channel of each shipped profile, for the liveness check. */
const LIVENESS: Readonly<Record<SerialKind, string>> = { deej: '0', 'text-lines': 'A0', firmata: 'A0', midi: 'cc/1/1', 'detent-hr': '0' };

// ---------------------------------------------------------------------------------------------
// The case

export interface SerialCase {
  readonly frames: readonly Uint8Array[];
  readonly mutations: readonly ByteMutation[];
  readonly chunks: readonly number[];
  readonly t0: number;
  readonly steps: readonly number[];
  /** The port reopens (decoder and conditioners reset) after this chunk, if there is one. */
  readonly reopenAfter: number;
  /** Run the decoder's and the router's timers when they are due. */
  readonly timers: boolean;
  /** Check afterwards that a knob still follows (the costly part: one case in four). */
  readonly alive: boolean;
}

export function serialCaseArbitrary(kind: SerialKind): fc.Arbitrary<SerialCase> {
  return fc.record({
    frames: fc.array(FRAMES[kind], { maxLength: 12 }),
    mutations: fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(byteMutation, { minLength: 1, maxLength: 3 }) }),
    chunks: fc.array(fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 16 }) }, { weight: 1, arbitrary: fc.integer({ min: 17, max: 256 }) }), { maxLength: 6 }),
    t0: timeStart,
    steps: fc.array(timeStep, { minLength: 1, maxLength: 8 }),
    reopenAfter: fc.oneof({ weight: 3, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 8 }) }),
    timers: fc.boolean(),
    alive: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  });
}

// ---------------------------------------------------------------------------------------------
// The properties

/** Why a decoder event is malformed, or undefined; `streamLength`: bytes pushed since reset. */
function badEvent(e: DecodeEvent, streamLength: number): string | undefined {
  switch (e.kind) {
    case 'reading': {
      const ok = typeof e.channel === 'string' && e.channel.length > 0 && Number.isInteger(e.bits) && e.bits >= 1 && e.bits <= 16 && Number.isInteger(e.raw) && e.raw >= 0 && e.raw <= 2 ** e.bits - 1;
      return ok ? undefined : `reading ${JSON.stringify(e)}`;
    }
    case 'frame':
      return undefined;
    case 'bad-frame': {
      const ok = Number.isInteger(e.offset) && e.offset >= 0 && e.offset < streamLength && typeof e.reason === 'string' && e.reason.length > 0;
      return ok ? undefined : `bad-frame ${JSON.stringify(e)} with ${streamLength} bytes pushed`;
    }
    case 'lost':
      return Number.isInteger(e.count) && e.count >= 1 && e.count <= 255 ? undefined : `lost ${e.count}`;
    case 'identified':
      return typeof e.what === 'string' && e.what.length > 0 ? undefined : `identified ${JSON.stringify(e.what)}`;
    default:
      return `unknown event ${JSON.stringify(e)}`;
  }
}

function checkResult(r: DecodeResult, streamLength: number, where: () => string): void {
  for (const e of r.events) {
    const bad = badEvent(e, streamLength);
    expect(bad === undefined, () => `decoder emitted ${bad}; ${where()}`);
  }
  for (const w of r.writes) expect(w instanceof Uint8Array, () => `decoder wrote ${String(w)}; ${where()}`);
}

const DEVICE = 'serial:/dev/fuzz';

export function checkSerialCase(shipped: Shipped, kind: SerialKind, c: SerialCase): void {
  const loaded = shipped.firmware.find((p) => p.profile.id === SERIAL_PROFILES[kind]);
  if (loaded === undefined) throw new Error(`no shipped firmware profile ${SERIAL_PROFILES[kind]}`);
  const bytes = c.mutations.length > 0 ? mutateBytes(concat(c.frames), c.mutations) : concat(c.frames);
  const where = (): string => `stream ${hex(bytes, 64)}`;
  const parts = chunk(bytes, c.chunks);
  // Through the router, as the port runner and serial path do it, with time, timers and a reopen.
  const beforeReopen = withRig(shipped.table, shipped.modes, (rig) => route(rig, loaded, kind, c, parts, where));
  // Chunking never changes what is decoded (offsets included): the same bytes in one piece.
  const d = createDecoder(loaded.profile.decoder);
  checkResult(noThrow('decoder.reset', () => d.reset(0)), 0, where);
  const prefix = concat(parts.slice(0, c.reopenAfter >= 0 ? c.reopenAfter + 1 : parts.length));
  const whole = noThrow('decoder.push', () => d.push(prefix, 0));
  checkResult(whole, prefix.length, where);
  expect(JSON.stringify(whole.events) === JSON.stringify(beforeReopen), () => `chunking (${JSON.stringify(c.chunks)}) changed the events; ${where()}`);
}

/** Compiled once per profile: compiling is pure, and this target fuzzes the bytes, not the profile. */
const compiled = new WeakMap<LoadedFirmwareProfile, CompiledFirmwareProfile>();
function compiledOf(p: LoadedFirmwareProfile): CompiledFirmwareProfile {
  let c = compiled.get(p);
  if (c === undefined) compiled.set(p, (c = compileFirmwareProfile(p.profile, p.file)));
  return c;
}

/** Runs the case through decoder and router; returns the events pushed before the reopen (if any). */
function route(rig: Rig, loaded: LoadedFirmwareProfile, kind: SerialKind, c: SerialCase, parts: readonly Uint8Array[], where: () => string): DecodeEvent[] {
  const observed: string[] = [];
  let last: { control: string; value: ControlValue } | undefined;
  const router = new SerialRouter(rig.runtime, (control: string, v: ControlValue) => {
    const bad = badControlValue(v);
    if (bad !== undefined) observed.push(`${control}: ${bad}`);
    last = { control, value: v };
  });
  router.attach(DEVICE, compiledOf(loaded));
  const decoder = createDecoder(loaded.profile.decoder);
  const ts = times(c.t0, c.steps);
  const pushed: DecodeEvent[] = [];
  let reopened = false;
  let length = 0;
  const outcome = (o: { kind: string }, what: string): void => expect(OUTCOMES.has(o.kind) && o.kind !== 'rejected', () => `${what} outcome ${o.kind}; ${where()}`);
  checkResult(noThrow('decoder.reset', () => decoder.reset(c.t0)), 0, where);
  parts.forEach((part, i) => {
    const t = ts[i % ts.length] ?? 0;
    length += part.length;
    const r = noThrow('decoder.push', () => decoder.push(part, t));
    checkResult(r, length, where);
    if (!reopened) pushed.push(...r.events);
    let routed = false;
    if (r.events.some((e) => e.kind === 'reading')) {
      routed = true;
      outcome(noThrow('SerialRouter.route', () => router.route(DEVICE, r.events, t)), 'route');
    }
    if (c.timers) {
      const dd = decoder.nextDeadline();
      if (dd !== undefined) checkResult(noThrow('decoder.tick', () => decoder.tick(Math.max(t, dd))), length, where);
      const rd = router.nextDeadline();
      if (rd !== undefined) {
        routed = true;
        outcome(noThrow('SerialRouter.tick', () => router.tick(rd)), 'tick');
      }
    }
    if (i === c.reopenAfter) {
      checkResult(noThrow('decoder.reset', () => decoder.reset(t)), 0, where);
      router.reset(DEVICE);
      length = 0;
      reopened = true;
    }
    expect(observed.length === 0, () => `the conditioner emitted ${observed[0]} (chunk ${i}, t=${t}); ${where()}`);
    // Every change was checked as the store made it; a full scan after each chunk that could change anything.
    if (routed) rig.assertSound(() => `chunk ${i} at t=${t}; ${where()}`);
  });
  rig.assertSound(where);

  // Alive: after any history, a knob turned end to end is reported at each end (first to 0
  // unchecked: a move within the sleep threshold of where it rests is meant to be swallowed).
  const knob = LIVENESS[kind];
  const spec = c.alive ? router.channelOf(DEVICE, knob, 10) : undefined;
  let t = ts[ts.length - 1] ?? 0;
  if (spec !== undefined) {
    // 40 readings: the sleep gate settles on a resting knob after 32 (condition/sleep.ts).
    for (const [end, checked, n] of [[0, false, 4], [1, true, 40], [0, true, 40]] as const) {
      last = undefined;
      for (let i = 0; i < n; i++) router.route(DEVICE, [{ kind: 'reading', channel: knob, raw: end * (2 ** spec.bits - 1), bits: spec.bits }], (t += 10));
      const at = last as { control: string; value: ControlValue } | undefined;
      if (checked) expect(at !== undefined && at.value.kind === 'absolute' && at.value.value === end, () => `knob ${knob} turned to ${end} is reported at ${JSON.stringify(at?.value)} (history ending at t=${ts[ts.length - 1]}); ${where()}`);
    }
    rig.assertSound(where);
  }

  // Reported: a bad frame after any history is reported at its offset.
  const probe = PROBES[kind];
  const start = length;
  length += probe.bytes.length;
  const r = noThrow('decoder.push', () => decoder.push(probe.bytes, t));
  checkResult(r, length, where);
  const at = start + probe.at;
  expect(
    r.events.some((e) => e.kind === 'bad-frame' && e.offset === at),
    () => `a bad frame at byte ${at} was not reported there: ${JSON.stringify(r.events.filter((e) => e.kind !== 'reading'))}; ${where()}`,
  );
  return pushed;
}
