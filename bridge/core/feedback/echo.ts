/**
 * Echo suppression for a control that is being moved: feedback to the peer and address an input
 * just came from is held back for ECHO_WINDOW_MS after its last input (a touched fader is never
 * fought), then the final value is sent once if it differs from where the control was left by more
 * than ECHO_TOLERANCE (quantised, not caught, or moved by another mapping): so the control ends up
 * showing the truth.
 */
export const ECHO_WINDOW_MS = 250;
/** In the control's own units (a 0..1 fader: one percent of its travel). */
export const ECHO_TOLERANCE = 0.01;

export interface LastInput {
  readonly t: number;
  /** The numeric value the control sent, in its own units. */
  readonly value: number;
}

export type EchoDecision =
  | { readonly kind: 'send' }
  /** Inside the window: hold back, and look again at `retryAt` (clock ms). */
  | { readonly kind: 'hold'; readonly retryAt: number }
  /** After the window, and the control already shows this value. */
  | { readonly kind: 'skip' };

export function echoDecision(last: LastInput | undefined, now: number, value: number, range: number): EchoDecision {
  if (last === undefined) return { kind: 'send' };
  if (now - last.t < ECHO_WINDOW_MS) return { kind: 'hold', retryAt: last.t + ECHO_WINDOW_MS };
  return Math.abs(value - last.value) <= ECHO_TOLERANCE * Math.abs(range) ? { kind: 'skip' } : { kind: 'send' };
}
