/**
 * What a display shows for a control under soft takeover ("turn up 0.23 to catch"). Pure: the
 * runtime calls it with the parameter's current position whenever it redraws.
 */
import type { TakeoverMode } from '../mapping/spec.js';
import { assertNever } from '../assert-never.js';
import type { Unit } from '../unit.js';
import { inSync, type TakeoverState } from './state.js';

export interface CatchStatus {
  /**
   * False only when the engineer has to bring the control to the parameter before it takes it
   * 1:1: pickup, pickup-tolerant and long-time-no-see, until the control is (or lands, within the
   * catch window) on the parameter. Always true for off (the next touch takes the parameter to
   * the control by design), parallel and catch-up (they move the parameter from wherever it is,
   * never jumping: there is nothing to catch). A never-seen control of a catching mode: false.
   */
  readonly caught: boolean;
  /** The control's last known position, null if never seen. */
  readonly knob: number | null;
  /** Which way to turn the control to meet the parameter (up = increase); null when never seen
   *  or when they already meet (within the slack). Reported in every mode. */
  readonly direction: 'up' | 'down' | null;
  /** |param − knob| in positions; null if never seen. For off, the size of the next jump. */
  readonly distance: number | null;
}

/** The distance within which the next touch takes the parameter 1:1, or null: never needs catching. */
function catchWindow(mode: TakeoverMode, slack: number): number | null {
  switch (mode.kind) {
    case 'off':
    case 'parallel':
    case 'catch-up':
      return null;
    case 'pickup':
      return slack;
    case 'pickup-tolerant':
    case 'long-time-no-see':
      return Math.max(mode.tolerance, slack);
    default:
      return assertNever(mode, 'takeover mode');
  }
}

/** The display status of a control whose state is `state`, the parameter being at `param` now. */
export function catchStatus(mode: TakeoverMode, state: TakeoverState, param: Unit): CatchStatus {
  const window = catchWindow(mode, state.slack);
  const knob = state.lastKnob;
  if (knob === null) return { caught: window === null, knob: null, direction: null, distance: null };
  const distance = Math.abs(param - knob);
  const direction = distance <= state.slack ? null : param > knob ? 'up' : 'down';
  const caught = window === null || inSync(state, param, state.slack) || distance <= window;
  return { caught, knob, direction, distance };
}
