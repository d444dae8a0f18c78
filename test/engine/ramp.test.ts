import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holdSegment, LEVEL_RAMP, planRamp, valueAt, type Segment } from '../../bridge/engine/ramp/ramp.js';

describe('ramp plans', () => {
  it('levels become linear gains on an exponential ramp (even in dB)', () => {
    const p = planRamp('level-db', -6.0206);
    expect(p.target).toBeCloseTo(0.5, 6);
    expect(p.shape).toBe('exponential');
    expect(p.duration).toBe(LEVEL_RAMP);
  });

  it('biquad gains stay in dB on a linear ramp; width is a side factor', () => {
    expect(planRamp('filter-db', -3)).toMatchObject({ target: -3, shape: 'linear' });
    expect(planRamp('width-pct', 0)).toMatchObject({ target: 0, shape: 'linear' });
    expect(planRamp('width-pct', 200).target).toBe(2);
  });

  it('frequencies and Q move in log domain', () => {
    expect(planRamp('filter-hz', 1000)).toMatchObject({ target: 1000, shape: 'exponential' });
    expect(planRamp('filter-q', 2)).toMatchObject({ target: 2, shape: 'exponential' });
  });
});

describe('segment values', () => {
  const seg: Segment = { from: 1, to: 4, t0: 1, t1: 2, shape: 'exponential' };

  it('holds before and after, and is geometric halfway on an exponential ramp', () => {
    expect(valueAt(seg, 0)).toBe(1);
    expect(valueAt(seg, 3)).toBe(4);
    expect(valueAt(seg, 1.5)).toBeCloseTo(2, 12);
    expect(valueAt({ ...seg, shape: 'linear' }, 1.5)).toBeCloseTo(2.5, 12);
    expect(valueAt(holdSegment(0.3, 5), 100)).toBe(0.3);
  });

  it('stays between its end points (so a retarget never overshoots)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('linear' as const, 'exponential' as const),
        (from, to, x, shape) => {
          const v = valueAt({ from, to, t0: 10, t1: 10.03, shape }, 10 + 0.03 * x);
          expect(v).toBeGreaterThanOrEqual(Math.min(from, to) * (1 - 1e-12));
          expect(v).toBeLessThanOrEqual(Math.max(from, to) * (1 + 1e-12));
        },
      ),
    );
  });
});
