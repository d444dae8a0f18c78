/**
 * Reconnect delays: doubling from BASE to MAX, with up to 25 % random spread so that many tablets
 * do not all knock at once after a daemon restart. `random` is injected (0..1).
 */
export const BACKOFF_BASE_MS = 250;
export const BACKOFF_MAX_MS = 5000;

export function backoffDelay(attempt: number, random: number): number {
  const plain = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt));
  return Math.round(plain * (1 - 0.25 * random));
}
