import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { glueAbsolute, glueFeedback, IDENTITY_GLUE, type Glue } from '../../bridge/core/glue/glue.js';
import { fromSourceRange, fromTargetRange, intoSourceRange, reverse, toTargetRange } from '../../bridge/core/glue/range.js';
import type { ParamDescriptor } from '../../bridge/core/param/descriptor.js';
import { isUnit } from '../../bridge/core/unit.js';
import { PARAMS } from './fixtures.js';
import { descriptorArb, glueArb, inRange, tolerance, u, unitArb } from './glue-arbitraries.js';

const [gain, freq, , , outGain] = PARAMS as [ParamDescriptor, ParamDescriptor, ParamDescriptor, ParamDescriptor, ParamDescriptor];
const g = (over: Partial<Glue>): Glue => ({ ...IDENTITY_GLUE, ...over });

describe('range', () => {
  it.each([
    [0.5, 0.25, 0.75, 'clamp', 0.5],
    [0.25, 0.25, 0.75, 'clamp', 0],
    [0.1, 0.25, 0.75, 'clamp', 0],
    [0.9, 0.25, 0.75, 'min-or-max', 1],
    [0.1, 0.25, 0.75, 'ignore', undefined],
    [0.3, 0.75, 0.25, 'ignore', 0.1],
    [0.5, 0.5, 0.5, 'clamp', 1],
  ] as const)('fromSourceRange(%s, %s..%s, %s) = %s', (x, min, max, oor, want) => {
    const got = fromSourceRange(u(x), { min: u(min), max: u(max) }, oor);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toBeCloseTo(want, 12);
  });

  it('reverse twice is identity', () => {
    fc.assert(fc.property(unitArb, (x) => Math.abs(reverse(reverse(x)) - x) < 1e-15));
  });

  it('target range maps monotonically (or anti-monotonically when reversed) and inverts; source range inverts', () => {
    fc.assert(
      fc.property(unitArb, unitArb, unitArb, unitArb, (a, b, x, y) => {
        const r = { min: a, max: b };
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const dir = Math.sign(toTargetRange(hi, r) - toTargetRange(lo, r));
        expect(dir === 0 || dir === Math.sign(b - a)).toBe(true);
        if (Math.abs(b - a) > 1e-6) {
          expect(fromTargetRange(toTargetRange(x, r), r)).toBeCloseTo(x, 6);
          expect(fromSourceRange(intoSourceRange(x, r), r, 'ignore')).toBeCloseTo(x, 6);
        }
      }),
    );
  });
});

