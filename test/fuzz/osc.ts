/**
 * OSC datagrams → decodePacket (drivers/osc/codec.ts) → routeOsc (core/routing/osc-input.ts) with
 * the shipped profiles and mapping set over the chain's parameters. Datagrams are random bytes,
 * well-formed messages and bundles built by a small encoder here (so type tags, sizes and padding
 * can lie), and those with byte-level mutations.
 */
import fc from 'fast-check';
import { decodePacket } from '../../bridge/drivers/osc/codec.js';
import { ErrorCode } from '../../bridge/core/errors.js';
import type { OscArg } from '../../bridge/core/input.js';
import { fromNorm, quantise } from '../../bridge/core/param/descriptor.js';
import type { Unit } from '../../bridge/core/unit.js';
import { parseDetentAddress } from '../../bridge/core/routing/detent-namespace.js';
import { oscKey } from '../../bridge/core/routing/key.js';
import { numericArg } from '../../bridge/core/routing/osc-decode.js';
import { routeOsc, type RouteOutcome } from '../../bridge/core/routing/osc-input.js';
import { byteMutation, concat, edgeNumber, float32Bits, float64Bits, mutateBytes, number, timeStart, timeStep, type ByteMutation } from './gen.js';
import { expect, hex, noThrow } from './harness.js';
import { PARAMS, withRig, type Rig, type Shipped } from './rig.js';

// ---------------------------------------------------------------------------------------------
// A minimal OSC 1.0 encoder that can lie

const utf8 = new TextEncoder();
const latin1 = (b: Uint8Array): string => String.fromCharCode(...b);

/** An OSC string: the bytes, a NUL, padded with NULs to a multiple of 4. */
export function oscString(s: string | Uint8Array): Uint8Array {
  const b = typeof s === 'string' ? utf8.encode(s) : s;
  const out = new Uint8Array((b.length + 4) & ~3);
  out.set(b);
  return out;
}

const be32 = (v: number): Uint8Array => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v >>> 0);
  return b;
};

/** One argument: its type tag(s) and payload bytes. */
interface WireArg {
  readonly tag: string;
  readonly bytes: Uint8Array;
}

const f32 = (v: number): WireArg => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, v);
  return { tag: 'f', bytes: b };
};
const f64 = (v: number): WireArg => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, v);
  return { tag: 'd', bytes: b };
};
const i32 = (v: number): WireArg => ({ tag: 'i', bytes: be32(v) });

const i32Edge = fc.constantFrom(0, 1, 64, 127, 128, -1, 2 ** 31 - 1, -(2 ** 31));

const arbScalar: fc.Arbitrary<WireArg> = fc.oneof(
  { weight: 4, arbitrary: fc.oneof({ weight: 4, arbitrary: number(-0.25, 1.25) }, { weight: 1, arbitrary: float32Bits }).map(f32) },
  { weight: 2, arbitrary: fc.oneof(number(-2, 130), edgeNumber, float64Bits).map(f64) },
  { weight: 3, arbitrary: fc.oneof(i32Edge, fc.integer({ min: -2, max: 130 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })).map(i32) },
  { weight: 2, arbitrary: fc.constantFrom('T', 'F', 'N', 'I').map((tag) => ({ tag, bytes: new Uint8Array(0) })) },
  {
    weight: 1,
    arbitrary: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((v) => {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setBigInt64(0, v);
      return { tag: 'h', bytes: b };
    }),
  },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 8, maxLength: 8 }).map((bytes) => ({ tag: 't', bytes })) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('s', 'S'), fc.uint8Array({ maxLength: 20 })).map(([tag, s]) => ({ tag, bytes: oscString(s) })) },
  {
    weight: 1,
    // A blob whose size may lie (negative, past the end).
    arbitrary: fc.tuple(fc.uint8Array({ maxLength: 12 }), fc.oneof(fc.constant(0), fc.constantFrom(-1, 1, 4, 1000, 0x7fffffff, -(2 ** 31)))).map(([b, lie]) => ({
      tag: 'b',
      bytes: concat([be32(b.length + lie), oscString(b).subarray(0, (b.length + 3) & ~3)]),
    })),
  },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('c', 'r', 'm'), fc.uint8Array({ minLength: 4, maxLength: 4 })).map(([tag, bytes]) => ({ tag, bytes })) },
  // Not an OSC type at all, with whatever bytes.
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('x', '?', 'Z', ' ', '\u00e9', ','), fc.uint8Array({ maxLength: 4 })).map(([tag, bytes]) => ({ tag, bytes })) },
);

