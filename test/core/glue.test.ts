import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { glueAbsolute, glueFeedback, IDENTITY_GLUE, type Glue } from '../../bridge/core/glue/glue.js';
import { fromSourceRange, fromTargetRange, reverse, toTargetRange } from '../../bridge/core/glue/range.js';
import { applyTaper, invertTaper, type Taper } from '../../bridge/core/glue/taper.js';
import type { ParamDescriptor } from '../../bridge/core/param/descriptor.js';
import { clampUnit, isUnit, type Unit } from '../../bridge/core/unit.js';
import { PARAMS } from './fixtures.js';

const u = (x: number): Unit => clampUnit(x);
const unitArb = fc.double({ min: 0, max: 1, noNaN: true }).map(u);
const tapers: Taper[] = [{ kind: 'linear' }, { kind: 'log', curve: 4 }, { kind: 'exponential', curve: 4 }, { kind: 'log', curve: 0.5 }];
const gain = PARAMS[0] as ParamDescriptor;
const outGain = PARAMS[4] as ParamDescriptor;

describe('range', () => {
  it.each([
    [0.5, 0.25, 0.75, 'clamp', 0.5],
    [0.25, 0.25, 0.75, 'clamp', 0],
    [0.1, 0.25, 0.75, 'clamp', 0],
    [0.9, 0.25, 0.75, 'min-or-max', 1],
    [0.1, 0.25, 0.75, 'ignore', undefined],
    [0.5, 0.75, 0.25, 'ignore', 0.5],
  ] as const)('fromSourceRange(%s, %s..%s, %s) = %s', (x, min, max, oor, want) => {
    const got = fromSourceRange(u(x), { min: u(min), max: u(max) }, oor);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toBeCloseTo(want, 12);
  });

  it('reverse twice is identity', () => {
    fc.assert(fc.property(unitArb, (x) => Math.abs(reverse(reverse(x)) - x) < 1e-15));
  });

  it('target range maps monotonically (or anti-monotonically when reversed) and inverts', () => {
    fc.assert(
      fc.property(unitArb, unitArb, unitArb, unitArb, (a, b, x, y) => {
        const r = { min: a, max: b };
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const dir = Math.sign(toTargetRange(hi, r) - toTargetRange(lo, r));
        expect(dir === 0 || dir === Math.sign(b - a)).toBe(true);
        if (Math.abs(b - a) > 1e-6) expect(fromTargetRange(toTargetRange(x, r), r)).toBeCloseTo(x, 6);
      }),
    );
  });
});

describe('taper', () => {
  it.each(tapers)('%o fixes the ends, is monotonic, and inverts', (t) => {
    expect(applyTaper(t, u(0))).toBeCloseTo(0, 12);
    expect(applyTaper(t, u(1))).toBeCloseTo(1, 12);
    fc.assert(
      fc.property(unitArb, unitArb, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(applyTaper(t, lo)).toBeLessThanOrEqual(applyTaper(t, hi));
        expect(invertTaper(t, applyTaper(t, a))).toBeCloseTo(a, 9);
      }),
    );
  });

  it('log is fast at the start, exponential slow', () => {
    expect(applyTaper({ kind: 'log', curve: 4 }, u(0.25))).toBeGreaterThan(0.5);
    expect(applyTaper({ kind: 'exponential', curve: 4 }, u(0.25))).toBeLessThan(0.1);
  });
});

describe('glue', () => {
  const halfRange: Glue = { ...IDENTITY_GLUE, target: { min: u(0.5), max: u(0.75) } };
  it.each([
    ['identity, middle', IDENTITY_GLUE, gain, 0.5, 0],
    ['identity, top', IDENTITY_GLUE, gain, 1, 24],
    ['reversed', { ...IDENTITY_GLUE, reverse: true }, gain, 1, -24],
    ['target range 0.5..0.75 → 0..12 dB', halfRange, gain, 1, 12],
    ['0.5 dB steps', { ...IDENTITY_GLUE, step: 0.5 }, gain, 0.51, 0.5],
    ['parameter step applies anyway', IDENTITY_GLUE, outGain, 0.501, 0],
    ['ignored outside source range', { ...IDENTITY_GLUE, source: { min: u(0.2), max: u(0.8) }, outOfRange: 'ignore' as const }, gain, 0.9, undefined],
  ])('%s', (_name, g, d, x, want) => {
    const got = glueAbsolute(g, u(x), d);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toBeCloseTo(want, 9);
  });

  it('feedback inverts the glue, so a controller shows where the parameter is', () => {
    const glues: Glue[] = tapers.flatMap((taper) => [
      { ...IDENTITY_GLUE, taper },
      { ...IDENTITY_GLUE, taper, reverse: true, target: { min: u(0.2), max: u(0.9) } },
      { ...IDENTITY_GLUE, taper, source: { min: u(0.1), max: u(0.6) } },
    ]);
    fc.assert(
      fc.property(fc.constantFrom(...glues), unitArb, (g, x) => {
        const v = glueAbsolute(g, x, gain);
        if (v === undefined) return;
        const back = glueFeedback(g, v, gain);
        expect(isUnit(back)).toBe(true);
        expect(glueAbsolute(g, back, gain)).toBeCloseTo(v, 6);
      }),
    );
  });

  it('never yields a value outside the parameter range', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PARAMS), fc.constantFrom(...tapers), fc.boolean(), unitArb, unitArb, unitArb, (d, taper, rev, a, b, x) => {
        const v = glueAbsolute({ ...IDENTITY_GLUE, taper, reverse: rev, target: { min: a, max: b } }, x, d);
        expect(v).toBeGreaterThanOrEqual(d.min);
        expect(v).toBeLessThanOrEqual(d.max);
      }),
    );
  });
});
