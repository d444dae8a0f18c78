import { at, constantOf, fromDb, PARAM_SMOOTHING_S, paramInto, PoleMemo, poleFor, Scratch, Smoothed, type ParamBlock } from './dynamics.js';
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
  private readonly detL = new TruePeakDetector();
  private readonly detR = new TruePeakDetector();
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
  private readonly release: PoleMemo;
  private readonly scratch = new Scratch(4);
  /** fromDb(smoothed ceiling − margin) for the last smoothed ceiling. */
  private ceilingArg = NaN;
  private ceilingLin = NaN;
  /**
   * Frames in a row (up to now) at a fixed point: required gain and minimum 1, lookahead, held
   * gain and mean gain unchanged. Once there are more than a ring's length, every entry of the
   * held ring is `env` and every entry of the mean ring is `lastMean`.
   */
  private still = 0;
  /** The mean gain of the last frame. */
  private lastMean = 1;
  private maxGr = 0;
  /** takeReduction's figure can only grow for a gain g < 1, g < grGate, g ≠ grLast: see `reduce`. */
  private grGate = Infinity;
  private grLast = NaN;

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
    this.release = new PoleMemo(rate);
  }

  /**
   * Per frame, as the class comment says. Two loops compute it (test/engine/dsp-golden.test.ts):
   * the general one, and, for a quiet block (no true peak can reach the ceiling, see quietBlock)
   * with constant parameters once every gain has stood still for longer than the rings (so every
   * ring entry is the same and stays so), one that only moves the audio through the delay line.
   */
  process(inL: Float32Array, inR: Float32Array, outL: Float32Array, outR: Float32Array, p: ParamBlock): void {
    const n = outL.length;
    const size = this.lmax + 2;
    const quiet = this.quietBlock(inL, inR, p);
    const ceiling = constantOf(p['ceiling'], n);
    const lookahead = constantOf(p['lookahead'], n);
    const release = constantOf(p['release'], n);
    const bypass = constantOf(p['bypass'], n);
    if (
      quiet &&
      this.still > size &&
      ceiling !== undefined &&
      lookahead !== undefined &&
      release !== undefined &&
      bypass !== undefined &&
      inL.length >= n &&
      inR.length >= n &&
      this.ceiling.steadyAt(ceiling) &&
      this.wantFor(lookahead) === this.l &&
      this.envStill(this.release.get(release)) &&
      // No exact re-summation (frames m with m & 4095 = 0) in the block.
      (this.n & ~4095) === ((this.n + n - 1) & ~4095) &&
      (this.n & 4095) !== 0
    )
      this.pass(inL, inR, outL, outR, n, bypass);
    else this.general(inL, inR, outL, outR, p, n, quiet, ceiling, lookahead, release, bypass);
  }

  /** Lookahead in samples for `ms` (the target `l` moves to by one sample per frame). */
  private wantFor(ms: number): number {
    return Math.max(1, Math.min(this.lmax, Math.round((ms / 1000) * this.rate)));
  }

  /** Whether the release leaves `env` as it is when the minimum is 1 (a fixed point). */
  private envStill(rel: number): boolean {
    const env = this.env;
    return Object.is(1 < env ? 1 : rel * env + (1 - rel) * 1, env);
  }

  /**
   * The quiet steady state: every required gain is 1 (quiet block), the minimum stays 1, the
   * lookahead stays, `env` is a fixed point of the release (envStill: 1, or just under 1 after a
   * reduction, where the rounding holds it), every held gain is `env`, so their sum and mean stay
   * (no exact re-summation in the block), and every mean gain in the ring is that mean: g is
   * `lastMean` for every frame, the output the delay line times (1 − bypass)·g + bypass.
   */
  private pass(inL: Float32Array, inR: Float32Array, outL: Float32Array, outR: Float32Array, n: number, b: number): void {
    const g = this.lastMean;
    if (n > 0) this.reduce(g);
    const k = (1 - b) * g + b;
    const dL = this.delayL;
    const dR = this.delayR;
    const len = dL.length;
    const m0 = this.n;
    // The detectors' history first: in place, the loop below overwrites the input.
    this.detL.storeBlock(inL, n);
    this.detR.storeBlock(inR, n);
    let di = m0 % len;
    for (let i = 0; i < n; i++) {
      const l = inL[i] as number;
      const r = inR[i] as number;
      const dl = dL[di] as number;
      const dr = dR[di] as number;
      dL[di] = l;
      dR[di] = r;
      outL[i] = dl * k;
      outR[i] = dr * k;
      if (++di === len) di = 0;
    }
    if (n > 0) this.minimum.hold(m0 + n - 1);
    this.n = m0 + n;
    this.still += n;
  }

  /**
   * maxGr = max(maxGr, −20·log10(g)) for g < 1, the logarithm taken only when the figure may grow:
   * not for the g of the last figure taken (the same figure), nor for g at or over the gate, the
   * smallest g taken so far raised by 1e-9 (any such g is smaller in exact arithmetic by 8.7e-9 dB,
   * far more than the logarithm's rounding, so its figure is smaller too).
   */
  private reduce(g: number): void {
    if (g < 1 && g < this.grGate && !Object.is(g, this.grLast)) {
      this.grLast = g;
      const d = -20 * Math.log10(g);
      if (d > this.maxGr) this.maxGr = d;
      const gate = g * (1 + 1e-9);
      if (gate < this.grGate) this.grGate = gate;
    }
  }

  private general(
    inL: Float32Array,
    inR: Float32Array,
    outL: Float32Array,
    outR: Float32Array,
    p: ParamBlock,
    n: number,
    quiet: boolean,
    ceiling: number | undefined,
    lookahead: number | undefined,
    release: number | undefined,
    bypass: number | undefined,
  ): void {
    const CE = this.scratch.buf(0, n);
    const LA = this.scratch.buf(1, n);
    const RL = this.scratch.buf(2, n);
    const BP = this.scratch.buf(3, n);
    paramInto(p['ceiling'], ceiling, CE, n);
    this.ceiling.run(ceiling, CE, n);
    let arg = this.ceilingArg;
    let lin = this.ceilingLin;
    for (let i = 0; i < n; i++) {
      const c = CE[i] as number;
      if (!Object.is(c, arg)) {
        arg = c;
        lin = fromDb(c - CEILING_MARGIN_DB);
      }
      CE[i] = lin;
    }
    this.ceilingArg = arg;
    this.ceilingLin = lin;
    if (lookahead !== undefined) LA.fill(this.wantFor(lookahead), 0, n);
    else for (let i = 0; i < n; i++) LA[i] = this.wantFor(at(p['lookahead'], i));
    if (release !== undefined) RL.fill(this.release.get(release), 0, n);
    else for (let i = 0; i < n; i++) RL[i] = this.release.get(at(p['release'], i));
    paramInto(p['bypass'], bypass, BP, n);

    const size = this.lmax + 2;
    const lmax = this.lmax;
    const held = this.held;
    const mean = this.mean;
    const dL = this.delayL;
    const dR = this.delayR;
    const detL = this.detL;
    const detR = this.detR;
    const min = this.minimum;
    const pushPair = TruePeakDetector.pushPair; // read once (a module compiled to CommonJS reads imports through getters)
    const len = dL.length;
    let m = this.n;
    let mi = m % size;
    let di = m % len;
    let L = this.l;
    let sum = this.sum;
    let env = this.env;
    let still = this.still;
    let lastMean = this.lastMean;
    /** Frames of this block up to which no true peak can exceed the ceiling (FIR skipped). */
    let calmTo = 0;
    for (let i = 0; i < n; i++) {
      const l = inL[i] ?? 0;
      const r = inR[i] ?? 0;
      const ceil = CE[i] as number;
      let peak = 0;
      if (quiet) {
        detL.store(l);
        detR.store(r);
      } else {
        if (i >= calmTo && (i & 31) === 0) calmTo = this.calmUntil(inL, inR, CE, i, n);
        if (i < calmTo) {
          detL.store(l);
          detR.store(r);
        } else peak = pushPair(detL, detR, l, r);
      }
      // Lookahead in samples, moving by at most one per sample so the mean stays exact.
      const oldL = L;
      L += Math.sign((LA[i] as number) - oldL);
      const h = min.push(m, peak > ceil ? ceil / peak : 1, L + 1);
      const rel = RL[i] as number;
      const oldEnv = env;
      env = h < env ? h : rel * env + (1 - rel) * h;
      let j = mi - oldL;
      const prevHeld = held[j < 0 ? j + size : j] as number;
      j = mi - oldL + 1;
      const prevHeld2 = held[j < 0 ? j + size : j] as number;
      held[mi] = env;
      if (L === oldL) sum += env - prevHeld;
      else if (L > oldL) sum += env;
      else sum += env - prevHeld - prevHeld2;
      if ((m & 4095) === 0) {
        let s = 0;
        for (let k = 0; k < L; k++) {
          const q = mi - k;
          s += held[q < 0 ? q + size : q] as number;
        }
        sum = s;
      }
      const mn = sum / L;
      mean[mi] = mn;
      j = mi - (lmax - L + 1);
      const g = mean[j < 0 ? j + size : j] as number;
      if (g < 1) this.reduce(g);
      still = h === 1 && L === oldL && Object.is(env, oldEnv) && Object.is(mn, lastMean) ? still + 1 : 0;
      lastMean = mn;
      const dl = dL[di] as number;
      const dr = dR[di] as number;
      dL[di] = l;
      dR[di] = r;
      const b = BP[i] as number;
      const k = (1 - b) * g + b;
      outL[i] = dl * k;
      outR[i] = dr * k;
      m++;
      if (++mi === size) mi = 0;
      if (++di === len) di = 0;
    }
    this.n = m;
    this.l = L;
    this.sum = sum;
    this.env = env;
    this.still = still;
    this.lastMean = lastMean;
  }

  /**
   * The end (exclusive, at most n) of the run of 32-frame chunks from frame i on in which no true
   * peak can exceed the ceiling: every |sample| in the detectors' window before the chunk and in the
   * chunk times PEAK_BOUND, with a margin of 1e-9 (far more than the FIR's rounding), stays under
   * the chunk's lowest ceiling. Such a frame's required gain is 1 with or without the FIR.
   */
  private calmUntil(inL: Float32Array, inR: Float32Array, CE: Float64Array, i: number, n: number): number {
    const end = Math.min(n, i + 32);
    let m = Math.max(this.detL.windowMax(), this.detR.windowMax());
    let c = Infinity;
    for (let k = i; k < end; k++) {
      m = Math.max(m, Math.abs(inL[k] ?? 0), Math.abs(inR[k] ?? 0));
      c = Math.min(c, CE[k] as number);
    }
    return m * PEAK_BOUND * (1 + 1e-9) < c ? end : i;
  }

  /**
   * Whether no true peak in this block can reach the lowest ceiling it asks for: every |sample| of
   * the block and of the detector's window before it is under ceiling / PEAK_BOUND (then the
   * interpolation is skipped and the required gain is 1, exactly what it would compute).
   */
  private quietBlock(inL: Float32Array, inR: Float32Array, p: ParamBlock): boolean {
    let lowest = Infinity;
    const c = p['ceiling'];
    if (c !== undefined) for (let i = 0; i < c.length; i++) lowest = Math.min(lowest, c[i] as number);
    const limit = fromDb(Math.min(lowest, this.ceiling.peek()) - CEILING_MARGIN_DB) / PEAK_BOUND;
    let m = Math.max(this.detL.windowMax(), this.detR.windowMax());
    for (let i = 0; i < inL.length; i++) m = Math.max(m, Math.abs(inL[i] as number), Math.abs(inR[i] ?? 0));
    return m < limit;
  }

  /** The largest gain reduction (dB, ≥ 0) since the previous call. */
  takeReduction(): number {
    const g = this.maxGr;
    this.maxGr = 0;
    this.grGate = Infinity;
    this.grLast = NaN;
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
    const idx = this.idx;
    const val = this.val;
    let head = this.head;
    let count = this.count;
    // Ring positions by a conditional subtraction (head < cap, count ≤ cap).
    while (count > 0) {
      const back = head + count - 1;
      if ((val[back >= cap ? back - cap : back] as number) >= v) count--;
      else break;
    }
    const at = head + count;
    idx[at >= cap ? at - cap : at] = n;
    val[at >= cap ? at - cap : at] = v;
    count++;
    while ((idx[head] as number) <= n - window) {
      if (++head === cap) head = 0;
      count--;
    }
    this.head = head;
    this.count = count;
    return val[head] as number;
  }

  /**
   * push(n, 1, window) for the indices up to n after a push that returned 1 (all the values held
   * are then 1, so each push of 1 leaves only itself): the same state.
   */
  hold(n: number): void {
    this.count = 1;
    this.idx[this.head] = n;
    this.val[this.head] = 1;
  }
}
