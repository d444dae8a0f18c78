import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clampUnit, isUnit, maybeUnit, unit } from '../../bridge/core/unit.js';

describe('Unit', () => {
  it.each([
    [0, true],
    [1, true],
    [0.5, true],
    [-0.0001, false],
    [1.0001, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
  ])('isUnit(%s) = %s', (x, want) => {
    expect(isUnit(x)).toBe(want);
    expect(maybeUnit(x) !== undefined).toBe(want);
  });

  it('unit() rejects with the value in the message', () => {
    expect(() => unit(1.5)).toThrow(/within 0\.\.1, got 1\.5/);
  });

  it('clampUnit always lands in range, NaN becomes 0', () => {
    expect(clampUnit(Number.NaN)).toBe(0);
    fc.assert(fc.property(fc.double(), (x) => isUnit(clampUnit(x))));
  });
});
