import { at, fromDb, PARAM_SMOOTHING_S, poleFor, Smoothed, type ParamBlock } from './dynamics.js';
import { PEAK_BOUND, TAPS, TruePeakDetector } from './truepeak.js';

/** Longest lookahead, seconds (the `limiter.lookahead` range's top). */
export const MAX_LOOKAHEAD_S = 0.01;
/**
 * Safety margin under the ceiling, dB: the gain is computed on the input's true peak, but the
 * output's inter-sample peaks also depend on how the gain moves between samples. 0.05 dB covers that
 * (measured with the meter and ffmpeg on hot material: test/engine/limiter.test.ts).
 */
export const CEILING_MARGIN_DB = 0.05;

/**
 * A true-peak brick-wall limiter with lookahead. Contract: the output's true peak (4× oversampled)
 * never exceeds the ceiling, however hot the input.
 *
 * Per input sample n: the detector (dsp/truepeak.ts) gives the true peak around sample m = n − D
 * (D = TAPS/2, the detector's latency), both channels linked; the required gain is
 * r[m] = min(1, ceiling / peak). The applied gain for the sample s leaving the delay line is the
 * mean over L samples (L = lookahead) of h[k] = min(r[k − L .. k]) after a release smoother that
 * only slows the way back up (so h never rises above the min); every term of that mean is ≤ r[s]
 * and r[s − 1] (the points between s − 1 and s), so the gain is too, and it reaches it by a smooth
 * L-sample fade. The audio is delayed by D + LMAX frames whatever the lookahead, so changing the
 * lookahead never moves the audio in time; the gain path absorbs the difference.
 *
 * Parameters: ceiling dBTP, release ms, lookahead ms, bypass 0..1 (1: the delayed input unchanged).
 */
export class TruePeakLimiter {
  readonly latency: number;
  private readonly lmax: number;
  private readonly det = [new TruePeakDetector(), new TruePeakDetector()];
  private readonly delayL: Float32Array;
  private readonly delayR: Float32Array;
  /** Running minimum of the required gains r[m] over the last L + 1 samples. */
  private readonly minimum: RunningMin;
  /** Held-and-released gains h[k] and their prefix sums, rings for the moving mean. */
  private readonly held: Float64Array;
  /** Mean gains per m, ring, read back LMAX − L + 1 samples later. */
  private readonly mean: Float64Array;
  private n = 0;
  private l = 1;
  private sum = 0;
  private env = 1;
  private readonly ceiling: Smoothed;
  private maxGr = 0;

  constructor(private readonly rate: number) {
    this.lmax = Math.ceil(MAX_LOOKAHEAD_S * rate);
    this.latency = TAPS / 2 + this.lmax;
    this.delayL = new Float32Array(this.latency);
    this.delayR = new Float32Array(this.latency);
    this.minimum = new RunningMin(this.lmax + 2);
    this.held = new Float64Array(this.lmax + 2).fill(1);
    this.mean = new Float64Array(this.lmax + 2).fill(1);
    this.sum = this.l;
    this.ceiling = new Smoothed(poleFor(PARAM_SMOOTHING_S, rate));
  }