/** Arguments, now and then an OSC array `[...]` (or one left open). */
const arbArgs: fc.Arbitrary<WireArg[]> = fc.array(
  fc.oneof(
    { weight: 12, arbitrary: arbScalar },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.array(arbScalar, { maxLength: 3 }), fc.boolean()).map(([inner, closed]) => ({
        tag: `[${inner.map((a) => a.tag).join('')}${closed ? ']' : ''}`,
        bytes: concat(inner.map((a) => a.bytes)),
      })),
    },
  ),
  { maxLength: 4 },
);

/** How the type tag string may lie about the arguments. */
type TagLie = 'none' | 'drop-last' | 'extra-f' | 'extra-s' | 'no-comma' | 'no-tags' | 'unpadded';
const arbTagLie: fc.Arbitrary<TagLie> = fc.oneof(
  { weight: 10, arbitrary: fc.constant('none' as const) },
  { weight: 1, arbitrary: fc.constantFrom('drop-last' as const, 'extra-f' as const, 'extra-s' as const, 'no-comma' as const, 'no-tags' as const, 'unpadded' as const) },
);

export interface WireMessage {
  readonly address: string;
  readonly args: readonly WireArg[];
  readonly lie: TagLie;
}

function encodeMessage(m: WireMessage): Uint8Array {
  const tags = m.args.map((a) => a.tag).join('');
  const payload = m.args.map((a) => a.bytes);
  switch (m.lie) {
    case 'none':
      return concat([oscString(m.address), oscString(`,${tags}`), ...payload]);
    case 'drop-last':
      return concat([oscString(m.address), oscString(`,${tags.slice(0, -1)}`), ...payload]);
    case 'extra-f':
      return concat([oscString(m.address), oscString(`,${tags}f`), ...payload]);
    case 'extra-s':
      return concat([oscString(m.address), oscString(`,${tags}s`), ...payload]);
    case 'no-comma':
      return concat([oscString(m.address), oscString(tags), ...payload]);
    case 'no-tags':
      return concat([oscString(m.address), ...payload]);
    case 'unpadded':
      return concat([utf8.encode(m.address), oscString(`,${tags}`), ...payload]);
  }
}

/** A bundle element: a message or a nested bundle, with its size field (which may lie). */
export type WirePacket =
  | { readonly kind: 'message'; readonly message: WireMessage }
  | { readonly kind: 'bundle'; readonly timeTag: Uint8Array; readonly elements: readonly { readonly packet: WirePacket; readonly sizeLie: number }[] }
  /** The same message `count` times in one bundle (huge bundles, cheaply). */
  | { readonly kind: 'flood'; readonly message: WireMessage; readonly count: number }
  /** `depth` bundles each holding the next, the innermost holding the message (the depth guard). */
  | { readonly kind: 'nest'; readonly message: WireMessage; readonly depth: number };

const BUNDLE = oscString('#bundle');
const NOW = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 1);

export function encodePacket(p: WirePacket): Uint8Array {
  switch (p.kind) {
    case 'message':
      return encodeMessage(p.message);
    case 'bundle': {
      const parts: Uint8Array[] = [BUNDLE, p.timeTag];
      for (const e of p.elements) {
        const body = encodePacket(e.packet);
        parts.push(be32(body.length + e.sizeLie), body);
      }
      return concat(parts);
    }
    case 'flood': {
      const body = encodeMessage(p.message);
      const element = concat([be32(body.length), body]);
      return concat([BUNDLE, NOW, ...Array.from({ length: p.count }, () => element)]);
    }
    case 'nest': {
      let body = encodeMessage(p.message);
      for (let i = 0; i < p.depth; i++) body = concat([BUNDLE, NOW, be32(body.length), body]);
      return body;
    }
  }
}

/** Byte damage, plus overwriting an aligned word with a value that means something in OSC (a size, a tag). */
type Mutation = ByteMutation | { readonly kind: 'word'; readonly at: number; readonly value: number };

const arbMutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: byteMutation },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('word' as const), at: fc.nat(), value: fc.constantFrom(0, 1, 0x7fffffff, 0xffffffff, 0x80000000, 0x2c000000, 0x23627500) }) },
);

function mutate(bytes: Uint8Array, ms: readonly Mutation[]): Uint8Array {
  let b = bytes;
  for (const m of ms) {
    if (m.kind !== 'word') {
      b = mutateBytes(b, [m]);
      continue;
    }
    const w = (m.at % (b.length + 1)) & ~3;
    b = concat([b.subarray(0, w), be32(m.value), b.subarray(Math.min(b.length, w + 4))]);
  }
  return b;
}

// ---------------------------------------------------------------------------------------------
// The case

export interface OscCase {
  readonly t0: number;
  readonly datagrams: readonly { readonly bytes: Uint8Array; readonly offset: number; readonly peer: string; readonly dt: number }[];
}

