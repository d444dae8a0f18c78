import type { Glue } from '../mapping/spec.js';
import type { ParamDescriptor } from '../param/descriptor.js';
import type { Unit } from '../unit.js';
import { applyCurve, invertCurve } from './curve.js';
import { FULL_RANGE, fromSourceRange, fromTargetRange, intoSourceRange, reverse, toTargetRange } from './range.js';
import { applyStep } from './step.js';
import { plainToPosition, positionToPlain, taperTarget } from './taper.js';

export type { Glue } from '../mapping/spec.js';
export { applyCurve, invertCurve } from './curve.js';
export { applyStep } from './step.js';
export { plainToPosition, positionToPlain } from './taper.js';
export { glueRelative } from './relative.js';
export { glueButton } from './button.js';

/**
 * Absolute control position (0..1) → the parameter's plain value, in this order: source range
 * (outside it with `ignore`: undefined, "leave the parameter alone") → reverse → curve → target
 * range (not for a table taper) → taper (position → plain) → step → the parameter's own quantise.
 * Always finite and within the parameter's min..max.
 */
export function glueAbsolute(g: Glue, x: Unit, d: ParamDescriptor): number | undefined {
  const inRange = fromSourceRange(x, g.source, g.outOfRange);
  if (inRange === undefined) return undefined;
  const curved = applyCurve(g.curve, g.reverse ? reverse(inRange) : inRange);
  const position = toTargetRange(curved, taperTarget(g.taper, g.target));
  return applyStep(g.step, positionToPlain(g.taper, position, d), d);
}

/**
 * The control position that shows a plain value (feedback to rings, motor faders): the inverse of
 * glueAbsolute without its steps, so glueAbsolute(g, glueFeedback(g, v)) ≈ v for every v the glue
 * can reach. Values it cannot reach show at the nearest end of the travel; a non-monotonic table
 * answers with its first matching segment.
 */
export function glueFeedback(g: Glue, value: number, d: ParamDescriptor): Unit {
  const position = plainToPosition(g.taper, value, d);
  const curved = invertCurve(g.curve, fromTargetRange(position, taperTarget(g.taper, g.target)));
  return intoSourceRange(g.reverse ? reverse(curved) : curved, g.source);
}

/**
 * The default glue, passing a position straight through: full ranges, clamp, no reverse, no curve,
 * the parameter's own scale, no extra step; encoders move 1 % of the range a detent without
 * acceleration or wrap; buttons are momentary; no soft takeover.
 */
export const IDENTITY_GLUE: Glue = Object.freeze<Glue>({
  source: FULL_RANGE,
  target: FULL_RANGE,
  outOfRange: 'clamp',
  reverse: false,
  curve: Object.freeze({ kind: 'none' }),
  taper: Object.freeze({ kind: 'scale' }),
  step: Object.freeze({ kind: 'none' }),
  relative: Object.freeze({ step: 0, speed: 1, acceleration: 0, wrap: false }),
  button: Object.freeze({ kind: 'momentary' }),
  takeover: Object.freeze({ kind: 'off' }),
});
