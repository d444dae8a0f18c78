/**
 * Scales of the loudness meter, each value → position 0..1 (bottom/left .. top/right), clamped;
 * the meter floor (-120, "no value yet") and NaN read as 0. Pure.
 */
export const FLOOR = -120;
/** LUFS scale: linear, the last 36 LU below -2 LUFS (every delivery target sits inside). */
export const LUFS_BOTTOM = -38;
export const LUFS_TOP = -2;
export const LUFS_TICKS: readonly number[] = [-6, -10, -14, -18, -23, -30, -36];
/** True-peak rows: -30 .. +3 dBTP. */
export const TP_LEFT = -30;
export const TP_RIGHT = 3;
/** Gain-reduction rows: 0 .. 20 dB. */
export const GR_FULL = 20;

const clamp01 = (x: number): number => (Number.isNaN(x) ? 0 : Math.min(1, Math.max(0, x)));
const exists = (v: number): boolean => Number.isFinite(v) && v > FLOOR;

export const lufsPosition = (lufs: number): number => (exists(lufs) ? clamp01((lufs - LUFS_BOTTOM) / (LUFS_TOP - LUFS_BOTTOM)) : 0);
export const truePeakPosition = (db: number): number => (exists(db) ? clamp01((db - TP_LEFT) / (TP_RIGHT - TP_LEFT)) : 0);
/** Correlation −1..1 → 0..1; 0.5 is the centre (uncorrelated). */
export const correlationPosition = (c: number): number => clamp01((c + 1) / 2);
export const reductionPosition = (db: number): number => clamp01(db / GR_FULL);

/**
 * How a loudness reading stands against the target: within ±1 LU `on`, else `under`/`over`;
 * `none` without a reading or without a target (CD, vinyl).
 */
export type TargetRelation = 'none' | 'under' | 'on' | 'over';
export function relationTo(lufs: number, target: number | null): TargetRelation {
  if (target === null || !exists(lufs)) return 'none';
  if (lufs > target + 1) return 'over';
  if (lufs < target - 1) return 'under';
  return 'on';
}

const MINUS = '\u2212';
const signed = (v: number, decimals: number): string => {
  const s = Math.abs(v).toFixed(decimals);
  return v < 0 && Number(s) !== 0 ? MINUS + s : s;
};

/** `−14.2`, or `−∞` when there is no value yet (the floor). */
export const formatLoudness = (v: number): string => (exists(v) ? signed(v, 1) : `${MINUS}\u221e`);
/** Loudness range in LU; `—` before there is one. */
export const formatRange = (lu: number): string => (Number.isFinite(lu) && lu >= 0 && lu < 100 ? lu.toFixed(1) : '\u2014');
/** Correlation with sign: `+0.82`, `−0.10`. */
export const formatCorrelation = (c: number): string => (Number.isFinite(c) ? (c > 0 ? `+${c.toFixed(2)}` : signed(c, 2)) : '\u2014');
