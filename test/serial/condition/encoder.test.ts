import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EncoderCounter, wrapDelta } from '../../../bridge/core/serial/condition/encoder.js';

describe('wrapDelta', () => {
  it.each([
    [5, 65536, 5],
    [-5, 65536, -5],
    [65535, 65536, -1], // 0 → 65535 is one step back
    [-65535, 65536, 1], // 65535 → 0 is one step on
    [32767, 65536, 32767],
    [32768, 65536, -32768],
    [3, 4, -1],
  ])('%d mod %d is %d', (diff, modulus, expected) => {
    expect(wrapDelta(diff, modulus)).toBe(expected);
  });
});

describe('EncoderCounter', () => {
  it.each([
    ['the first reading is a baseline', 16, 4, [100], [0]],
    ['4 counts per detent', 16, 4, [100, 102, 104, 105, 108], [0, 0, 1, 0, 1]],
    ['backwards', 16, 4, [100, 96, 92], [0, -1, -1]],
    ['across the wrap, forward', 16, 1, [65534, 65535, 0, 1], [0, 1, 1, 1]],
    ['across the wrap, backward', 16, 4, [2, 65534], [0, -1]],
    ['rocking ±1 around a detent never steps', 16, 4, [100, 101, 100, 99, 100, 101, 99], [0, 0, 0, 0, 0, 0, 0]],
    ['a fast turn gives several steps at once', 8, 4, [250, 10], [0, 4]],
  ])('%s', (_n, bits, cps, counts, expected) => {
    const e = new EncoderCounter(bits, cps);
    expect(counts.map((c) => e.update(c))).toEqual(expected);
  });

  it('reset forgets the baseline and the remainder', () => {
    const e = new EncoderCounter(16, 4);
    e.update(0);
    e.update(3);
    e.reset();
    expect(e.update(500)).toBe(0);
    expect(e.remainder).toBe(0);
  });

  it('property (d): steps × countsPerStep + remainder sum to the total count change across wraps', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 16 }),
        fc.integer({ min: 1, max: 8 }),
        fc.nat(),
        fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 300 }),
        (bits, cps, start, moves) => {
          const modulus = 2 ** bits;
          const limit = modulus / 2 - 1; // changes up to half the range are read correctly
          const e = new EncoderCounter(bits, cps);
          let unwrapped = start;
          e.update(unwrapped % modulus);
          let steps = 0;
          let total = 0;
          for (const m of moves) {
            const d = Math.max(-limit, Math.min(limit, m));
            unwrapped += d;
            total += d;
            steps += e.update(((unwrapped % modulus) + modulus) % modulus);
          }
          return steps * cps + e.remainder === total && Math.abs(e.remainder) < cps;
        },
      ),
    );
  });
});
