import fc from 'fast-check';
import type { ButtonAction, Curve, Glue, Step, Taper } from '../../bridge/core/mapping/spec.js';
import type { ParamDescriptor } from '../../bridge/core/param/descriptor.js';
import { IDENTITY_GLUE } from '../../bridge/core/glue/glue.js';
import { clampUnit, type Unit } from '../../bridge/core/unit.js';
import { PARAMS } from './fixtures.js';

/** fast-check generators shared by the glue tests: positions, descriptors, and whole Glue values. */
export const u = (x: number): Unit => clampUnit(x);
export const unitArb = fc.double({ min: 0, max: 1, noNaN: true }).map(u);
const num = (min: number, max: number): fc.Arbitrary<number> => fc.double({ min, max, noNaN: true });
/** Numbers a hand-edited file could hold: zero, negative, NaN, infinite, huge. */
const wildNum = fc.constantFrom(0, -1, Number.NaN, Number.POSITIVE_INFINITY, -1e308, 1e308, 1e-320);

const base = { id: 'p', name: 'p', module: 'm' } as const;

/** A random sound descriptor (min < max; log scale with min > 0); `stepped` adds a descriptor step. */
export function descriptorArb(stepped = true): fc.Arbitrary<ParamDescriptor> {
  const step = stepped ? fc.constantFrom(0, 0, 0.01, 0.25, 0.5, 1) : fc.constant(0);
  const lin = fc.record({ lo: num(-1000, 1000), span: num(0.01, 5000), step, scale: fc.constantFrom('linear', 'db') as fc.Arbitrary<'linear' | 'db'> });
  const log = fc.record({ lo: num(0.001, 1000), ratio: num(1.01, 10000), step: fc.constant(0) });
  const linD = lin.map(({ lo, span, step: s, scale }): ParamDescriptor => ({ ...base, unit: scale === 'db' ? 'dB' : 'x', min: lo, max: lo + span, default: lo, scale, step: s }));
  const logD = log.map(({ lo, ratio }): ParamDescriptor => ({ ...base, unit: 'Hz', min: lo, max: lo * ratio, default: lo, scale: 'log', step: 0 }));
  const fixtures = PARAMS.filter((d) => stepped || d.step === 0);
  return fc.oneof(fc.constantFrom(...fixtures), linD, logD);
}

const rangeArb = fc.record({ min: unitArb, max: unitArb });
const ascendingRangeArb = rangeArb.map((r) => (r.min <= r.max ? r : { min: r.max, max: r.min }));

/** Table points: distinct ascending `at` from 0 to 1; `monotonic` sorts the values as well. */
export function tableArb(monotonic: boolean, wild = false): fc.Arbitrary<Taper> {
  const inner = fc.uniqueArray(fc.integer({ min: 1, max: 999 }), { maxLength: 6 }).map((xs) => [0, ...xs.sort((a, b) => a - b).map((x) => x / 1000), 1]);
  const value = wild ? fc.oneof(num(-1e4, 1e4), wildNum) : num(-1e4, 1e4);
  return inner.chain((ats) =>
    fc.array(value, { minLength: ats.length, maxLength: ats.length }).map((vs) => {
      const values = monotonic ? [...vs].sort((a, b) => a - b) : vs;
      return { kind: 'table' as const, points: ats.map((at, i) => ({ at, value: values[i] ?? 0 })) };
    }),
  );
}

export function curveArb(wild = false): fc.Arbitrary<Curve> {
  const k = wild ? fc.oneof(num(0.01, 20), wildNum) : num(0.01, 10);
  const kinds = fc.constantFrom('exponential', 'log', 's-curve') as fc.Arbitrary<'exponential' | 'log' | 's-curve'>;
  return fc.oneof(fc.constant({ kind: 'none' as const }), fc.record({ kind: kinds, k }));
}

export function taperArb(opts: { wild?: boolean; monotonic?: boolean } = {}): fc.Arbitrary<Taper> {
  const simple = fc.constantFrom<Taper>({ kind: 'scale' }, { kind: 'linear' }, { kind: 'log' }, { kind: 'db' });
  return fc.oneof({ arbitrary: simple, weight: 3 }, { arbitrary: tableArb(opts.monotonic ?? false, opts.wild), weight: 1 });
}

export function stepArb(wild = false): fc.Arbitrary<Step> {
  const size = wild ? fc.oneof(num(0.001, 100), wildNum) : num(0.001, 100);
  const fraction = wild ? fc.oneof(num(0.5, 48), wildNum) : num(0.5, 48);
  return fc.oneof(fc.constant({ kind: 'none' as const }), size.map((s) => ({ kind: 'plain' as const, size: s })), fraction.map((f) => ({ kind: 'octave' as const, fraction: f })));
}

export function buttonArb(wild = false): fc.Arbitrary<ButtonAction> {
  const n = wild ? fc.oneof(num(-100, 100), wildNum) : num(-100, 100);
  return fc.oneof(
    fc.constantFrom<ButtonAction>({ kind: 'momentary' }, { kind: 'toggle' }, { kind: 'reset' }),
    fc.record({ kind: fc.constantFrom('increment', 'decrement') as fc.Arbitrary<'increment' | 'decrement'>, step: n }),
    n.map((value) => ({ kind: 'set' as const, value })),
  );
}

/** Whole Glue values. `wild`: any numbers a file could hold; `ascending`: target min ≤ max. */
export function glueArb(opts: { wild?: boolean; ascending?: boolean; monotonic?: boolean; steps?: boolean } = {}): fc.Arbitrary<Glue> {
  const wild = opts.wild ?? false;
  const n = (min: number, max: number): fc.Arbitrary<number> => (wild ? fc.oneof(num(min, max), wildNum) : num(min, max));
  return fc.record({
    source: rangeArb,
    target: opts.ascending ? ascendingRangeArb : rangeArb,
    outOfRange: fc.constantFrom('ignore', 'clamp', 'min-or-max') as fc.Arbitrary<Glue['outOfRange']>,
    reverse: fc.boolean(),
    curve: curveArb(wild),
    taper: taperArb({ wild, monotonic: opts.monotonic ?? false }),
    step: opts.steps === false ? fc.constant<Step>({ kind: 'none' }) : stepArb(wild),
    relative: fc.record({ step: fc.oneof(fc.constant(0), n(0.001, 50)), speed: n(0.1, 10), acceleration: fc.oneof(fc.constant(0), n(0, 10)), wrap: fc.boolean() }),
    button: buttonArb(wild),
    takeover: fc.constant(IDENTITY_GLUE.takeover),
  });
}

/** True when v is a finite number within the descriptor's range. */
export const inRange = (d: ParamDescriptor, v: number | undefined): boolean => v !== undefined && Number.isFinite(v) && v >= d.min && v <= d.max;

/** Round-off allowed in plain units: relative to the span and to the magnitudes (tables reach 1e4). */
export const tolerance = (d: ParamDescriptor): number => 1e-9 * (d.max - d.min) + 1e-12 * (1e4 + Math.abs(d.min) + Math.abs(d.max));
