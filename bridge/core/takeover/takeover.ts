/**
 * Soft takeover for absolute controls (the contract: TakeoverMode in ../mapping/spec.ts). One
 * pure step per control event: (mode, state, event) → (position to apply or nothing, new state).
 *
 * Parameter moved from elsewhere (another control, the dashboard, a recall): detected by
 * comparing the event's `param` with this control's last applied position (within the slack); a
 * control so overtaken is no longer caught. No separate call is needed.
 *
 * Fine (gain ≠ 1): the parameter moves `gain` × its normal move, p + gain·(normal − p): a caught
 * control moves gain·Δ, an uncaught pickup control still does nothing, catch-up scales its own
 * step. `off` has no gentle normal move (it would jump), so with gain ≠ 1 it moves as parallel.
 * After a fine move control and parameter differ, so the control is caught again only by the
 * mode's own rule (pickup: cross the parameter again). Never a jump on releasing fine.
 */
import type { TakeoverMode } from '../mapping/spec.js';
import { assertNever } from '../assert-never.js';
import { clampUnit } from '../unit.js';
import { catchUpMove, longTimeNoSeeMove, offMove, parallelMove, pickupMove, type Moment } from './modes.js';
import { gainOf, inGesture, inSync, slackOf, type TakeoverEvent, type TakeoverResult, type TakeoverState } from './state.js';

export {
  DIVISION_GUARD,
  FRESH_TAKEOVER,
  LONG_TIME_NO_SEE_FRACTION,
  PICKUP_GESTURE_MS,
  TAKEOVER_EPSILON,
  type TakeoverEvent,
  type TakeoverResult,
  type TakeoverState,
} from './state.js';
export { catchStatus, type CatchStatus } from './status.js';

/** The mode's normal (gain 1) move for this moment; `fine` selects off's fine behaviour. */
function normalMove(mode: TakeoverMode, m: Moment, fine: boolean): number | undefined {
  switch (mode.kind) {
    case 'off':
      return fine ? parallelMove(m) : offMove(m);
    case 'pickup':
      return pickupMove(m, m.slack);
    case 'pickup-tolerant':
      return pickupMove(m, Math.max(mode.tolerance, m.slack));
    case 'long-time-no-see':
      return longTimeNoSeeMove(m, mode.tolerance);
    case 'catch-up':
      return catchUpMove(m);
    case 'parallel':
      return parallelMove(m);
    default:
      return assertNever(mode, 'takeover mode');
  }
}

/**
 * One control event. Returns the control position to apply (a Unit) or undefined (leave the
 * parameter alone), and the state to pass with the next event of this (control, parameter).
 */
export function takeover(mode: TakeoverMode, state: TakeoverState, e: TakeoverEvent): TakeoverResult {
  const slack = slackOf(e);
  const gain = gainOf(e);
  const m: Moment = {
    k: e.knob,
    p: e.param,
    k0: state.lastKnob,
    gesture: inGesture(state, e.t),
    synced: inSync(state, e.param, slack),
    slack,
  };
  const normal = normalMove(mode, m, gain !== 1);
  const seen = { lastKnob: e.knob, lastT: e.t, slack };
  if (normal === undefined) {
    return { apply: undefined, state: { ...seen, lastApplied: state.lastApplied, caught: m.synced } };
  }
  const apply = clampUnit(gain === 1 ? normal : e.param + gain * (normal - e.param));
  return { apply, state: { ...seen, lastApplied: apply, caught: Math.abs(apply - e.knob) <= slack } };
}
