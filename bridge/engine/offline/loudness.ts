import type { BiquadCoefs } from '../dsp/biquad.js';
import type { LoudnessReport } from '../export/report.js';
import { TAPS, OVERSAMPLE, PEAK_BOUND } from '../dsp/truepeak.js';
import { integratedLoudness, loudnessRange } from '../meters/loudness/gating.js';
import { CHANNEL_WEIGHTS, kWeighting, lufs } from '../meters/loudness/kweight.js';

/**
 * The loudness report of a whole programme (export/report.ts's loudnessReport), computed block-wise
 * for offline renders and `detent measure`. It is LoudnessMeter's arithmetic (meters/loudness/
 * meter.ts), operation for operation, so the report is the same to the last bit
 * (test/engine/offline-loudness.test.ts): K-weighting in the same transposed direct form, the
 * same 10 ms sub-blocks, window sums and gating (the gating functions are LoudnessMeter's own).
 * What makes it faster:
 *   - each channel's filters run over a block in one loop, not sample by sample across channels;
 *   - only what the report needs: no RMS, correlation or per-read peaks;
 *   - true peak: an interpolated point is computed only where it could raise the running maximum.
 *     A block is skipped when PEAK_BOUND times its largest |sample| (with the taps before it) stays
 *     under the maximum; a point, when its central 8 taps plus the rest's Σ|h| times that largest
 *     |sample| stays under it. Skipped points are provably below the maximum, so the maximum is
 *     the one the 4× interpolation of every point gives (BS.1770-4 Annex 2, dsp/truepeak.ts).
 */

const MOMENTARY_SUB = 40;
const SHORT_SUB = 300;
const GATE_HOP_SUB = 10;

/**
 * The interpolation filters of dsp/truepeak.ts (TruePeakDetector), designed by the same code:
 * PHASES[p][k] weights x[n − k] for the point at n − TAPS/2 + (p + 1)/4.
 */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 30; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
  }
  return sum;
}
function design(): Float64Array[] {
  const KAISER_BETA = 8;
  const half = TAPS / 2;
  const phases: Float64Array[] = [];
  for (let p = 1; p < OVERSAMPLE; p++) {
    const h = new Float64Array(TAPS);
    let sum = 0;
    for (let k = 0; k < TAPS; k++) {
      const t = k - half + p / OVERSAMPLE;
      const u = t / (half + 1);
      const w = besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - u * u))) / besselI0(KAISER_BETA);
      const sinc = t === 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
      h[k] = sinc * w;
      sum += sinc * w;
    }
    for (let k = 0; k < TAPS; k++) h[k] = (h[k] ?? 0) / sum;
    phases.push(h);
  }
  return phases;
}

const PHASES = design();
/** The central taps checked first, [CORE_FROM, CORE_TO): the 8 samples around each point. */
const CORE_FROM = TAPS / 2 - 4;
const CORE_TO = TAPS / 2 + 4;
/** Σ|h| of each phase outside the core. */
const TAIL = PHASES.map((h) => h.reduce((s, x, k) => (k >= CORE_FROM && k < CORE_TO ? s : s + Math.abs(x)), 0));
/** Slack for rounding in the bounds (the sums are within ~1e-14 of the exact ones). */
const SAFE = 1 - 1e-9;
/** Frames per peak-bound block (a power of two ≥ TAPS, so a block and the one before cover the taps). */
const PB = TAPS;

/** Report-only BS.1770-4 / EBU R128 meter for 1–5 channels (L, R, C, Ls, Rs). */
export class ProgrammeMeter {
  readonly subFrames: number;
  private readonly n: number;
  private readonly kw: Float64Array[]; // per channel: shelf z1, z2, high-pass z1, z2
  private readonly shelf: BiquadCoefs;
  private readonly rlb: BiquadCoefs;
  private readonly weights: readonly number[];
  /** Per channel: the last TAPS − 1 samples before the next block (zeros at the start). */
  private readonly history: Float32Array[];
  private readonly kRing = new Float64Array(SHORT_SUB);
  private subs = 0;
  private fill = 0;
  private kAcc = 0;
  private readonly gating: number[] = [];
  private readonly shortBlocks: number[] = [];
  private maxM = -Infinity;
  private maxS = -Infinity;
  private tpMax = 0;
  private spMax = 0;
  private frames = 0;
  private yy = new Float64Array(0);
  private acc = new Float64Array(0);
  private work = new Float32Array(0);

