import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OneEuroFilter, smoothingFactor } from '../../../bridge/core/serial/condition/one-euro.js';

const FIXTURE = new URL('../fixtures/one-euro-ground-truth.csv', import.meta.url);

/** Rows of timestamp (s), noisy input and the reference's filtered output. */
function groundTruth(): { t: number; noisy: number; filtered: number }[] {
  const [header, ...lines] = readFileSync(FIXTURE, 'utf8').trim().split(/\r?\n/);
  expect(header).toBe('timestamp,signal,noisy,filtered');
  return lines.map((l) => {
    const [t, , noisy, filtered] = l.split(',').map(Number);
    return { t: t as number, noisy: noisy as number, filtered: filtered as number };
  });
}

describe('1€ filter', () => {
  it('reproduces the reference implementation (casiez/OneEuroFilter groundTruth.csv) within 1e-4', () => {
    const rows = groundTruth();
    expect(rows).toHaveLength(1200);
    const f = new OneEuroFilter({ freq: 120, minCutoff: 1, beta: 0.1, dCutoff: 1 });
    let worst = 0;
    for (const r of rows) worst = Math.max(worst, Math.abs(f.filter(r.noisy, r.t) - r.filtered));
    expect(worst).toBeLessThan(1e-4);
  });

  it.each([
    // cutoff Hz, rate Hz, α = 1/(1 + τ/Te), τ = 1/(2π fc)
    [1, 120, 1 / (1 + 120 / (2 * Math.PI))],
    [1, 100, 0.0591],
    [128, 100, 0.8894],
    [1000, 100, 0.9843],
  ])('α at %d Hz sampled at %d Hz is %f', (cutoff, freq, alpha) => {
    expect(smoothingFactor(cutoff, freq)).toBeCloseTo(alpha, 4);
  });

  it('passes the first sample through, and again after reset', () => {
    const f = new OneEuroFilter({ freq: 100, minCutoff: 1, beta: 0, dCutoff: 1 });
    expect(f.filter(0.7, 0)).toBe(0.7);
    expect(f.filter(0.2, 0.01)).toBeCloseTo(0.7 + smoothingFactor(1, 100) * (0.2 - 0.7), 12);
    f.reset();
    expect(f.filter(0.3, 5)).toBe(0.3);
  });

  it('keeps the last rate when a timestamp does not advance (two readings in one chunk)', () => {
    const a = new OneEuroFilter({ freq: 100, minCutoff: 1, beta: 0, dCutoff: 1 });
    const b = new OneEuroFilter({ freq: 100, minCutoff: 1, beta: 0, dCutoff: 1 });
    a.filter(0, 0);
    b.filter(0, 0);
    expect(a.filter(1, 0)).toBeCloseTo(b.filter(1, 0.01), 12);
  });

  it('rejects settings the reference rejects', () => {
    expect(() => new OneEuroFilter({ freq: 0, minCutoff: 1, beta: 0, dCutoff: 1 })).toThrow(RangeError);
    expect(() => new OneEuroFilter({ freq: 100, minCutoff: 0, beta: 0, dCutoff: 1 })).toThrow(RangeError);
    expect(() => new OneEuroFilter({ freq: 100, minCutoff: 1, beta: -1, dCutoff: 1 })).toThrow(RangeError);
  });

  it('property (a): never overshoots a step, up or down, whatever the settings and report times', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.record({ minCutoff: fc.double({ min: 0.01, max: 1000, noNaN: true }), beta: fc.double({ min: 0, max: 1000, noNaN: true }), dCutoff: fc.double({ min: 0.01, max: 1000, noNaN: true }) }),
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 2, maxLength: 200 }),
        fc.integer({ min: 1, max: 199 }),
        (start, end, settings, gapsMs, stepAt) => {
          const f = new OneEuroFilter({ freq: 100, ...settings });
          const lo = Math.min(start, end);
          const hi = Math.max(start, end);
          let t = 0;
          for (let i = 0; i < gapsMs.length; i++) {
            t += gapsMs[i] as number;
            const y = f.filter(i < stepAt ? start : end, t / 1000);
            if (y < lo - 1e-12 || y > hi + 1e-12) return false;
          }
          return true;
        },
      ),
    );
  });
});
