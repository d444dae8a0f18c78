import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { StepHysteresis } from '../../../bridge/core/serial/condition/hysteresis.js';

/** Runs filtered values given in output steps (0..top) and returns the output steps. */
function run(resolution: number, h: number, steps: readonly number[]): number[] {
  const q = new StepHysteresis(resolution, h);
  return steps.map((s) => q.update(s / (resolution - 1)));
}

describe('StepHysteresis', () => {
  it.each([
    ['first value rounds', 1, [10.4], [10]],
    ['moves only past h: 11.0 is not past 10 + 1', 1, [10, 10.9, 11, 11.01], [10, 10, 10, 11]],
    ['trails a rising value by h', 1, [10, 12.5, 13.2, 14.9], [10, 12, 13, 14]],
    ['a reversal needs more than 2h − 1 of travel', 1, [10, 12.5, 11.6, 10.9], [10, 12, 12, 11]],
    ['jitter of ±0.9 around a settled step never moves it', 1, [20, 20.9, 19.1, 20.9, 19.1], [20, 20, 20, 20, 20]],
    ['h ½ is plain rounding', 0.5, [10, 10.6, 10.4, 10.6], [10, 11, 10, 11]],
    ['h below ½ behaves as ½ (no flicker at a fixed value)', 0, [10, 10.3, 10.3, 10.3], [10, 10, 10, 10]],
    ['snaps to 0 within ½ step of the bottom', 1, [5, 2, 0.6, 0.4, 0.9], [5, 3, 1, 0, 0]],
    ['snaps to the top within ½ step of it', 1, [1018, 1022, 1022.6], [1018, 1021, 1023]],
    ['h 3 snaps within 2.5 steps', 3, [10, 5, 2.4, 2.9, 3.1], [10, 8, 0, 0, 1]],
  ])('%s', (_name, h, input, expected) => {
    expect(run(1024, h, input)).toEqual(expected);
  });

  it('settle puts the output on the nearest step regardless of hysteresis', () => {
    const q = new StepHysteresis(1024, 2);
    q.update(0.5);
    expect(q.settle(0.5 + 1 / 1023)).toBe(513);
    expect(q.current).toBe(513);
  });

  it('rejects a resolution below 2 and a negative hysteresis', () => {
    expect(() => new StepHysteresis(1, 1)).toThrow(RangeError);
    expect(() => new StepHysteresis(1024, -1)).toThrow(RangeError);
  });

  it('property: once settled, jitter of less than 2h − 1 steps peak to peak never moves the output (away from the ends)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 1013 }), fc.double({ min: 0.5, max: 4, noNaN: true }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 200 }), (centre, h, noise) => {
        const q = new StepHysteresis(1024, h);
        const first = q.update(centre / 1023);
        const width = Math.max(0, 2 * h - 1) * 0.999;
        return noise.every((n) => q.update((centre - width / 2 + width * n) / 1023) === first);
      }),
    );
  });

  it('property: the output stays within h + ½ step of the filtered value (away from the snap bands)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 4, noNaN: true }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 200 }), (h, xs) => {
        const q = new StepHysteresis(1024, h);
        return xs.every((x) => Math.abs(q.update(x) - x * 1023) <= h + 0.5 + 1e-9 || x * 1023 < h || x * 1023 > 1023 - h);
      }),
    );
  });
});