/** Addresses worth hitting: the shipped profiles' inputs, Detent's namespace for every parameter, and near misses. */
function addresses(shipped: Shipped): fc.Arbitrary<string> {
  const mapped = [...new Set(shipped.bindings.filter((b) => b.input.startsWith('osc ')).map((b) => b.input.slice(4)))];
  const ids = [...PARAMS.map((p) => p.id), 'nope.gain', 'input', ''];
  const direct = ids.flatMap((id) => [`/detent/param/${id}`, `/detent/param/${id}/norm`]);
  const odd = ['/detent/param/input.gain/norm/x', '/detent/param/a/b', '/detent/param//norm', '/detent/params/input.gain', '/', '//', '/detent', '#bundle', ''];
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...mapped) },
    { weight: 4, arbitrary: fc.constantFrom(...direct) },
    { weight: 1, arbitrary: fc.constantFrom(...odd) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 24 }).map((b) => `/${latin1(b)}`) },
  );
}

export function oscCaseArbitrary(shipped: Shipped): fc.Arbitrary<OscCase> {
  const message: fc.Arbitrary<WireMessage> = fc.record({ address: addresses(shipped), args: arbArgs, lie: arbTagLie });
  const single = message.map((m): WirePacket => ({ kind: 'message', message: m }));
  const sizeLie = fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(-4, -1, 1, 4, 0x7ffffff0, -(2 ** 31)) });
  const timeTag = fc.oneof(fc.constant(NOW), fc.uint8Array({ minLength: 8, maxLength: 8 }));
  const bundleOf = (element: fc.Arbitrary<WirePacket>): fc.Arbitrary<WirePacket> =>
    fc.tuple(timeTag, fc.array(fc.tuple(element, sizeLie), { maxLength: 4 })).map(([tt, es]) => ({ kind: 'bundle', timeTag: tt, elements: es.map(([packet, lie]) => ({ packet, sizeLie: lie })) }));
  // Bundles two levels deep here; `nest` goes deeper, past the decoder's depth guard.
  const inner = bundleOf(single);
  const packet: fc.Arbitrary<WirePacket> = fc.oneof(
    { weight: 6, arbitrary: single },
    { weight: 2, arbitrary: bundleOf(fc.oneof({ weight: 3, arbitrary: single }, { weight: 1, arbitrary: inner })) },
    { weight: 1, arbitrary: fc.tuple(message, fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 2, max: 16 }) }, { weight: 1, arbitrary: fc.integer({ min: 17, max: 128 }) })).map(([m, count]): WirePacket => ({ kind: 'flood', message: m, count })) },
    { weight: 1, arbitrary: fc.tuple(message, fc.integer({ min: 1, max: 12 })).map(([m, depth]): WirePacket => ({ kind: 'nest', message: m, depth })) },
  );
  const datagram = fc.oneof(
    { weight: 5, arbitrary: packet.map(encodePacket) },
    { weight: 3, arbitrary: fc.tuple(packet, fc.array(arbMutation, { minLength: 1, maxLength: 3 })).map(([p, ms]) => mutate(encodePacket(p), ms)) },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 96 }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(BUNDLE, oscString('/1/fader1'), Uint8Array.of(0x2f)), fc.uint8Array({ maxLength: 64 })).map(([a, b]) => concat([a, b])) },
  );
  return fc.record({
    t0: timeStart,
    datagrams: fc.array(
      fc.record({
        bytes: datagram,
        // Where the datagram sits in its buffer (a Node Buffer may be a view into a larger one).
        offset: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 13 }) }),
        peer: fc.constantFrom('127.0.0.1:9000', '192.168.1.20:8000', '[::1]:57120', '10.0.0.7:1'),
        dt: timeStep,
      }),
      { minLength: 1, maxLength: 4 },
    ),
  });
}

// ---------------------------------------------------------------------------------------------
// The properties

const ARG_TYPES = new Set(['f', 'd', 'i', 'T', 'F', 's', 'other']);

function badArg(a: OscArg): string | undefined {
  if (a === null || typeof a !== 'object' || !ARG_TYPES.has(a.type)) return `argument ${JSON.stringify(a)}`;
  switch (a.type) {
    case 'f':
    case 'd':
    case 'i':
      return typeof a.value === 'number' ? undefined : `${a.type} argument with value ${String(a.value)}`;
    case 's':
      return typeof a.value === 'string' ? undefined : `s argument with value ${String(a.value)}`;
    case 'other':
      return typeof a.tag === 'string' && a.tag.length > 0 ? undefined : `'other' argument with tag ${String(a.tag)}`;
    default:
      return undefined;
  }
}

/** Embeds `bytes` at `offset` in a larger buffer filled with junk, as a view. */
function view(bytes: Uint8Array, offset: number): Uint8Array {
  if (offset === 0) return bytes;
  const big = new Uint8Array(offset + bytes.length + 64).fill(0x41);
  big.set(bytes, offset);
  return big.subarray(offset, offset + bytes.length);
}

