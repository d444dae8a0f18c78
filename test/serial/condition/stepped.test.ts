import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SteppedDecoder } from '../../../bridge/core/serial/condition/stepped.js';

/** Fraction for a position in steps (0..positions−1). */
const at = (steps: number, positions: number) => steps / (positions - 1);

describe('SteppedDecoder', () => {
  it.each([
    ['exact positions', 5, [0, 1, 2, 3, 4], [0, 1, 2, 3, 4]],
    ['a fresh decoder takes the nearest position', 5, [2.4], [2]],
    ['crossing a boundary needs ¼ step more (up)', 5, [2, 2.6, 2.75, 2.76], [2, 2, 2, 3]],
    ['crossing a boundary needs ¼ step more (down)', 5, [3, 2.4, 2.25, 2.24], [3, 3, 3, 2]],
    ['sitting on the boundary does not flicker', 11, [4.5, 4.49, 4.51, 4.5, 4.7, 4.3], [5, 5, 5, 5, 5, 5]],
    ['a jump of several steps goes straight to the nearest', 12, [0, 7.1], [0, 7]],
    ['clamps below 0 and above 1', 3, [-1, 5], [0, 2]],
  ])('%s', (_n, positions, steps, expected) => {
    const d = new SteppedDecoder(positions, 0.25);
    expect(steps.map((s) => d.update(at(s, positions)))).toEqual(expected);
  });

  it('a reading exactly on a boundary keeps the index it has (fast-check counterexample: 20 positions, h 0)', () => {
    const d = new SteppedDecoder(20, 0);
    expect([0, 0.02631578947368421].map((x) => d.update(x))).toEqual([0, 0]);
  });

  it('hysteresis 0 is plain nearest-position decoding', () => {
    const d = new SteppedDecoder(5, 0);
    expect([2, 2.51, 2.49].map((s) => d.update(at(s, 5)))).toEqual([2, 3, 2]);
  });

  it('rejects fewer than 2 positions and a hysteresis of half a step or more', () => {
    expect(() => new SteppedDecoder(1)).toThrow(RangeError);
    expect(() => new SteppedDecoder(4, 0.5)).toThrow(RangeError);
  });

  it('property (c): decoding is monotonic: a rising sweep never steps back, a falling one never forward; the index stays within ½ + h steps of the reading', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 64 }), fc.double({ min: 0, max: 0.49, noNaN: true }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 100 }), (positions, h, xs) => {
        const rising = [...xs].sort((a, b) => a - b);
        const up = new SteppedDecoder(positions, h);
        const down = new SteppedDecoder(positions, h);
        const u = rising.map((x) => up.update(x));
        const d = [...rising].reverse().map((x) => down.update(x));
        // Not "ends on the nearest position": with hysteresis a rising sweep that stops within h past
        // a boundary stays one below (found by fast-check: 20 positions, h 0, a reading exactly on
        // the boundary, where nearest rounds up and the decoder, needing more than ½ step, stays).
        const within = (v: number, x: number) => Math.abs(x * (positions - 1) - v) <= 0.5 + h + 1e-9;
        return (
          u.every((v, i) => i === 0 || v >= (u[i - 1] as number)) &&
          d.every((v, i) => i === 0 || v <= (d[i - 1] as number)) &&
          u.every((v, i) => within(v, rising[i] as number)) &&
          d.every((v, i) => within(v, rising[rising.length - 1 - i] as number))
        );
      }),
    );
  });

  it('property (c): stable within hysteresis: readings within h of a boundary on either side never change the index', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 64 }).chain((positions) => fc.tuple(fc.constant(positions), fc.integer({ min: 0, max: positions - 2 }))),
        fc.double({ min: 0.01, max: 0.49, noNaN: true }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { maxLength: 100 }),
        ([positions, below], h, noise) => {
          const d = new SteppedDecoder(positions, h);
          const boundary = below + 0.5;
          const first = d.update(at(boundary, positions));
          return noise.every((n) => d.update(at(boundary + n * h * 0.999, positions)) === first);
        },
      ),
    );
  });
});
