import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IDENTITY_GLUE, type Glue } from '../../bridge/core/glue/glue.js';
import { accelerationFactor, glueRelative } from '../../bridge/core/glue/relative.js';
import type { RelativeGlue } from '../../bridge/core/mapping/spec.js';
import type { ParamDescriptor } from '../../bridge/core/param/descriptor.js';
import { PARAMS } from './fixtures.js';
import { descriptorArb, glueArb, inRange, taperArb, tolerance, u } from './glue-arbitraries.js';

const [gain, freq, , , outGain] = PARAMS as [ParamDescriptor, ParamDescriptor, ParamDescriptor, ParamDescriptor, ParamDescriptor];
const rel = (over: Partial<RelativeGlue>, glue: Partial<Glue> = {}): Glue => ({ ...IDENTITY_GLUE, ...glue, relative: { ...IDENTITY_GLUE.relative, ...over } });
const ratio = 1000 ** 0.01; // one detent on 20 Hz..20 kHz: 1 % of three decades

describe('glueRelative', () => {
  it.each([
    ['one detent: 1 % of the range', rel({}), gain, 0, 1, 0, 1, 0.48],
    ['signed', rel({}), gain, 0, -2, 0, 1, -0.96],
    ['fine is one tenth', rel({}), gain, 0, 1, 0, 0.1, 0.048],
    ['speed multiplies', rel({ speed: 2 }), gain, 0, 1, 0, 1, 0.96],
    ['plain step in plain units', rel({ step: 0.5 }), gain, 0, 3, 0, 1, 1.5],
    ['plain step, fine', rel({ step: 0.5 }), gain, 0, 1, 0, 0.1, 0.05],
    ['acceleration 1 at 10 detents/s doubles', rel({ acceleration: 1 }), gain, 0, 1, 10, 1, 0.96],
    ['acceleration 1 at 30 detents/s: four times', rel({ acceleration: 1 }), gain, 0, 1, 30, 1, 1.92],
    ['no acceleration ignores speed', rel({}), gain, 0, 1, 30, 1, 0.48],
    ['log parameter: equal ratios from 1 kHz', rel({}), freq, 1000, 1, 0, 1, 1000 * ratio],
    ['log parameter: equal ratios from 100 Hz', rel({}), freq, 100, 1, 0, 1, 100 * ratio],
    ['linear taper on a log parameter: equal Hz', rel({}, { taper: { kind: 'linear' } }), freq, 100, 1, 0, 1, 299.8],
    ['reverse turns the other way', rel({}, { reverse: true }), gain, 0, 1, 0, 1, -0.48],
    ['clamps at the top', rel({}), gain, 23.9, 1, 0, 1, 24],
    ['stays at the top', rel({}), gain, 24, 5, 0, 1, 24],
    ['stays at the bottom', rel({}), gain, -24, -1, 0, 1, -24],
    ['wrap: stops at the end it passes', rel({ wrap: true }), gain, 23.9, 1, 0, 1, 24],
    ['wrap: from the top to the bottom', rel({ wrap: true }), gain, 24, 1, 0, 1, -24],
    ['wrap: from the bottom to the top', rel({ wrap: true }), gain, -24, -1, 0, 1, 24],
    ['the target range bounds the move', rel({}, { target: { min: u(0.25), max: u(0.75) } }), gain, 11.9, 1, 0, 1, 12],
    ['wrap in the target range', rel({ wrap: true }, { target: { min: u(0.25), max: u(0.75) } }), gain, 12, 1, 0, 1, -12],
    ['from outside the target range: into it', rel({}, { target: { min: u(0.25), max: u(0.75) } }), gain, 20, 1, 0, 1, 12],
    ['glue steps apply', rel({}, { step: { kind: 'plain', size: 0.5 } }), gain, 0, 1, 0, 1, 0.5],
    ['a stepped parameter never loses a fine detent', rel({}), outGain, 0, 1, 0, 0.1, 0.5],
    ['... nor a negative one', rel({}), outGain, 0, -1, 0, 0.1, -0.5],
    ['1/3-octave steps move one step a detent', rel({}, { step: { kind: 'octave', fraction: 3 } }), freq, 1000, 1, 0, 1, 1000 * 2 ** (1 / 3)],
    ['a stepped parameter wraps from its top', rel({ wrap: true }, { step: { kind: 'plain', size: 5 } }), gain, 21, 1, 0, 0.1, 24],
    ['zero detents: the current value, stepped', rel({}), outGain, 0.2, 0, 0, 1, 0],
    ['NaN detents: no move', rel({}), gain, 3, Number.NaN, 0, 1, 3],
    ['a bad fine factor counts as 1', rel({}), gain, 0, 1, 0, Number.NaN, 0.48],
  ] as const)('%s', (_name, glue, d, current, steps, dps, fine, want) => {
    expect(glueRelative(glue, steps, current, d, dps, fine)).toBeCloseTo(want, 6);
  });

  it('acceleration grows with rotation speed', () => {
    expect(accelerationFactor(0, 100)).toBe(1);
    expect(accelerationFactor(2, 5)).toBe(2);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }), (a, s, t) => {
        const [lo, hi] = s <= t ? [s, t] : [t, s];
        expect(accelerationFactor(a, lo)).toBeLessThanOrEqual(accelerationFactor(a, hi));
        expect(accelerationFactor(a, lo)).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  it('stays finite and within the parameter range, for any glue and input', () => {
    const n = fc.oneof(fc.double(), fc.integer({ min: -1000, max: 1000 }));
    fc.assert(fc.property(glueArb({ wild: true }), descriptorArb(), n, n, n, n, (glue, d, steps, cur, dps, fine) => inRange(d, glueRelative(glue, steps, cur, d, dps, fine))));
  });

  it('moves sum: +a then +b equals +(a + b) on continuous parameters (no acceleration, clamping or wrap)', () => {
    const relative = fc.record({ step: fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 5, noNaN: true })), speed: fc.double({ min: 0.1, max: 3, noNaN: true }), acceleration: fc.constant(0), wrap: fc.constant(false) });
    const detents = fc.integer({ min: -20, max: 20 });
    fc.assert(
      fc.property(relative, taperArb({ monotonic: true }).filter((t) => t.kind !== 'table'), descriptorArb(false), fc.double({ min: 0, max: 1, noNaN: true }), detents, detents, (r, taper, d, at, a, b) => {
        const glue: Glue = { ...IDENTITY_GLUE, relative: r, taper };
        const start = d.min + at * (d.max - d.min);
        const once = glueRelative(glue, a, start, d, 0, 1);
        const twice = glueRelative(glue, b, once, d, 0, 1);
        const direct = glueRelative(glue, a + b, start, d, 0, 1);
        const touches = [once, twice, direct].some((v) => v <= d.min + tolerance(d) || v >= d.max - tolerance(d));
        if (!touches) expect(Math.abs(twice - direct)).toBeLessThanOrEqual(1e3 * tolerance(d));
      }),
    );
  });
});
