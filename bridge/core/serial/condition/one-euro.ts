/**
 * The 1€ filter (Casiez, Roussel, Vogel, "1€ Filter: A Simple Speed-based Low-pass Filter for
 * Noisy Input in Interactive Systems", CHI 2012), written to match the reference implementation
 * (github.com/casiez/OneEuroFilter) step for step, so its published groundTruth.csv reproduces:
 *
 * - an adaptive one-pole low-pass: `x̂ = α·x + (1 − α)·x̂prev`, `α = 1/(1 + τ/Te)`,
 *   `τ = 1/(2π·fc)`, `Te` the sampling period (s);
 * - the cut-off follows speed: `fc = minCutoff + beta·|dx̂|`, where `dx̂` is the derivative
 *   `(x − x̂prev)·freq` from the last FILTERED value (as the reference does; differencing raw
 *   values instead misses the ground truth by 0.08), itself low-passed at `dCutoff`;
 * - the first sample passes through unchanged (and its derivative is 0);
 * - the sampling rate comes from the timestamps when they increase; when a timestamp is missing or
 *   does not advance (two readings in one serial chunk), or the rate it gives is not finite and
 *   positive (a subnormal step), the last rate is kept, starting with the nominal `freq` given at
 *   construction.
 *
 * Units: timestamps in SECONDS at this level (the conditioner converts its clock ms); cut-offs in
 * Hz; `beta` in Hz per (value unit / s), so it depends on the scale of x (Detent feeds 0..1).
 */

/** One-pole low-pass with a per-sample alpha; the first sample passes through. */
class LowPass {
  private initialised = false;
  private smoothed = 0;

  filter(x: number, alpha: number): number {
    const y = this.initialised ? alpha * x + (1 - alpha) * this.smoothed : x;
    this.initialised = true;
    this.smoothed = y;
    return y;
  }

  /** The last output, or undefined before the first sample. */
  last(): number | undefined {
    return this.initialised ? this.smoothed : undefined;
  }

  reset(): void {
    this.initialised = false;
    this.smoothed = 0;
  }
}

export interface OneEuroParams {
  /** Nominal sampling rate (Hz), used until two increasing timestamps give the real one. */
  readonly freq: number;
  /** Cut-off (Hz) at zero speed: lower removes more jitter at rest and adds lag. */
  readonly minCutoff: number;
  /** Cut-off increase (Hz) per unit/s of speed: higher removes lag when moving. */
  readonly beta: number;
  /** Cut-off (Hz) of the derivative's low-pass. */
  readonly dCutoff: number;
}

/** α of a one-pole low-pass at `cutoff` Hz sampled at `freq` Hz: 1/(1 + τ/Te). */
export function smoothingFactor(cutoff: number, freq: number): number {
  const te = 1 / freq;
  const tau = 1 / (2 * Math.PI * cutoff);
  return 1 / (1 + tau / te);
}

export class OneEuroFilter {
  private readonly x = new LowPass();
  private readonly dx = new LowPass();
  private freq: number;
  private lastTime: number | undefined;

  constructor(private readonly params: OneEuroParams) {
    if (!(params.freq > 0 && params.minCutoff > 0 && params.dCutoff > 0 && params.beta >= 0))
      throw new RangeError(`1€ filter needs freq, minCutoff, dCutoff > 0 and beta ≥ 0, got ${JSON.stringify(params)}`);
    this.freq = params.freq;
  }

  /** Filters one sample taken at `time` seconds (undefined: one nominal period after the last). */
  filter(value: number, time?: number): number {
    if (this.lastTime !== undefined && time !== undefined && time > this.lastTime) {
      // A step below about 5.6e-306 s makes 1/step Infinity, and then the derivative 0 × ∞ = NaN
      // for good: such a rate (or a 0 one, after an infinite step) is not taken.
      const rate = 1 / (time - this.lastTime);
      if (Number.isFinite(rate) && rate > 0) this.freq = rate;
    }
    if (time !== undefined) this.lastTime = time;
    const prev = this.x.last();
    const dValue = prev === undefined ? 0 : (value - prev) * this.freq;
    const edValue = this.dx.filter(dValue, smoothingFactor(this.params.dCutoff, this.freq));
    const cutoff = this.params.minCutoff + this.params.beta * Math.abs(edValue);
    return this.x.filter(value, smoothingFactor(cutoff, this.freq));
  }

  /** Forgets all history: the next sample passes through; the rate returns to the nominal one. */
  reset(): void {
    this.x.reset();
    this.dx.reset();
    this.freq = this.params.freq;
    this.lastTime = undefined;
  }
}