  constructor(
    readonly sampleRate: number,
    readonly channels = 2,
  ) {
    if (channels < 1 || channels > CHANNEL_WEIGHTS.length) throw new RangeError(`loudness meter: 1..5 channels, got ${channels}`);
    this.n = channels;
    this.subFrames = Math.round(sampleRate / 100);
    [this.shelf, this.rlb] = kWeighting(sampleRate);
    this.kw = Array.from({ length: channels }, () => new Float64Array(4));
    this.weights = CHANNEL_WEIGHTS.slice(0, channels);
    this.history = Array.from({ length: channels }, () => new Float32Array(TAPS - 1));
  }

  /** Feeds frames [from, to) of each channel (missing channels read as silence). */
  process(input: readonly Float32Array[], from = 0, to = input[0]?.length ?? 0): void {
    const len = Math.max(0, to - from);
    if (len === 0) return;
    if (this.acc.length < len) {
      this.yy = new Float64Array(len);
      this.acc = new Float64Array(len);
    }
    const acc = this.acc;
    acc.fill(0, 0, len);
    for (let c = 0; c < this.n; c++) {
      const x = input[c]?.subarray(from, to) ?? new Float32Array(len);
      this.kWeight(c, x, len);
      // k += w·y·y per sample, channels in order, as LoudnessMeter sums them.
      const yy = this.yy;
      for (let i = 0; i < len; i++) acc[i] = (acc[i] as number) + (yy[i] as number);
      this.peaks(c, x, len);
    }
    let kAcc = this.kAcc;
    let fill = this.fill;
    const sub = this.subFrames;
    for (let i = 0; i < len; i++) {
      kAcc += acc[i] as number;
      if (++fill === sub) {
        this.endSub(kAcc);
        kAcc = 0;
        fill = 0;
      }
    }
    this.kAcc = kAcc;
    this.fill = fill;
    this.frames += len;
  }

