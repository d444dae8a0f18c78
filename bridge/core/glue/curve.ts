import type { Curve } from '../mapping/spec.js';
import { assertNever } from '../assert-never.js';
import { clampUnit, type Unit } from '../unit.js';

/**
 * Curves on the control's travel (0..1 → 0..1, fixed ends, monotonic non-decreasing), with exact
 * closed-form inverses. `k` is the strength; k ≤ MIN_K (or not finite) is a straight line and k is
 * capped at MAX_K so e^k stays finite.
 * - exponential: (e^(k·x) − 1)/(e^k − 1), slow start;
 * - log: ln(1 + x·(e^k − 1))/k, its inverse, fast start;
 * - s-curve: two exponential halves, point-symmetric about (0.5, 0.5): 0.5·exp(2x) below the middle,
 *   1 − 0.5·exp(2(1 − x)) above. Slow at both ends, fastest (slope k·e^k/(e^k − 1)) in the middle,
 *   smooth (C1) there.
 */
export const MIN_K = 1e-9;
export const MAX_K = 50;

const strength = (k: number): number | undefined => (Number.isFinite(k) && k > MIN_K ? Math.min(k, MAX_K) : undefined);

const expo = (k: number, x: number): number => Math.expm1(k * x) / Math.expm1(k);
const logc = (k: number, x: number): number => Math.log1p(x * Math.expm1(k)) / k;

/** s-curve built from `half` (a 0..1 curve) on each half of the travel. */
function sShape(half: (x: number) => number, x: number): number {
  return x <= 0.5 ? 0.5 * half(2 * x) : 1 - 0.5 * half(2 * (1 - x));
}

/** The curve's output for a position x; the ends 0 and 1 map to themselves. */
export function applyCurve(c: Curve, x: Unit): Unit {
  if (c.kind === 'none') return x;
  const k = strength(c.k);
  if (k === undefined) return x;
  switch (c.kind) {
    case 'exponential':
      return clampUnit(expo(k, x));
    case 'log':
      return clampUnit(logc(k, x));
    case 's-curve':
      return clampUnit(sShape((t) => expo(k, t), x));
    default:
      return assertNever(c, 'curve');
  }
}

/** The position x with applyCurve(c, x) = y: the exact inverse (up to rounding). */
export function invertCurve(c: Curve, y: Unit): Unit {
  if (c.kind === 'none') return y;
  const k = strength(c.k);
  if (k === undefined) return y;
  switch (c.kind) {
    case 'exponential':
      return clampUnit(logc(k, y));
    case 'log':
      return clampUnit(expo(k, y));
    case 's-curve':
      return clampUnit(sShape((t) => logc(k, t), y));
    default:
      return assertNever(c, 'curve');
  }
}
