import { clampUnit, type Unit } from '../unit.js';

/** A breakpoint of a table taper: position `at` (0..1) → plain `value`. */
export interface TablePoint {
  readonly at: number;
  readonly value: number;
}

/** The usable points: finite ones only, in the order given (`at` is expected ascending). */
const usable = (points: readonly TablePoint[]): TablePoint[] => points.filter((p) => Number.isFinite(p.at) && Number.isFinite(p.value));

/**
 * Position → plain value, linear between breakpoints; before the first point its value, after the
 * last point its value. Undefined when the table has no usable point (the caller falls back).
 */
export function tableValue(points: readonly TablePoint[], p: Unit): number | undefined {
  const ps = usable(points);
  const first = ps[0];
  if (first === undefined) return undefined;
  if (p <= first.at) return first.value;
  for (let i = 1; i < ps.length; i++) {
    const a = ps[i - 1] as TablePoint;
    const b = ps[i] as TablePoint;
    if (p <= b.at) return b.at > a.at ? a.value + ((p - a.at) / (b.at - a.at)) * (b.value - a.value) : b.value;
  }
  return (ps[ps.length - 1] as TablePoint).value;
}

/**
 * Plain value → position, the piecewise inverse of tableValue: the first segment whose values span
 * `value` (so a non-monotonic table answers with its first match). A value the table never reaches
 * goes to the position of the nearest breakpoint value (the first such). Undefined without points.
 */
export function tablePosition(points: readonly TablePoint[], value: number): Unit | undefined {
  const ps = usable(points);
  if (ps.length === 0) return undefined;
  for (let i = 1; i < ps.length; i++) {
    const a = ps[i - 1] as TablePoint;
    const b = ps[i] as TablePoint;
    const lo = Math.min(a.value, b.value);
    const hi = Math.max(a.value, b.value);
    if (value < lo || value > hi) continue;
    if (a.value === b.value) return clampUnit(a.at);
    return clampUnit(a.at + ((value - a.value) / (b.value - a.value)) * (b.at - a.at));
  }
  let best = ps[0] as TablePoint;
  for (const p of ps) if (Math.abs(p.value - value) < Math.abs(best.value - value)) best = p;
  return clampUnit(best.at);
}
