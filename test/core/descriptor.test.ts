import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { descriptorProblems, fromNorm, quantise, toNorm, type ParamDescriptor } from '../../bridge/core/param/descriptor.js';
import { clampUnit, isUnit } from '../../bridge/core/unit.js';
import { PARAMS } from './fixtures.js';

const byId = (id: string): ParamDescriptor => PARAMS.find((p) => p.id === id) as ParamDescriptor;

describe('parameter scales', () => {
  it.each([
    ['input.gain', 0.5, 0],
    ['input.gain', 0, -24],
    ['input.gain', 1, 24],
    ['eq.band1.freq', 0, 20],
    ['eq.band1.freq', 1, 20000],
    ['eq.band1.freq', 0.5, Math.sqrt(20 * 20000)],
    ['stereo.width', 0.25, 50],
    ['output.gain', 0.51, 0.5],
  ])('%s at norm %s is %s', (id, norm, plain) => {
    expect(fromNorm(byId(id), clampUnit(norm))).toBeCloseTo(plain, 6);
  });

  it('log scale puts each decade at the same distance', () => {
    const d = byId('eq.band1.freq');
    const step = toNorm(d, 200) - toNorm(d, 20);
    expect(toNorm(d, 2000) - toNorm(d, 200)).toBeCloseTo(step, 12);
  });

  it('round-trips norm → plain → norm on continuous parameters', () => {
    const continuous = PARAMS.filter((p) => p.step === 0);
    fc.assert(
      fc.property(fc.constantFrom(...continuous), fc.double({ min: 0, max: 1, noNaN: true }), (d, n) => {
        expect(toNorm(d, fromNorm(d, clampUnit(n)))).toBeCloseTo(n, 9);
      }),
    );
  });

  it('fromNorm is monotonic and stays within min..max', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PARAMS), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (d, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const vlo = fromNorm(d, clampUnit(lo));
        const vhi = fromNorm(d, clampUnit(hi));
        expect(vlo).toBeLessThanOrEqual(vhi);
        expect(vlo).toBeGreaterThanOrEqual(d.min);
        expect(vhi).toBeLessThanOrEqual(d.max);
      }),
    );
  });

  it('toNorm never leaves 0..1, even for values outside the range', () => {
    fc.assert(fc.property(fc.constantFrom(...PARAMS), fc.double({ noNaN: true }), (d, v) => isUnit(toNorm(d, v))));
  });

  it('quantises to the step counted from min, without float residue', () => {
    const d = byId('output.gain');
    expect(quantise(d, 0.26)).toBe(0.5);
    expect(quantise(d, -6.2)).toBe(-6);
    expect(quantise(d, 99)).toBe(24);
  });

  it('reports inconsistent descriptors', () => {
    const bad: ParamDescriptor = { ...byId('eq.band1.freq'), min: 0, default: 30000 };
    expect(descriptorProblems(bad)).toEqual([
      'eq.band1.freq: default 30000 outside 0..20000',
      'eq.band1.freq: log scale needs min > 0, got 0',
    ]);
    expect(PARAMS.flatMap(descriptorProblems)).toEqual([]);
  });
});
