import type { Taper } from '../mapping/spec.js';
import type { ParamDescriptor } from '../param/descriptor.js';
import { assertNever } from '../assert-never.js';
import { clampUnit, type Unit } from '../unit.js';
import { FULL_RANGE, type UnitRange } from './range.js';
import { tablePosition, tableValue } from './table.js';

/**
 * Tapers: the last shaping step, from a taper position (0..1, after curve and target range) to the
 * parameter's plain value, and back. Both directions are clamped to the parameter's min..max and
 * never return NaN for a finite input. Where a taper cannot apply, it falls back to linear: `log`
 * (and `db` on a non-dB parameter) needs 0 < min < max with a finite ratio; a table needs at least
 * one point with finite `at` and `value`.
 */
type Law = 'linear' | 'ratio';

/** True when plain values are levels in dB (so `db` means even steps). */
const isDb = (d: ParamDescriptor): boolean => d.unit === 'dB' || d.scale === 'db';
/** Even ratios need 0 < min < max with a finite ratio. */
const positive = (d: ParamDescriptor): boolean => d.min > 0 && d.max > d.min && Number.isFinite(d.max / d.min);

/** How positions spread over plain values for a non-table taper. */
function law(kind: Exclude<Taper['kind'], 'table'>, d: ParamDescriptor): Law {
  switch (kind) {
    case 'scale':
      return d.scale === 'log' && positive(d) ? 'ratio' : 'linear';
    case 'linear':
      return 'linear';
    case 'log':
      return positive(d) ? 'ratio' : 'linear';
    case 'db':
      return !isDb(d) && positive(d) ? 'ratio' : 'linear';
    default:
      return assertNever(kind, 'taper');
  }
}

const clampPlain = (d: ParamDescriptor, v: number): number => (Number.isNaN(v) ? d.min : Math.min(d.max, Math.max(d.min, v)));

/** The ends are exact: position 0 is min and 1 is max, whatever the rounding in between. */
function byLaw(l: Law, p: Unit, d: ParamDescriptor): number {
  if (p <= 0) return d.min;
  if (p >= 1) return d.max;
  return l === 'ratio' ? d.min * (d.max / d.min) ** p : d.min + p * (d.max - d.min);
}

function inverseLaw(l: Law, v: number, d: ParamDescriptor): Unit {
  if (!(d.max > d.min)) return 0 as Unit;
  const c = clampPlain(d, v);
  return clampUnit(l === 'ratio' ? Math.log(c / d.min) / Math.log(d.max / d.min) : (c - d.min) / (d.max - d.min));
}

/** Taper position (0..1) → plain value in min..max (not yet stepped). */
export function positionToPlain(t: Taper, p: Unit, d: ParamDescriptor): number {
  if (t.kind === 'table') return clampPlain(d, tableValue(t.points, p) ?? byLaw('linear', p, d));
  return clampPlain(d, byLaw(law(t.kind, d), p, d));
}

/** Plain value → taper position (0..1): the inverse of positionToPlain (first match for tables). */
export function plainToPosition(t: Taper, v: number, d: ParamDescriptor): Unit {
  if (t.kind === 'table') return tablePosition(t.points, clampPlain(d, v)) ?? inverseLaw('linear', v, d);
  return inverseLaw(law(t.kind, d), v, d);
}

/** The target range a taper works in: a table taper ignores the glue's target range (spec.ts). */
export const taperTarget = (t: Taper, target: UnitRange): UnitRange => (t.kind === 'table' ? FULL_RANGE : target);
