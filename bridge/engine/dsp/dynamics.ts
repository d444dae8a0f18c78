/**
 * Building blocks shared by the dynamics processors (glue compressor, dynamic EQ), pure:
 * the soft-knee gain computer and the branching attack/release smoother of Giannoulis, Massberg,
 * Reiss, "Digital Dynamic Range Compressor Design — A Tutorial and Analysis", JAES 60(6), 2012
 * (eq. 4 and the "smooth branching peak detector" of §3.2, run in the dB domain, §4.4).
 */

/** A parameter's values for one render quantum: one value (constant) or one per frame. */
export type ParamValues = Float32Array;
/** The values of a processor's parameters for one block, by name. */
export type ParamBlock = Readonly<Record<string, ParamValues>>;

/** Frame i of a parameter block (a one-value block holds its value for every frame). */
export const at = (p: ParamValues | undefined, i: number): number => (p === undefined ? 0 : p.length > 1 ? (p[i] ?? 0) : (p[0] ?? 0));

/** dB of a linear magnitude, floored at −200 dB (so silence stays finite). */
export const toDb = (x: number): number => (x > 1e-10 ? 20 * Math.log10(x) : -200);
export const fromDb = (d: number): number => 10 ** (d / 20);

/**
 * Static gain (dB, ≤ 0) for an input level `x` (dB): threshold `t` dB, ratio `r` (≥ 1), knee width
 * `w` dB (0: hard knee). Giannoulis et al. eq. 4.
 */
export function gainComputer(x: number, t: number, r: number, w: number): number {
  const over = x - t;
  if (2 * over <= -w) return 0;
  if (w > 0 && 2 * Math.abs(over) <= w) return ((1 / r - 1) * (over + w / 2) ** 2) / (2 * w);
  return (1 / r - 1) * over;
}

/** One-pole coefficient for a time constant τ (seconds) at `rate`: y += (1 − a)(x − y). */
export const poleFor = (tau: number, rate: number): number => (tau > 0 ? Math.exp(-1 / (tau * rate)) : 0);

/**
 * Smooths a gain in dB (≤ 0): moves towards more reduction with the attack time constant and back
 * with the release one. `attack` and `release` in seconds.
 */
export class GainSmoother {
  value = 0;
  step(target: number, attackPole: number, releasePole: number): number {
    const a = target < this.value ? attackPole : releasePole;
    this.value = a * this.value + (1 - a) * target;
    return this.value;
  }
}

/**
 * Per-sample smoothing of a control value inside a processor: a one-pole low-pass with time
 * constant PARAM_SMOOTHING_S, on top of the AudioParam ramps (which are already continuous), so
 * that block-wise parameter updates never reach the audio as steps.
 */
export const PARAM_SMOOTHING_S = 0.005;

export class Smoothed {
  private y: number | undefined;
  constructor(private readonly pole: number) {}
  /** The current smoothed value (Infinity before the first). */
  peek(): number {
    return this.y ?? Infinity;
  }

  /** The smoothed value after feeding `x` (starts at the first value given). */
  step(x: number): number {
    this.y = this.y === undefined ? x : this.pole * this.y + (1 - this.pole) * x;
    return this.y;
  }
}
