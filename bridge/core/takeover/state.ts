/**
 * Soft takeover for absolute controls: the types, constants and small helpers shared by the modes
 * (modes.ts), the entry point (takeover.ts) and the display status (status.ts).
 *
 * Every position here is in the control's travel (0..1): `knob` is where the control is, `param`
 * is where the parameter is, expressed as the control position the inverse glue gives for it.
 * Time is an input in milliseconds on any monotonic clock; this module never reads a clock.
 */
import type { Unit } from '../unit.js';

/** Two events less than this many ms apart belong to one gesture; a longer gap ends the move. */
export const PICKUP_GESTURE_MS = 100;
/** Positions closer than this (in positions) are the same position: float noise, not a move. */
export const TAKEOVER_EPSILON = 1e-6;
/**
 * long-time-no-see: the fraction of the control–parameter gap closed per event. The gap shrinks
 * to (1 − f)ⁿ of its size after n events of one gesture: 0.6 → under 0.05 in 9 events.
 */
export const LONG_TIME_NO_SEE_FRACTION = 0.25;
/** catch-up: below this remaining travel (positions) the scaling ratio is not computed. */
export const DIVISION_GUARD = 1e-12;

/** What one (control, parameter) pair remembers between events. FRESH_TAKEOVER before any. */
export interface TakeoverState {
  /** The control's position at the last event; null before the first. */
  readonly lastKnob: Unit | null;
  /** The time of the last event (ms); null before the first. */
  readonly lastT: number | null;
  /** The control position this control last applied; null if it never applied one. */
  readonly lastApplied: Unit | null;
  /** True when the last applied position was the control's own (control and parameter met). */
  readonly caught: boolean;
  /** The slack of the last event (see TakeoverEvent.slack), kept for catchStatus. */
  readonly slack: number;
}

/** Nothing seen yet. Also the state to start from when a mapping becomes active again (page
 *  switch, device reconnect): the control may have moved while its events went elsewhere. */
export const FRESH_TAKEOVER: TakeoverState = Object.freeze({
  lastKnob: null,
  lastT: null,
  lastApplied: null,
  caught: false,
  slack: TAKEOVER_EPSILON,
});

export interface TakeoverEvent {
  /** Where the control is now. */
  readonly knob: Unit;
  /** Where the parameter is now, as a control position (it may have moved from elsewhere). */
  readonly param: Unit;
  /** When the control moved (ms). */
  readonly t: number;
  /**
   * 1 normally; the fine factor (0.1) while a fine modifier is held: the parameter then moves
   * `gain` × the amount it would normally move. Not a finite number ≥ 0: counts as 1.
   */
  readonly gain: number;
  /**
   * Optional (positions, default and minimum TAKEOVER_EPSILON): how far the parameter may sit
   * from this control's last applied position and still count as not moved from elsewhere, and
   * how close the control must land on the parameter to catch it. A glue that quantises (0.5 dB
   * steps) must pass about half a step in positions, or every applied value reads back as moved.
   */
  readonly slack?: number;
}

export interface TakeoverResult {
  /** The control position to apply, or undefined: leave the parameter alone. */
  readonly apply: Unit | undefined;
  readonly state: TakeoverState;
}

/** The event's slack, sanitised: at least TAKEOVER_EPSILON. */
export function slackOf(e: TakeoverEvent): number {
  const s = e.slack;
  return s !== undefined && Number.isFinite(s) && s > TAKEOVER_EPSILON ? s : TAKEOVER_EPSILON;
}

/** The event's gain, sanitised: a finite number ≥ 0, else 1. */
export function gainOf(e: TakeoverEvent): number {
  return Number.isFinite(e.gain) && e.gain >= 0 ? e.gain : 1;
}

/** True when this control's last applied position is still the parameter's: nothing moved it. */
export function inSync(s: TakeoverState, param: Unit, slack: number): boolean {
  return s.caught && s.lastApplied !== null && Math.abs(param - s.lastApplied) <= slack;
}

/** True when the previous event is recent enough (0 ≤ Δt < PICKUP_GESTURE_MS) to be one move. */
export function inGesture(s: TakeoverState, t: number): boolean {
  if (s.lastT === null) return false;
  const dt = t - s.lastT;
  return Number.isFinite(dt) && dt >= 0 && dt < PICKUP_GESTURE_MS;
}
