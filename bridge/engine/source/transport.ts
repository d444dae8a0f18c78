/**
 * The file transport of the embedded engine, as the API and the dashboard see it: play, pause,
 * seek, loop, and load another source. Positions and durations in seconds of the source.
 */
export interface TransportState {
  readonly playing: boolean;
  readonly loop: boolean;
  /** Where the playhead is, s (0 ≤ position ≤ duration). */
  readonly position: number;
  /** Length of the source, s (the live input has none: 0, and no transport but load). */
  readonly duration: number;
  /** `demo`, `input` or the file's path. */
  readonly source: string;
}

export type TransportCommand =
  | { readonly action: 'play' }
  | { readonly action: 'pause' }
  /** Moves the playhead to `position` s (clamped to the source), playing on if it was playing. */
  | { readonly action: 'seek'; readonly position: number }
  | { readonly action: 'loop'; readonly loop: boolean }
  /** Plays another source (`demo`, `input` or a file path) from its start; parameters stay. */
  | { readonly action: 'load'; readonly source: string };

/**
 * The playhead's arithmetic, pure: where a player started (`anchor`: context time at which the
 * source's position 0 would have played) and whether it loops, to a position at context time `now`.
 */
export function playheadAt(anchor: number, now: number, duration: number, loop: boolean): { position: number; ended: boolean } {
  const elapsed = Math.max(0, now - anchor);
  if (duration <= 0) return { position: 0, ended: !loop };
  if (loop) return { position: elapsed % duration, ended: false };
  return elapsed >= duration ? { position: duration, ended: true } : { position: elapsed, ended: false };
}

/** What a transport command did: the new state, or why it could not be done (nothing changed). */
export type TransportResult = { readonly ok: true; readonly state: TransportState } | { readonly ok: false; readonly reason: string };
