import { fromNorm, quantise, toNorm, type ParamDescriptor } from '../param/descriptor.js';
import type { Unit } from '../unit.js';
import { fromSourceRange, fromTargetRange, reverse, toTargetRange, type OutOfRange, type UnitRange } from './range.js';
import { applyTaper, invertTaper, type Taper } from './taper.js';

/**
 * The glue between an absolute control position and a parameter, applied in this order:
 * source range → reverse → taper → target range → step quantise (plain units).
 */
export interface Glue {
  readonly source: UnitRange;
  readonly target: UnitRange;
  readonly outOfRange: OutOfRange;
  readonly reverse: boolean;
  readonly taper: Taper;
  /** Step in the parameter's plain units (0.5 for half-dB steps); 0 = the parameter's own step. */
  readonly step: number;
}

/**
 * The plain parameter value an absolute position asks for, or undefined when the glue filters the
 * input (outside the source range with `ignore`).
 */
export function glueAbsolute(g: Glue, x: Unit, d: ParamDescriptor): number | undefined {
  const inRange = fromSourceRange(x, g.source, g.outOfRange);
  if (inRange === undefined) return undefined;
  const shaped = applyTaper(g.taper, g.reverse ? reverse(inRange) : inRange);
  const plain = fromNorm(d, toTargetRange(shaped, g.target));
  return g.step > 0 ? quantise({ ...d, step: g.step }, plain) : plain;
}

/** The control position that shows a parameter's value (for feedback): the inverse of glueAbsolute. */
export function glueFeedback(g: Glue, value: number, d: ParamDescriptor): Unit {
  const shaped = invertTaper(g.taper, fromTargetRange(toNorm(d, value), g.target));
  const inRange = g.reverse ? reverse(shaped) : shaped;
  const lo = Math.min(g.source.min, g.source.max);
  const hi = Math.max(g.source.min, g.source.max);
  return toTargetRange(inRange, { min: lo as Unit, max: hi as Unit });
}

/** Glue that passes a position straight through: full ranges, no reverse, linear, no extra step. */
export const IDENTITY_GLUE: Glue = Object.freeze<Glue>({
  source: { min: 0 as Unit, max: 1 as Unit },
  target: { min: 0 as Unit, max: 1 as Unit },
  outOfRange: 'clamp',
  reverse: false,
  taper: { kind: 'linear' },
  step: 0,
});
