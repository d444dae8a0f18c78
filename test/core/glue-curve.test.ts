import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Curve, Taper } from '../../bridge/core/mapping/spec.js';
import { applyCurve, invertCurve } from '../../bridge/core/glue/curve.js';
import { plainToPosition, positionToPlain } from '../../bridge/core/glue/taper.js';
import { tablePosition, tableValue } from '../../bridge/core/glue/table.js';
import type { ParamDescriptor } from '../../bridge/core/param/descriptor.js';
import { isUnit } from '../../bridge/core/unit.js';
import { PARAMS } from './fixtures.js';
import { curveArb, descriptorArb, inRange, taperArb, tolerance, u, unitArb } from './glue-arbitraries.js';

const [gain, freq, , width] = PARAMS as [ParamDescriptor, ParamDescriptor, ParamDescriptor, ParamDescriptor];
const curves: Curve[] = [{ kind: 'none' }, ...(['exponential', 'log', 's-curve'] as const).flatMap((kind) => [0.5, 4, 12, 50].map((k) => ({ kind, k })))];

describe('curves', () => {
  it.each(curves)('%o fixes the ends', (c) => {
    expect(applyCurve(c, u(0))).toBeCloseTo(0, 12);
    expect(applyCurve(c, u(1))).toBeCloseTo(1, 12);
    expect(invertCurve(c, u(0))).toBeCloseTo(0, 12);
    expect(invertCurve(c, u(1))).toBeCloseTo(1, 12);
  });

  it.each([
    ['exponential is slow at the start', { kind: 'exponential', k: 4 }, 0.25, (y: number) => y < 0.05],
    ['log is fast at the start', { kind: 'log', k: 4 }, 0.25, (y: number) => y > 0.6],
    ['s-curve passes the middle', { kind: 's-curve', k: 4 }, 0.5, (y: number) => Math.abs(y - 0.5) < 1e-12],
    ['s-curve is slow near 0', { kind: 's-curve', k: 4 }, 0.1, (y: number) => y < 0.05],
    ['s-curve is slow near 1', { kind: 's-curve', k: 4 }, 0.9, (y: number) => y > 0.95],
    ['k = 0 is a straight line', { kind: 'exponential', k: 0 }, 0.3, (y: number) => y === 0.3],
    ['k = NaN is a straight line', { kind: 's-curve', k: Number.NaN }, 0.3, (y: number) => y === 0.3],
    ['a huge k stays finite', { kind: 'exponential', k: 1e9 }, 0.99, (y: number) => isUnit(y) && y < 1],
  ] as const)('%s', (_name, c, x, ok) => {
    expect(ok(applyCurve(c, u(x)))).toBe(true);
  });

  it('the s-curve is point-symmetric and steepest in the middle', () => {
    const c: Curve = { kind: 's-curve', k: 4 };
    fc.assert(fc.property(unitArb, (x) => Math.abs(applyCurve(c, u(1 - x)) - (1 - applyCurve(c, x))) < 1e-12));
    const h = 1e-6;
    const slope = (x: number): number => (applyCurve(c, u(x + h)) - applyCurve(c, u(x - h))) / (2 * h);
    expect(slope(0.5)).toBeCloseTo((4 * Math.exp(4)) / Math.expm1(4), 4);
    expect(slope(0.5)).toBeGreaterThan(slope(0.25));
    expect(slope(0.05)).toBeLessThan(1);
  });

  it('every curve is monotonic, stays in 0..1, and inverts', () => {
    fc.assert(
      fc.property(curveArb(), unitArb, unitArb, (c, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(applyCurve(c, lo)).toBeLessThanOrEqual(applyCurve(c, hi));
        expect(invertCurve(c, lo)).toBeLessThanOrEqual(invertCurve(c, hi));
        expect(isUnit(applyCurve(c, a)) && isUnit(invertCurve(c, a))).toBe(true);
        expect(applyCurve(c, invertCurve(c, a))).toBeCloseTo(a, 9);
      }),
    );
  });

  it('wild k values never leave 0..1', () => {
    fc.assert(fc.property(curveArb(true), unitArb, (c, x) => isUnit(applyCurve(c, x)) && isUnit(invertCurve(c, x))));
  });
});

describe('tapers', () => {
  const fader: Taper = { kind: 'table', points: [{ at: 0, value: -24 }, { at: 0.5, value: -6 }, { at: 1, value: 24 }] };
  const hump: Taper = { kind: 'table', points: [{ at: 0, value: 0 }, { at: 0.5, value: 200 }, { at: 1, value: 0 }] };
  it.each([
    ['scale on a log parameter: even ratios', { kind: 'scale' }, freq, 0.5, Math.sqrt(20 * 20000)],
    ['scale on a dB parameter: even dB', { kind: 'scale' }, gain, 0.25, -12],
    ['linear on a log parameter', { kind: 'linear' }, freq, 0.5, 10010],
    ['log on a log parameter', { kind: 'log' }, freq, 1 / 3, 200],
    ['log with min 0 falls back to linear', { kind: 'log' }, width, 0.5, 100],
    ['db on a dB parameter: even dB', { kind: 'db' }, gain, 0.75, 12],
    ['db on a Hz parameter: even ratios', { kind: 'db' }, freq, 2 / 3, 2000],
    ['table, between points', fader, gain, 0.25, -15],
    ['table, upper segment', fader, gain, 0.75, 9],
    ['table, values clamp to the parameter', { kind: 'table', points: [{ at: 0, value: -100 }, { at: 1, value: 100 }] }, gain, 0.9, 24],
    ['table without points falls back to linear', { kind: 'table', points: [] }, width, 0.25, 50],
  ] as const)('%s', (_name, t, d, p, want) => {
    expect(positionToPlain(t, u(p), d)).toBeCloseTo(want, 6);
    if (want > d.min && want < d.max) expect(plainToPosition(t, want, d)).toBeCloseTo(p, 9);
  });

  it('a non-monotonic table inverts to its first matching segment', () => {
    expect(plainToPosition(hump, 100, width)).toBeCloseTo(0.25, 12);
    expect(tablePosition(hump.points, 300)).toBe(0.5);
    expect(tableValue([], u(0.5))).toBeUndefined();
  });

  it('positions round-trip through every taper on every parameter, and stay in range', () => {
    fc.assert(
      fc.property(taperArb({ monotonic: true }), descriptorArb(false), unitArb, (t, d, p) => {
        const v = positionToPlain(t, p, d);
        expect(inRange(d, v)).toBe(true);
        const back = plainToPosition(t, v, d);
        expect(isUnit(back)).toBe(true);
        expect(Math.abs(positionToPlain(t, back, d) - v)).toBeLessThanOrEqual(tolerance(d));
      }),
    );
  });

  it('wild tables never leave the range', () => {
    fc.assert(fc.property(taperArb({ wild: true }), descriptorArb(), unitArb, fc.double(), (t, d, p, v) => inRange(d, positionToPlain(t, p, d)) && isUnit(plainToPosition(t, v, d))));
  });
});