describe('glueAbsolute', () => {
  const table = { kind: 'table', points: [{ at: 0, value: -24 }, { at: 0.5, value: -6 }, { at: 1, value: 24 }] } as const;
  it.each([
    ['identity, middle', g({}), gain, 0.5, 0],
    ['identity, top', g({}), gain, 1, 24],
    ['identity on a log parameter: geometric middle', g({}), freq, 0.5, Math.sqrt(20 * 20000)],
    ['reversed', g({ reverse: true }), gain, 1, -24],
    ['target range 0.5..0.75 → 0..12 dB', g({ target: { min: u(0.5), max: u(0.75) } }), gain, 1, 12],
    ['a reversed target range runs downwards', g({ target: { min: u(0.75), max: u(0.25) } }), gain, 0, 12],
    ['0.5 dB steps', g({ step: { kind: 'plain', size: 0.5 } }), gain, 0.51, 0.5],
    ['1/3-octave steps', g({ step: { kind: 'octave', fraction: 3 } }), freq, 0.6, 1000 * 2 ** (1 / 3)],
    ['parameter step applies anyway', g({}), outGain, 0.501, 0],
    ['exponential curve k 4: slow start', g({ curve: { kind: 'exponential', k: 4 } }), gain, 0.25, -24 + (48 * Math.expm1(1)) / Math.expm1(4)],
    ['s-curve keeps the middle', g({ curve: { kind: 's-curve', k: 6 } }), gain, 0.5, 0],
    ['linear taper on a log parameter', g({ taper: { kind: 'linear' } }), freq, 0.5, 10010],
    ['table taper ignores the target range', g({ taper: table, target: { min: u(0.5), max: u(0.6) } }), gain, 0.25, -15],
    ['source range 0.2..0.8 stretches', g({ source: { min: u(0.2), max: u(0.8) } }), gain, 0.65, 12],
    ['clamped below the source range', g({ source: { min: u(0.2), max: u(0.8) } }), gain, 0.1, -24],
    ['ignored outside source range', g({ source: { min: u(0.2), max: u(0.8) }, outOfRange: 'ignore' }), gain, 0.9, undefined],
  ] as const)('%s', (_name, glue, d, x, want) => {
    const got = glueAbsolute(glue, u(x), d);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toBeCloseTo(want, 9);
  });

  it('never yields NaN or a value outside the parameter range, for any glue', () => {
    fc.assert(
      fc.property(glueArb({ wild: true }), descriptorArb(), unitArb, (glue, d, x) => {
        const v = glueAbsolute(glue, x, d);
        if (v === undefined) expect(glue.outOfRange).toBe('ignore');
        else expect(inRange(d, v)).toBe(true);
      }),
    );
  });

  it('reverse reads the travel backwards (reversing twice is the identity)', () => {
    // Positions on a 1/1024 grid, so that 1 - x is exact in floating point.
    const dyadic = fc.integer({ min: 0, max: 1024 }).map((i) => u(i / 1024));
    fc.assert(
      fc.property(glueArb(), descriptorArb(), dyadic, (glue, d, x) => {
        const full = { ...glue, source: IDENTITY_GLUE.source };
        const twice = { ...full, reverse: !full.reverse };
        expect(glueAbsolute(twice, x, d)).toBe(glueAbsolute(full, reverse(x), d));
        expect(glueAbsolute(full, reverse(reverse(x)), d)).toBe(glueAbsolute(full, x, d));
      }),
    );
  });

  it('is non-decreasing in x without reverse, non-increasing with it (ascending range, monotonic taper)', () => {
    fc.assert(
      fc.property(glueArb({ ascending: true, monotonic: true }), descriptorArb(), unitArb, unitArb, (glue, d, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const vl = glueAbsolute(glue, lo, d);
        const vh = glueAbsolute(glue, hi, d);
        if (vl === undefined || vh === undefined) return;
        if (glue.reverse) expect(vl).toBeGreaterThanOrEqual(vh);
        else expect(vl).toBeLessThanOrEqual(vh);
      }),
    );
  });
});

describe('glueFeedback', () => {
  it.each([
    ['identity', g({}), gain, 12, 0.75],
    ['identity on a log parameter', g({}), freq, 1000, Math.log(50) / Math.log(1000)],
    ['reversed', g({ reverse: true }), gain, 12, 0.25],
    ['into the source range', g({ source: { min: u(0.2), max: u(0.8) } }), gain, 0, 0.5],
    ['through the target range', g({ target: { min: u(0.5), max: u(1) } }), gain, 12, 0.5],
    ['unreachable values show at the nearest end', g({ target: { min: u(0.5), max: u(1) } }), gain, -12, 0],
    ['inverse curve', g({ curve: { kind: 'log', k: 4 } }), gain, -24 + (48 * Math.log1p(0.5 * Math.expm1(4))) / 4, 0.5],
  ] as const)('%s', (_name, glue, d, v, want) => {
    expect(glueFeedback(glue, v, d)).toBeCloseTo(want, 9);
  });

  it('inverts the glue, so a controller shows where the parameter is', () => {
    const sane = glueArb({ steps: false }).filter((x) => Math.abs(x.source.max - x.source.min) > 0.01);
    fc.assert(
      fc.property(sane, descriptorArb(false), unitArb, (glue, d, x) => {
        const v = glueAbsolute(glue, x, d);
        if (v === undefined) return;
        const back = glueFeedback(glue, v, d);
        expect(isUnit(back)).toBe(true);
        const again = glueAbsolute(glue, back, d);
        expect(again).toBeDefined();
        expect(Math.abs((again ?? Number.NaN) - v)).toBeLessThanOrEqual(1e3 * tolerance(d));
      }),
    );
  });

  it('is always a position in 0..1, for any glue and value', () => {
    fc.assert(fc.property(glueArb({ wild: true }), descriptorArb(), fc.double(), (glue, d, v) => isUnit(glueFeedback(glue, v, d))));
  });
});