  process(inL: Float32Array, inR: Float32Array, outL: Float32Array, outR: Float32Array, p: ParamBlock): void {
    const size = this.lmax + 2;
    const quiet = this.quietBlock(inL, inR, p);
    for (let i = 0; i < outL.length; i++) {
      const l = inL[i] ?? 0;
      const r = inR[i] ?? 0;
      const ceiling = fromDb(this.ceiling.step(at(p['ceiling'], i)) - CEILING_MARGIN_DB);
      let peak = 0;
      if (quiet) {
        this.det[0]?.store(l);
        this.det[1]?.store(r);
      } else peak = Math.max(this.det[0]?.push(l) ?? 0, this.det[1]?.push(r) ?? 0);
      const m = this.n;
      // Lookahead in samples, moving by at most one per sample so the mean stays exact.
      const want = Math.max(1, Math.min(this.lmax, Math.round((at(p['lookahead'], i) / 1000) * this.rate)));
      const oldL = this.l;
      this.l += Math.sign(want - oldL);
      const h = this.minimum.push(m, peak > ceiling ? ceiling / peak : 1, this.l + 1);
      const rel = poleFor(at(p['release'], i) / 1000, this.rate);
      this.env = h < this.env ? h : rel * this.env + (1 - rel) * h;
      const prevHeld = this.held[(m - oldL + size * 4) % size] ?? 1;
      const prevHeld2 = this.held[(m - oldL + 1 + size * 4) % size] ?? 1;
      this.held[m % size] = this.env;
      if (this.l === oldL) this.sum += this.env - prevHeld;
      else if (this.l > oldL) this.sum += this.env;
      else this.sum += this.env - prevHeld - prevHeld2;
      if ((m & 4095) === 0) this.sum = this.exactSum(m, size);
      this.mean[m % size] = this.sum / this.l;
      const g = this.mean[(m - (this.lmax - this.l + 1) + size * 4) % size] ?? 1;
      if (g < 1 && -20 * Math.log10(g) > this.maxGr) this.maxGr = -20 * Math.log10(g);
      const di = m % this.delayL.length;
      const dl = this.delayL[di] ?? 0;
      const dr = this.delayR[di] ?? 0;
      this.delayL[di] = l;
      this.delayR[di] = r;
      const b = at(p['bypass'], i);
      const k = (1 - b) * g + b;
      outL[i] = dl * k;
      outR[i] = dr * k;
      this.n++;
    }
  }

  /**
   * Whether no true peak in this block can reach the lowest ceiling it asks for: every |sample| of
   * the block and of the detector's window before it is under ceiling / PEAK_BOUND (then the
   * interpolation is skipped and the required gain is 1, exactly what it would compute).
   */
  private quietBlock(inL: Float32Array, inR: Float32Array, p: ParamBlock): boolean {
    let lowest = Infinity;
    const c = p['ceiling'];
    for (let i = 0; i < (c?.length ?? 0); i++) lowest = Math.min(lowest, c?.[i] ?? 0);
    const limit = fromDb(Math.min(lowest, this.ceiling.peek()) - CEILING_MARGIN_DB) / PEAK_BOUND;
    let m = Math.max(this.det[0]?.windowMax() ?? 0, this.det[1]?.windowMax() ?? 0);
    for (let i = 0; i < inL.length; i++) m = Math.max(m, Math.abs(inL[i] ?? 0), Math.abs(inR[i] ?? 0));
    return m < limit;
  }

  private exactSum(m: number, size: number): number {
    let s = 0;
    for (let k = 0; k < this.l; k++) s += this.held[(m - k + size * 4) % size] ?? 1;
    return s;
  }

  /** The largest gain reduction (dB, ≥ 0) since the previous call. */
  takeReduction(): number {
    const g = this.maxGr;
    this.maxGr = 0;
    return g;
  }
}

/**
 * Minimum of the last `window` values pushed, in O(1) amortised (a monotonic deque of indices whose
 * values increase from front to back). The window may shrink or grow between pushes.
 */
class RunningMin {
  private readonly idx: Float64Array;
  private readonly val: Float64Array;
  private head = 0;
  private count = 0;

  constructor(private readonly capacity: number) {
    this.idx = new Float64Array(capacity);
    this.val = new Float64Array(capacity);
  }

  /** Adds value `v` at index `n` (increasing by one per call); returns min over [n − window + 1, n]. */
  push(n: number, v: number, window: number): number {
    const cap = this.capacity;
    while (this.count > 0 && (this.val[(this.head + this.count - 1) % cap] ?? 0) >= v) this.count--;
    this.idx[(this.head + this.count) % cap] = n;
    this.val[(this.head + this.count) % cap] = v;
    this.count++;
    while ((this.idx[this.head] ?? 0) <= n - window) {
      this.head = (this.head + 1) % cap;
      this.count--;
    }
    return this.val[this.head] ?? 1;
  }
}
