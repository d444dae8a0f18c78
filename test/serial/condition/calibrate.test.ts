import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyCalibration, invertTaper, measureNoise, rangeOf, rawFraction, suggestFilter, taperFromMidpoint } from '../../../bridge/core/serial/condition/calibrate.js';
import { FILTER_10_BIT, FILTER_12_BIT, FILTER_7_BIT } from '../../../bridge/core/serial/condition/defaults.js';
import { restingReadings } from '../noise.js';

describe('rawFraction', () => {
  it.each([
    ['bottom', 0, 0, 1023, 0],
    ['top', 1023, 0, 1023, 1],
    ['middle', 511.5, 0, 1023, 0.5],
    ['a trimmed range', 520, 20, 1020, 0.5],
    ['below min clamps', 5, 20, 1020, 0],
    ['above max clamps', 1023, 20, 1020, 1],
    ['min > max reverses', 20, 1020, 20, 1],
    ['reversed, a quarter', 770, 1020, 20, 0.25],
    ['min = max (no travel) is 0', 500, 500, 500, 0],
    ['NaN is 0', Number.NaN, 0, 1023, 0],
  ])('%s', (_n, raw, min, max, expected) => {
    expect(rawFraction(raw, min, max)).toBeCloseTo(expected, 12);
  });
});

describe('invertTaper', () => {
  const audio = [0, 0.05, 0.15, 0.4, 1]; // raw fraction at rotations 0, ¼, ½, ¾, 1
  it.each([
    [0, 0],
    [0.05, 0.25],
    [0.1, 0.375],
    [0.15, 0.5],
    [0.7, 0.875],
    [1, 1],
  ])('raw %f is rotation %f', (raw, rotation) => {
    expect(invertTaper(raw, audio)).toBeCloseTo(rotation, 12);
  });

  it('is the identity for a linear table', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (x) => Math.abs(invertTaper(x, [0, 0.25, 0.5, 0.75, 1]) - x) < 1e-12));
  });

  it('property: increasing tables give an increasing inverse that undoes the table at its points', () => {
    const table = fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }).map((gaps) => {
      const total = gaps.reduce((a, b) => a + b, 0);
      let acc = 0;
      return [0, ...gaps.map((g) => (acc += g / total))].map((v, i, a) => (i === a.length - 1 ? 1 : v));
    });
    fc.assert(
      fc.property(table, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (t, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const pointsOk = t.every((v, i) => Math.abs(invertTaper(v, t) - i / (t.length - 1)) < 1e-9);
        return pointsOk && invertTaper(lo, t) <= invertTaper(hi, t) + 1e-12;
      }),
    );
  });

  it('applyCalibration: min/max first, then the taper', () => {
    expect(applyCalibration(20 + 0.15 * 1000, { min: 20, max: 1020, taper: [0, 0.15, 1] })).toBeCloseTo(0.5, 12);
    expect(applyCalibration(520, { min: 20, max: 1020, taper: null })).toBeCloseTo(0.5, 12);
  });
});

describe('taperFromMidpoint', () => {
  it.each([0.4, 0.5, 0.6])('a centre reading of %f is linear (null)', (m) => {
    expect(taperFromMidpoint(m)).toBeNull();
  });

  it.each([0.1, 0.15, 0.2, 0.8, 0.9])('a centre reading of %f gives a table through (½, m), 0 first, 1 last, increasing', (m) => {
    const t = taperFromMidpoint(m) as number[];
    expect(t).toHaveLength(11);
    expect(t[0]).toBe(0);
    expect(t[10]).toBe(1);
    expect(t[5]).toBeCloseTo(m, 12);
    for (let i = 1; i < t.length; i++) expect(t[i] as number).toBeGreaterThan(t[i - 1] as number);
    expect(invertTaper(m, t)).toBeCloseTo(0.5, 12);
  });

  it('follows f(x) = (b^x − 1)/(b − 1) with b = (1/m − 1)²: m 0.1 gives b 81', () => {
    const t = taperFromMidpoint(0.1, 5) as number[];
    expect(t).toHaveLength(5);
    expect(t[1]).toBeCloseTo((81 ** 0.25 - 1) / 80, 12); // 2/80 = 0.025
    expect(t[3]).toBeCloseTo((81 ** 0.75 - 1) / 80, 12); // 26/80 = 0.325
  });

  it('rejects a centre reading off the travel and a bad point count', () => {
    expect(() => taperFromMidpoint(0)).toThrow(RangeError);
    expect(() => taperFromMidpoint(1)).toThrow(RangeError);
    expect(() => taperFromMidpoint(Number.NaN)).toThrow(RangeError);
    expect(() => taperFromMidpoint(0.15, 2)).toThrow(RangeError);
    expect(() => taperFromMidpoint(0.15, 102)).toThrow(RangeError);
  });
});

describe('measureNoise and rangeOf', () => {
  it('measures mean, sample sd and peak-to-peak in counts', () => {
    const n = measureNoise([510, 512, 511, 513, 509]);
    expect(n?.mean).toBe(511);
    expect(n?.sd).toBeCloseTo(Math.sqrt(10 / 4), 12);
    expect(n?.peakToPeak).toBe(4);
    expect(measureNoise([3])).toBeNull();
  });

  it('recovers the sd of seeded Gaussian noise', () => {
    const n = measureNoise(restingReadings(10, 1.5, 500.3, 5000, 11));
    expect(n?.sd).toBeGreaterThan(1.4);
    expect(n?.sd).toBeLessThan(1.65); // rounding to counts adds √(1/12)
  });

  it.each([
    ['the extremes', [3, 900, 1021, 40], 0, { min: 3, max: 1021 }],
    ['moved inward by the inset', [3, 900, 1021, 40], 4, { min: 7, max: 1017 }],
    ['no readings', [], 0, null],
    ['an inset that leaves no travel', [500, 504], 2, null],
  ])('rangeOf: %s', (_n, samples, inset, expected) => {
    expect(rangeOf(samples, inset)).toEqual(expected);
  });
});

describe('suggestFilter', () => {
  it.each([
    [10, 1.5, FILTER_10_BIT],
    [12, 1.5, FILTER_12_BIT],
  ])('reproduces the %d-bit defaults for the noise they assume (sd %f)', (bits, sd, expected) => {
    expect(suggestFilter({ sd, peakToPeak: 6 * sd }, bits)).toEqual(expected);
  });

  it.each([
    [1, { sleep: 3, hysteresis: 0.75, minCutoff: 2.25 }],
    [2, { sleep: 5, hysteresis: 1.25, minCutoff: 0.5625 }],
    [3, { sleep: 8, hysteresis: 1.5, minCutoff: 0.25 }],
  ])('10-bit with sd %f LSB: %o', (sd, expected) => {
    expect(suggestFilter({ sd, peakToPeak: 6 * sd }, 10)).toMatchObject(expected);
  });

  it('spiky noise raises sleep to a quarter of its peak-to-peak', () => {
    expect(suggestFilter({ sd: 1, peakToPeak: 30 }, 10).sleep).toBe(8);
  });

  it('keeps a quiet digital source pass-through, and gates one that flickers', () => {
    expect(suggestFilter({ sd: 0, peakToPeak: 0 }, 7)).toEqual(FILTER_7_BIT);
    expect(suggestFilter({ sd: 0.5, peakToPeak: 1 }, 7)).toMatchObject({ sleep: 2, minCutoff: FILTER_7_BIT.minCutoff });
  });
});