export function checkOscCase(shipped: Shipped, c: OscCase): void {
  withRig(shipped.table, shipped.modes, (rig) => checkDatagrams(shipped, rig, c));
}

function checkDatagrams(shipped: Shipped, rig: Rig, c: OscCase): void {
  let t = c.t0;
  c.datagrams.forEach((d, n) => {
    t += d.dt;
    const where = (): string => `datagram ${n} (${hex(d.bytes)})`;
    const data = view(d.bytes, d.offset);
    const decoded = noThrow('decodePacket', () => decodePacket(data));
    // The same bytes decode the same wherever they sit in memory.
    if (d.offset !== 0) {
      const plain = noThrow('decodePacket', () => decodePacket(d.bytes));
      const same = plain.ok === decoded.ok && (!plain.ok || JSON.stringify(plain) === JSON.stringify(decoded));
      expect(same, () => `decoding depends on the buffer offset ${d.offset}: ${JSON.stringify(plain).slice(0, 200)} vs ${JSON.stringify(decoded).slice(0, 200)}; ${where()}`);
    }
    if (!decoded.ok) {
      // Reported: a message that says how long the datagram was and how it starts.
      expect(typeof decoded.error === 'string' && decoded.error.includes(`${d.bytes.length} bytes`), () => `malformed datagram reported as ${JSON.stringify(decoded.error)}; ${where()}`);
      return;
    }
    for (const m of decoded.value) {
      expect(typeof m.address === 'string' && m.address.startsWith('/'), () => `decoded address ${JSON.stringify(m.address)}; ${where()}`);
      for (const a of m.args) {
        const bad = badArg(a);
        expect(bad === undefined, () => `decoded ${bad} at ${m.address}; ${where()}`);
      }
      const input = { kind: 'osc' as const, device: 'osc', peer: d.peer, address: m.address, args: m.args, t };
      const before = rig.changes;
      const out = noThrow(() => `routeOsc(${m.address})`, () => routeOsc(input, rig.runtime, rig.store, shipped.applies));
      checkOutcome(rig, shipped, input, out, before, where);
    }
    rig.assertSound(where);
  });
}

function checkOutcome(rig: Rig, shipped: Shipped, input: { address: string; args: readonly OscArg[]; peer: string }, out: RouteOutcome, changesBefore: number, where: () => string): void {
  const at = (): string => `${input.address} ${JSON.stringify(input.args)} → ${JSON.stringify(out).slice(0, 200)}; ${where()}`;
  expect(out.kind === 'applied' || out.kind === 'filtered' || out.kind === 'mode' || out.kind === 'rejected' || out.kind === 'unmapped', () => `outcome kind; ${at()}`);
  if (out.kind === 'rejected') expect(out.error.message.includes(input.address) || out.error.code !== ErrorCode.OscBadArguments, () => `a rejection that does not name the address; ${at()}`);
  if (out.kind === 'applied') expect(out.changes.length > 0 && rig.changes - changesBefore >= out.changes.length, () => `applied without changes; ${at()}`);
  else expect(rig.changes === changesBefore, () => `the store changed but the outcome is ${out.kind}; ${at()}`);

  const x = numericArg(input.args);
  const direct = parseDetentAddress(input.address);
  if (direct !== undefined) {
    // Detent's namespace: every message is applied or rejected with its reason, never dropped.
    expect(out.kind === 'applied' || out.kind === 'rejected', () => `/detent/param message neither applied nor rejected; ${at()}`);
    const d = rig.store.descriptor(direct.id);
    const valid = x !== undefined && d !== undefined && (direct.norm ? x >= 0 && x <= 1 : x >= d.min && x <= d.max);
    expect(valid === (out.kind === 'applied'), () => `${valid ? 'valid' : 'invalid'} /detent/param message ${out.kind}; ${at()}`);
    if (out.kind === 'applied' && d !== undefined && x !== undefined) {
      const want = direct.norm ? fromNorm(d, x as Unit) : quantise(d, x);
      expect(Object.is(rig.store.get(d.id), want), () => `${d.id} is ${rig.store.get(d.id)}, expected ${want}; ${at()}`);
    }
    return;
  }
  const bindings = (rig.runtime.routing.byInput.get(oscKey(input.address)) ?? []).filter((b) => shipped.applies(b, input.peer));
  if (bindings.length === 0) {
    expect(out.kind === 'unmapped', () => `an unbound address was not unmapped; ${at()}`);
    return;
  }
  // A bound control with no number to read is rejected with the reason, not dropped.
  if (x === undefined) expect(out.kind === 'rejected' && out.error.code === ErrorCode.OscBadArguments, () => `a bound address without a number was not rejected; ${at()}`);
}
