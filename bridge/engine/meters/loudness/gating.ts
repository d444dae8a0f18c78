import { lufs } from './kweight.js';

/** Absolute gate of BS.1770-4 §2.8 and EBU Tech 3342, LUFS. */
export const ABSOLUTE_GATE_LUFS = -70;
/** Relative gate for integrated loudness, LU below the absolute-gated loudness (BS.1770-4 §2.8). */
export const RELATIVE_GATE_LU = -10;
/** Relative gate for loudness range, LU (EBU Tech 3342 §3). */
export const LRA_RELATIVE_GATE_LU = -20;
/** Percentiles of the gated short-term distribution whose difference is the range (Tech 3342 §3). */
export const LRA_LOW_PERCENTILE = 0.1;
export const LRA_HIGH_PERCENTILE = 0.95;

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
/** Energy (weighted mean square) of a loudness in LUFS: the inverse of lufs(). */
const energyOf = (l: number): number => 10 ** ((l + 0.691) / 10);

/**
 * Integrated loudness (BS.1770-4 §2.8) from the weighted mean squares of the 400 ms gating blocks
 * (75 % overlap): blocks below −70 LUFS are dropped, then blocks more than 10 LU below the loudness
 * of those left. −Infinity when no block passes (silence).
 */
export function integratedLoudness(blocks: readonly number[]): number {
  const abs = blocks.filter((z) => z > energyOf(ABSOLUTE_GATE_LUFS));
  if (abs.length === 0) return -Infinity;
  const rel = energyOf(lufs(mean(abs)) + RELATIVE_GATE_LU);
  const gated = abs.filter((z) => z > rel);
  return gated.length === 0 ? -Infinity : lufs(mean(gated));
}

/**
 * Loudness range (EBU Tech 3342 §3) from the weighted mean squares of the 3 s short-term windows
 * taken at 10 Hz: gates at −70 LUFS and 20 LU below the power mean of the absolute-gated windows,
 * then the 95th minus the 10th percentile of the loudness values left (nearest rank on n − 1, as
 * libebur128). 0 when fewer than two windows pass.
 */
export function loudnessRange(shortTerm: readonly number[]): number {
  const abs = shortTerm.filter((z) => z > energyOf(ABSOLUTE_GATE_LUFS));
  if (abs.length === 0) return 0;
  const rel = energyOf(lufs(mean(abs)) + LRA_RELATIVE_GATE_LU);
  const values = abs
    .filter((z) => z > rel)
    .map(lufs)
    .sort((a, b) => a - b);
  if (values.length < 2) return 0;
  const at = (p: number): number => values[Math.round((values.length - 1) * p)] ?? 0;
  return at(LRA_HIGH_PERCENTILE) - at(LRA_LOW_PERCENTILE);
}
