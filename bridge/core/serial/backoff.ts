/**
 * Reconnect back-off for serial ports (ms): 250, 500, 1000, 2000, 4000, then 5000 for ever.
 * Quick enough that a replugged box is back before the engineer looks at the screen, slow enough
 * that a port that stays away costs nothing. `attempt` counts failures since the last good open.
 */
export const BACKOFF_FIRST_MS = 250;
export const BACKOFF_MAX_MS = 5000;

export function backoffDelay(attempt: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.max(0, Math.min(attempt, 16)));
}
