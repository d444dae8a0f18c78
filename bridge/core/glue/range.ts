import { clampUnit, type Unit } from '../unit.js';

/** An interval inside 0..1. For a target range `min` may exceed `max`: that range runs downwards. */
export interface UnitRange {
  readonly min: Unit;
  readonly max: Unit;
}

export const FULL_RANGE: UnitRange = Object.freeze({ min: 0 as Unit, max: 1 as Unit });

/** What to do with a source value outside the source range. */
export type OutOfRange = 'ignore' | 'clamp' | 'min-or-max';

/** The range's ends in ascending order. */
const ends = (range: UnitRange): [number, number] => [Math.min(range.min, range.max), Math.max(range.min, range.max)];

/**
 * Maps x from the source range onto 0..1 (the source range's order does not matter: reversing is
 * the glue's `reverse`). Returns undefined when x is outside the range and the policy is `ignore`;
 * `clamp` and `min-or-max` both pin to the nearer end (they differ only for relative input, in the
 * mapping engine). An empty range (min = max) is a switch: 1 at or above it, else 0.
 */
export function fromSourceRange(x: Unit, range: UnitRange, outOfRange: OutOfRange): Unit | undefined {
  const [lo, hi] = ends(range);
  if ((x < lo || x > hi) && outOfRange === 'ignore') return undefined;
  if (hi === lo) return clampUnit(x >= hi ? 1 : 0);
  return clampUnit((x - lo) / (hi - lo));
}

/** Inverse of fromSourceRange: 0..1 back onto the source range (for feedback). */
export function intoSourceRange(y: Unit, range: UnitRange): Unit {
  const [lo, hi] = ends(range);
  return clampUnit(lo + y * (hi - lo));
}

/** Maps 0..1 onto the target range (linear interpolation; a reversed range runs downwards). */
export const toTargetRange = (x: Unit, range: UnitRange): Unit => clampUnit(range.min + x * (range.max - range.min));

/**
 * Inverse of toTargetRange, for feedback: the fraction of the way from the range's min to its max.
 * Positions outside the range clamp to its ends; an empty range answers 0.
 */
export function fromTargetRange(y: Unit, range: UnitRange): Unit {
  if (range.max === range.min) return 0 as Unit;
  return clampUnit((y - range.min) / (range.max - range.min));
}

/** Reverse: 1 - x. An involution: reverse(reverse(x)) = x. */
export const reverse = (x: Unit): Unit => clampUnit(1 - x);
