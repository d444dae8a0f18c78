/**
 * A normalised value in [0, 1] that cannot be out of range: the only ways to make one are the three
 * constructors below (reject, maybe, clamp), after ReaLearn's UnitValue.
 */
declare const unitBrand: unique symbol;
export type Unit = number & { readonly [unitBrand]: 'Unit' };

export const isUnit = (x: number): x is Unit => Number.isFinite(x) && x >= 0 && x <= 1;

/** Throws a RangeError naming the value when x is outside [0, 1] or not finite. */
export function unit(x: number): Unit {
  if (!isUnit(x)) throw new RangeError(`normalised value must be within 0..1, got ${x}`);
  return x;
}

/** The value as a Unit, or undefined when it is outside [0, 1] or not finite. */
export const maybeUnit = (x: number): Unit | undefined => (isUnit(x) ? x : undefined);

/** Clamps into [0, 1]; NaN becomes 0 so a bad value can never travel further. */
export function clampUnit(x: number): Unit {
  if (Number.isNaN(x)) return 0 as Unit;
  return Math.min(1, Math.max(0, x)) as Unit;
}

export const UNIT_MIN = 0 as Unit;
export const UNIT_MAX = 1 as Unit;
