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

  /**
   * Whether feeding `x` leaves the value exactly as it is (bit for bit, sign of zero included):
   * then it stays so while `x` does, and step(x) needs no computing (the value is `peek()`).
   */
  steadyAt(x: number): boolean {
    const y = this.y;
    return y !== undefined && Object.is(this.pole * y + (1 - this.pole) * x, y);
  }

  /**
   * Smooths a block: out[i] = step(x[i]) for i in [0, n), with x[i] = `c` when `c` is a number
   * (a constant block), else out[i] itself (in place).
   */
  run(c: number | undefined, out: Float64Array, n: number): void {
    if (n <= 0) return;
    const pole = this.pole;
    const q = 1 - pole;
    let i = 0;
    let y = this.y;
    if (y === undefined) {
      y = c ?? (out[0] as number);
      out[0] = y;
      i = 1;
    }
    if (c === undefined) {
      for (; i < n; i++) {
        y = pole * y + q * (out[i] as number);
        out[i] = y;
      }
    } else {
      for (; i < n; i++) {
        y = pole * y + q * c;
        out[i] = y;
      }
    }
    this.y = y;
  }
}

/**
 * The value a parameter block holds for every frame of an n-frame block (what `at` gives for each
 * i < n), or undefined when it varies within the block. A one-value block is constant; so is a
 * per-frame block whose n values are all the same (bit for bit).
 */
export function constantOf(p: ParamValues | undefined, n: number): number | undefined {
  if (p === undefined) return 0;
  if (p.length <= 1) return p[0] ?? 0;
  if (p.length < n) return undefined;
  const c = p[0] as number;
  for (let i = 1; i < n; i++) if (!Object.is(p[i], c)) return undefined;
  return c;
}

/** at(p, i) for i in [0, n), into out (the values of a varying block, or `c` repeated). */
export function paramInto(p: ParamValues | undefined, c: number | undefined, out: Float64Array, n: number): void {
  if (c !== undefined) out.fill(c, 0, n);
  else for (let i = 0; i < n; i++) out[i] = at(p, i);
}

/**
 * poleFor(ms / 1000, rate) for a time constant in milliseconds, remembered for the last value
 * asked (the same value gives the same pole, computed once while a parameter holds).
 */
export class PoleMemo {
  private ms = NaN;
  /** poleFor(NaN) (0): the memo holds from the start. */
  private pole = 0;
  constructor(private readonly rate: number) {}
  get(ms: number): number {
    if (!Object.is(ms, this.ms)) {
      this.ms = ms;
      this.pole = poleFor(ms / 1000, this.rate);
    }
    return this.pole;
  }
}

/** The working buffers of a processor's blocks (no allocation per block). */
export class Scratch {
  private readonly bufs: Float64Array[];
  constructor(count: number) {
    this.bufs = Array.from({ length: count }, () => new Float64Array(128));
  }
  /** Buffer k, at least n frames long (replaced, once, by a longer one for a longer block). */
  buf(k: number, n: number): Float64Array {
    let b = this.bufs[k] as Float64Array;
    if (b.length < n) {
      b = new Float64Array(n);
      this.bufs[k] = b;
    }
    return b;
  }
}

/** ln(10)/20: fromDb(d) = e^(d·DB_NEPER) (in exact arithmetic). */
export const DB_NEPER = Math.LN10 / 20;

/** e^(k/128) for k/128 in [EXP_LO, EXP_HI] (each within 1 ulp: Math.exp of an exact argument). */
const EXP_LO = -16;
const EXP_HI = 6;
const EXP_TABLE = Float64Array.from({ length: (EXP_HI - EXP_LO) * 128 + 1 }, (_, i) => Math.exp(EXP_LO + i / 128));

/**
 * e^y within 1e-15 relatively, cheaply, for y in (−16, 6) (−139 … +52 dB as y = d·DB_NEPER);
 * NaN elsewhere. e^(k/128)·e^r with k = round(128·y) from a table and r = y − k/128 (exact:
 * Sterbenz), |r| ≤ 1/256, e^r by its degree-6 Taylor polynomial (truncation under 1e-17, Horner
 * rounding under 3e-16); table entry 1 ulp, product 0.5 ulp. |y| < 1/256 (the tails of a release)
 * straight from the polynomial.
 */
export function expNear(y: number): number {
  if (y > -0.00390625 && y < 0.00390625) return 1 + y * (1 + y * (0.5 + y * (1 / 6 + y * (1 / 24 + y * (1 / 120 + y * (1 / 720))))));
  if (!(y > EXP_LO && y < EXP_HI)) return NaN;
  const k = Math.round(y * 128);
  const r = y - k / 128;
  return (EXP_TABLE[k - EXP_LO * 128] as number) * (1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720)))))));
}

/**
 * Certified shortcut for fromDb (10^(d/20), a costly Math.pow) where only a float32 sample
 * depends on it: `w = expNear(d·DB_NEPER)` (several times cheaper) is within a factor
 * 1 ± FROM_DB_SLACK of the value fromDb(d) returns, and a processor whose float32 output is a
 * monotone function of that value (every step a rounded sum or product with a fixed operand) gets
 * the same output from both ends of [w·(1 − slack), w·(1 + slack)], hence from fromDb(d) itself.
 * When the two ends give different samples (a rounding boundary inside the interval, a chance of
 * about 1e-4 per sample), a zero whose sign is not certain, or w is NaN (d out of expNear's
 * range), the processor computes fromDb(d).
 *
 * The slack: V8's Math.pow (an fdlibm port) is within 1 ulp, expNear within 1e-15; the rounding
 * of d/20 moves 10^(d/20) by up to |y|·1.2e-16 relatively, that of DB_NEPER and of the product
 * moves e^y by up to |y|·3.6e-16: |w − fromDb(d)| ≤ w·(1.3e-15 + 4.8e-16·|y|) < w·9e-15 for
 * |y| < 16 (measured on 80 million values of d: 4.1e-16·(1 + |y|) at most). 2e-12 is over 200
 * times that.
 */
export const FROM_DB_SLACK = 2e-12;

/**
 * A linear level under which gainComputer(toDb(x), t, r, w) is certainly 0 (its first branch,
 * 2·(level − t) ≤ −w): 10^((t − w/2 − margin)/20), the margin (1e-6 dB plus 1e-9 of |t| + |w|)
 * far larger than the rounding of toDb and of the comparison (≈ 1e-13 dB). For x > 1e-10 and
 * x < belowKnee(t, w) the processors skip the logarithm: the result is the same 0. NaN (no shortcut)
 * when a parameter is NaN.
 */
export function belowKnee(t: number, w: number): number {
  const margin = 1e-6 + 1e-9 * (Math.abs(t) + Math.abs(w));
  return 10 ** ((t - w / 2 - margin) / 20);
}