  /** The report of everything processed, as loudnessReport gives it for the same channels. */
  report(channelCount = this.n): LoudnessReport {
    const finite = (x: number): number | null => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : null);
    const toDb = (a: number): number => (a > 0 ? 20 * Math.log10(a) : -Infinity);
    return {
      integrated: finite(integratedLoudness(this.gating)),
      range: finite(loudnessRange(this.shortBlocks)) ?? 0,
      truePeak: finite(toDb(this.tpMax)),
      samplePeak: finite(toDb(this.spMax)),
      maxMomentary: finite(this.maxM),
      maxShortTerm: finite(this.maxS),
      seconds: this.frames / this.sampleRate,
      sampleRate: this.sampleRate,
      channels: channelCount,
    };
  }

  /** yy[i] = w·y·y, y the K-weighted x (shelf then RLB high-pass, dsp/biquad.ts's Biquad.step). */
  private kWeight(c: number, x: Float32Array, len: number): void {
    const s = this.shelf;
    const h = this.rlb;
    const st = this.kw[c] as Float64Array;
    const w = this.weights[c] ?? 1;
    const yy = this.yy;
    let [s1, s2, h1, h2] = [st[0] as number, st[1] as number, st[2] as number, st[3] as number];
    for (let i = 0; i < len; i++) {
      const xi = x[i] as number;
      const u = s.b0 * xi + s1;
      s1 = s.b1 * xi - s.a1 * u + s2;
      s2 = s.b2 * xi - s.a2 * u;
      const y = h.b0 * u + h1;
      h1 = h.b1 * u - h.a1 * y + h2;
      h2 = h.b2 * u - h.a2 * y;
      yy[i] = w * y * y;
    }
    st[0] = s1;
    st[1] = s2;
    st[2] = h1;
    st[3] = h2;
  }

  /** Sample peak and true peak of channel c over the block. */
  private peaks(c: number, x: Float32Array, len: number): void {
    const hist = this.history[c] as Float32Array;
    const H = TAPS - 1;
    // w[H + i] = x[i], w[0 .. H) the samples before the block: x[n − k] = w[H + n − k].
    if (this.work.length < H + len) this.work = new Float32Array(H + len);
    const w = this.work;
    w.set(hist, 0);
    w.set(x.subarray(0, len), H);
    let sp = this.spMax;
    for (let i = 0; i < len; i++) {
      const a = Math.abs(x[i] as number);
      if (a > sp) sp = a;
    }
    this.spMax = sp;
    let max = this.tpMax;
    const [p0, p1, p2] = PHASES as [Float64Array, Float64Array, Float64Array];
    const [t0, t1, t2] = TAIL as [number, number, number];
    for (let b = 0; b < len; b += PB) {
      const e = Math.min(len, b + PB);
      // Largest |sample| any point of frames [b, e) reads: w[b .. H + e).
      let m = 0;
      for (let j = b; j < H + e; j++) {
        const a = Math.abs(w[j] as number);
        if (a > m) m = a;
      }
      if (PEAK_BOUND * m < max * SAFE) continue;
      for (let i = b; i < e; i++) {
        const o = H + i; // x[n − k] = w[o − k]
        const centre = Math.abs(w[o - TAPS / 2] as number);
        if (centre > max) max = centre;
        max = point(w, o, p0, t0 * m, max);
        max = point(w, o, p1, t1 * m, max);
        max = point(w, o, p2, t2 * m, max);
      }
    }
    this.tpMax = max;
    hist.set(w.subarray(len, len + H));
  }

  /** LoudnessMeter's endSub: ring, momentary and short-term maxima, gating blocks every 100 ms. */
  private endSub(kAcc: number): void {
    this.kRing[this.subs % SHORT_SUB] = kAcc;
    this.subs++;
    const m = this.windowEnergy(MOMENTARY_SUB);
    if (m !== undefined) {
      this.maxM = Math.max(this.maxM, lufs(m));
      if (this.subs % GATE_HOP_SUB === 0) this.gating.push(m);
    }
    const s = this.windowEnergy(SHORT_SUB);
    if (s !== undefined) {
      this.maxS = Math.max(this.maxS, lufs(s));
      if (this.subs % GATE_HOP_SUB === 0) this.shortBlocks.push(s);
    }
  }

  private windowEnergy(n: number): number | undefined {
    if (this.subs < n) return undefined;
    let sum = 0;
    for (let j = 1; j <= n; j++) sum += this.kRing[(this.subs - j + SHORT_SUB) % SHORT_SUB] ?? 0;
    return sum / (n * this.subFrames);
  }
}

/**
 * One interpolated point (phase h at the sample w[o]) against the running maximum: skipped when its
 * central taps plus `tail` (the other taps' Σ|h| times the block's largest |sample|) cannot reach
 * `max`, else computed as TruePeakDetector computes it (taps in order, k = 0 the newest sample).
 */
function point(w: Float32Array, o: number, h: Float64Array, tail: number, max: number): number {
  let core = 0;
  for (let k = CORE_FROM; k < CORE_TO; k++) core += (h[k] as number) * (w[o - k] as number);
  if (Math.abs(core) + tail < max * SAFE) return max;
  let acc = 0;
  for (let k = 0; k < TAPS; k++) acc += (h[k] as number) * (w[o - k] as number);
  const a = Math.abs(acc);
  return a > max ? a : max;
}

/** loudnessReport (export/report.ts) by the ProgrammeMeter: the same report, faster. */
export function programmeReport(channels: readonly Float32Array[], sampleRate: number): LoudnessReport {
  const n = Math.min(Math.max(1, channels.length), CHANNEL_WEIGHTS.length);
  const meter = new ProgrammeMeter(sampleRate, n);
  const frames = channels[0]?.length ?? 0;
  // In slices, so the scratch buffers stay small whatever the programme's length.
  const SLICE = 1 << 16;
  for (let at = 0; at < frames; at += SLICE) meter.process(channels.slice(0, n), at, Math.min(frames, at + SLICE));
  return { ...meter.report(channels.length), seconds: frames / sampleRate };
}
