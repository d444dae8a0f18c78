/**
 * Meter arithmetic, pure: sample peak and RMS of a window, in dBFS. 0 dBFS is a full-scale sample
 * (|x| = 1); a full-scale sine reads 0 dB peak and -3.01 dB RMS (the AES17 convention would add
 * 3.01 dB to RMS; Detent shows plain RMS, as the dashboard labels it).
 */

/** The lowest level a meter shows, dBFS: silence and anything quieter read exactly this. */
export const METER_FLOOR_DB = -120;

/** Linear amplitude → dBFS, floored at METER_FLOOR_DB (0 and NaN read the floor). */
export function toDbfs(amplitude: number): number {
  if (!(amplitude > 0)) return METER_FLOOR_DB;
  return Math.max(METER_FLOOR_DB, 20 * Math.log10(amplitude));
}

/** Highest |x| over samples [from, to) of `x` (indices clamped into the array). */
export function peakOf(x: Float32Array, from = 0, to = x.length): number {
  let peak = 0;
  const end = Math.min(to, x.length);
  for (let i = Math.max(0, from); i < end; i++) {
    const a = Math.abs(x[i] ?? 0);
    if (a > peak) peak = a;
  }
  return peak;
}

/** Root mean square over samples [from, to) of `x`; 0 for an empty window. */
export function rmsOf(x: Float32Array, from = 0, to = x.length): number {
  const start = Math.max(0, from);
  const end = Math.min(to, x.length);
  if (end <= start) return 0;
  let sum = 0;
  for (let i = start; i < end; i++) {
    const v = x[i] ?? 0;
    sum += v * v;
  }
  return Math.sqrt(sum / (end - start));
}

/** RMS integration time of the meter, seconds (the classic RMS meter's 300 ms). */
export const RMS_WINDOW_S = 0.3;

/**
 * Peak and RMS of one channel from its most recent samples `recent` (newest last): peak over the
 * last `peakFrames`, RMS over the last `rmsFrames`, both in dBFS.
 */
export function channelLevels(recent: Float32Array, peakFrames: number, rmsFrames: number): { peakDb: number; rmsDb: number } {
  const n = recent.length;
  return {
    peakDb: toDbfs(peakOf(recent, n - peakFrames, n)),
    rmsDb: toDbfs(rmsOf(recent, n - rmsFrames, n)),
  };
}
