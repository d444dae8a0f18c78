import { clampUnit, type Unit } from '../unit.js';

/** An interval inside 0..1. `min` may exceed `max`: that is a reversed range. */
export interface UnitRange {
  readonly min: Unit;
  readonly max: Unit;
}

export const FULL_RANGE: UnitRange = { min: 0 as Unit, max: 1 as Unit };

/** What to do with a source value outside the source range. */
export type OutOfRange = 'ignore' | 'clamp' | 'min-or-max';

/**
 * Maps x from the source range onto 0..1. Returns undefined when x is outside the range and the
 * policy is `ignore`; `clamp` and `min-or-max` both pin to the nearer end (they differ only for
 * relative input, in the mapping engine).
 */
export function fromSourceRange(x: Unit, range: UnitRange, outOfRange: OutOfRange): Unit | undefined {
  const lo = Math.min(range.min, range.max);
  const hi = Math.max(range.min, range.max);
  if ((x < lo || x > hi) && outOfRange === 'ignore') return undefined;
  if (hi === lo) return clampUnit(x >= hi ? 1 : 0);
  return clampUnit((x - lo) / (hi - lo));
}

/** Maps 0..1 onto the target range (linear interpolation; a reversed range runs downwards). */
export const toTargetRange = (x: Unit, range: UnitRange): Unit => clampUnit(range.min + x * (range.max - range.min));

/** Inverse of toTargetRange, for feedback; positions outside the range clamp to its ends. */
export function fromTargetRange(y: Unit, range: UnitRange): Unit {
  if (range.max === range.min) return 0 as Unit;
  return clampUnit((y - range.min) / (range.max - range.min));
}

/** Reverse: 1 - x. An involution: reverse(reverse(x)) = x. */
export const reverse = (x: Unit): Unit => clampUnit(1 - x);
