/**
 * Each mode's normal move: the position (0..1, may be unclamped) the parameter would go to at
 * gain 1, or undefined to leave it alone. takeover.ts applies the fine gain and clamps.
 */
import type { Unit } from '../unit.js';
import { DIVISION_GUARD, LONG_TIME_NO_SEE_FRACTION } from './state.js';

/** What every mode sees of one event, computed once. */
export interface Moment {
  /** Where the control is now. */
  readonly k: Unit;
  /** Where the parameter is now. */
  readonly p: Unit;
  /** The control's previous position, null if never seen. */
  readonly k0: Unit | null;
  /** The previous event was less than PICKUP_GESTURE_MS ago: one continuous move. */
  readonly gesture: boolean;
  /** This control applied the parameter's current position last, and nothing moved it since. */
  readonly synced: boolean;
  /** Positions this close are the same (TakeoverEvent.slack). */
  readonly slack: number;
}

/** The control passed over the parameter (or landed on it) between its previous and this event. */
const crossed = (m: Moment): boolean => m.k0 !== null && (m.k0 - m.p) * (m.k - m.p) <= 0;

/** off: the parameter goes to the control. */
export const offMove = (m: Moment): number => m.k;

/**
 * pickup (window = slack) and pickup-tolerant (window = max(tolerance, slack)): follow once
 * synced, or when the control lands within the window, or crosses the parameter within a gesture.
 * A crossing moves the parameter by no more than the control moved.
 */
export function pickupMove(m: Moment, window: number): number | undefined {
  if (m.synced || Math.abs(m.k - m.p) <= window) return m.k;
  if (m.gesture && crossed(m)) return m.k;
  return undefined;
}

/**
 * long-time-no-see: follow once synced or within the tolerance, or when the control crossed the
 * parameter within a gesture. Otherwise approach: the parameter takes the control's own motion
 * within the gesture and closes LONG_TIME_NO_SEE_FRACTION of the gap left, so the gap shrinks by
 * (1 − fraction) per event and keeps its side (never overshoots the control). A first event or
 * one after a pause only closes the fraction of the current gap. A repeated position: nothing.
 */
export function longTimeNoSeeMove(m: Moment, tolerance: number): number | undefined {
  if (m.synced || Math.abs(m.k - m.p) <= Math.max(tolerance, m.slack)) return m.k;
  if (m.k0 !== null && m.k === m.k0) return undefined;
  if (m.gesture && crossed(m)) return m.k;
  const from = m.gesture && m.k0 !== null ? m.k0 : m.k;
  return m.k - (1 - LONG_TIME_NO_SEE_FRACTION) * (from - m.p);
}

/**
 * catch-up (value scaling): follow once synced, or when the control was on the parameter before
 * this move (a first event: when it is on it now). Otherwise scale the control's change so both
 * meet at the end it moves towards: up, p + Δ·(1 − p)/(1 − k0); down, p + Δ·p/k0. The gap then
 * shrinks in proportion to the travel left and closes exactly at that end, never before (the
 * scaling is continuous in the control's position). Needs a previous position (any age: a resting
 * control sends nothing); a repeated position: nothing.
 */
export function catchUpMove(m: Moment): number | undefined {
  if (m.synced) return m.k;
  if (m.k0 === null) return Math.abs(m.k - m.p) <= m.slack ? m.k : undefined;
  if (Math.abs(m.k0 - m.p) <= m.slack) return m.k;
  const d = m.k - m.k0;
  if (d === 0) return undefined;
  const room = d > 0 ? 1 - m.k0 : m.k0;
  if (room <= DIVISION_GUARD) return m.k;
  return m.p + (d * (d > 0 ? 1 - m.p : m.p)) / room;
}

/** parallel: the parameter moves by the control's change from wherever it is; needs a previous
 *  position (any age); a repeated position: nothing. */
export function parallelMove(m: Moment): number | undefined {
  if (m.k0 === null || m.k === m.k0) return undefined;
  return m.p + (m.k - m.k0);
}
