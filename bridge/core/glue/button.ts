import type { Glue } from '../mapping/spec.js';
import { quantise, type ParamDescriptor } from '../param/descriptor.js';
import { assertNever } from '../assert-never.js';
import { fromTargetRange } from './range.js';
import { glueRelative } from './relative.js';
import { applyStep } from './step.js';
import { plainToPosition, positionToPlain, taperTarget } from './taper.js';

/** The stepped plain value at one end of the glue's target range (a table: of the whole travel). */
function end(g: Glue, which: 'min' | 'max', d: ParamDescriptor): number {
  return applyStep(g.step, positionToPlain(g.taper, taperTarget(g.taper, g.target)[which], d), d);
}

/**
 * A button press (`pressed` true) or release → the plain value to set, or undefined to leave the
 * parameter alone (spec.ts ButtonAction):
 * - momentary: the target range's max on press, its min on release (`reverse` swaps them);
 * - toggle, on press: the target min when the current value's position lies in the upper half of
 *   the target range (at or past its middle), else the max. Stateless, so it stays right after a
 *   recall;
 * - increment / decrement, on press: one detent of `step` plain units (0: 1 % of the travel)
 *   through glueRelative without speed or acceleration, clamped to the target range, never
 *   wrapping (`reverse` swaps the direction);
 * - set, on press: `value`, stepped; reset, on press: the parameter's default (its own quantise
 *   only, so the default is exact).
 */
export function glueButton(g: Glue, pressed: boolean, current: number, d: ParamDescriptor): number | undefined {
  const a = g.button;
  if (!pressed && a.kind !== 'momentary') return undefined;
  switch (a.kind) {
    case 'momentary':
      return end(g, pressed !== g.reverse ? 'max' : 'min', d);
    case 'toggle': {
      const t = taperTarget(g.taper, g.target);
      const upper = fromTargetRange(plainToPosition(g.taper, current, d), t) >= 0.5;
      return end(g, upper ? 'min' : 'max', d);
    }
    case 'increment':
    case 'decrement': {
      const relative = { step: a.step, speed: 1, acceleration: 0, wrap: false };
      return glueRelative({ ...g, relative }, a.kind === 'increment' ? 1 : -1, current, d, 0, 1);
    }
    case 'set':
      return applyStep(g.step, a.value, d);
    case 'reset':
      return quantise(d, Number.isNaN(d.default) ? d.min : d.default);
    default:
      return assertNever(a, 'button action');
  }
}
