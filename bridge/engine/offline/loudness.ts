import type { BiquadCoefs } from '../dsp/biquad.js';
import type { LoudnessReport } from '../export/report.js';
import { integratedLoudness, loudnessRange } from '../meters/loudness/gating.js';
import { CHANNEL_WEIGHTS, kWeighting, lufs } from '../meters/loudness/kweight.js';
import { ProgrammePeaks } from './peaks.js';

/**
 * The loudness report of a whole programme (export/report.ts's loudnessReport), computed block-wise
 * for offline renders and `detent measure`. It is LoudnessMeter's arithmetic (meters/loudness/
 * meter.ts), operation for operation, so the report is the same to the last bit
 * (test/engine/offline-loudness.test.ts): K-weighting in the same transposed direct form, the
 * same 10 ms sub-blocks, window sums and gating (the gating functions are LoudnessMeter's own).
 * What makes it faster:
 *   - each channel's filters run over a block in one loop, not sample by sample across channels
 *     (two channels: both in one loop, their recurrences side by side);
 *   - only what the report needs: no RMS, correlation or per-read peaks;
 *   - true peak: an interpolated point is computed only where it could raise the running maximum
 *     (peaks.ts).
 */

const MOMENTARY_SUB = 40;
const SHORT_SUB = 300;
const GATE_HOP_SUB = 10;

/** Report-only BS.1770-4 / EBU R128 meter for 1–5 channels (L, R, C, Ls, Rs). */
export class ProgrammeMeter {
  readonly subFrames: number;
  private readonly n: number;
  private readonly kw: Float64Array[]; // per channel: shelf z1, z2, high-pass z1, z2
  private readonly shelf: BiquadCoefs;
  private readonly rlb: BiquadCoefs;
  private readonly weights: readonly number[];
  private readonly peaks: ProgrammePeaks;
  private readonly kRing = new Float64Array(SHORT_SUB);
  private subs = 0;
  private fill = 0;
  private kAcc = 0;
  private readonly gating: number[] = [];
  private readonly shortBlocks: number[] = [];
  private maxM = -Infinity;
  private maxS = -Infinity;
  private frames = 0;
  private yy = new Float64Array(0);
  private acc = new Float64Array(0);

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
    this.peaks = new ProgrammePeaks(channels);
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
    const silence = (): Float32Array => new Float32Array(len);
    if (this.n === 2) {
      const l = input[0]?.subarray(from, to) ?? silence();
      const r = input[1]?.subarray(from, to) ?? silence();
      this.kWeightPair(l, r, len);
      this.peaks.process(0, l, len);
      this.peaks.process(1, r, len);
    } else {
      acc.fill(0, 0, len);
      for (let c = 0; c < this.n; c++) {
        const x = input[c]?.subarray(from, to) ?? silence();
        this.kWeight(c, x, len);
        // k += w·y·y per sample, channels in order, as LoudnessMeter sums them.
        const yy = this.yy;
        for (let i = 0; i < len; i++) acc[i] = (acc[i] as number) + (yy[i] as number);
        this.peaks.process(c, x, len);
      }
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
      truePeak: finite(toDb(this.peaks.truePeak)),
      samplePeak: finite(toDb(this.peaks.samplePeak)),
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

  /**
   * kWeight for channels 0 and 1 and their sum into acc: acc[i] = (0 + w0·y0·y0) + w1·y1·y1, as the
   * per-channel loop sums them, both channels' filters in one loop (the same coefficients).
   */
  private kWeightPair(l: Float32Array, r: Float32Array, len: number): void {
    const { b0, b1, b2, a1, a2 } = this.shelf;
    const h = this.rlb;
    const sl = this.kw[0] as Float64Array;
    const sr = this.kw[1] as Float64Array;
    const wl = this.weights[0] ?? 1;
    const wr = this.weights[1] ?? 1;
    const acc = this.acc;
    let [ls1, ls2, lh1, lh2] = [sl[0] as number, sl[1] as number, sl[2] as number, sl[3] as number];
    let [rs1, rs2, rh1, rh2] = [sr[0] as number, sr[1] as number, sr[2] as number, sr[3] as number];
    for (let i = 0; i < len; i++) {
      const xl = l[i] as number;
      const xr = r[i] as number;
      const ul = b0 * xl + ls1;
      const ur = b0 * xr + rs1;
      ls1 = b1 * xl - a1 * ul + ls2;
      rs1 = b1 * xr - a1 * ur + rs2;
      ls2 = b2 * xl - a2 * ul;
      rs2 = b2 * xr - a2 * ur;
      const yl = h.b0 * ul + lh1;
      const yr = h.b0 * ur + rh1;
      lh1 = h.b1 * ul - h.a1 * yl + lh2;
      rh1 = h.b1 * ur - h.a1 * yr + rh2;
      lh2 = h.b2 * ul - h.a2 * yl;
      rh2 = h.b2 * ur - h.a2 * yr;
      acc[i] = 0 + wl * yl * yl + wr * yr * yr;
    }
    sl[0] = ls1;
    sl[1] = ls2;
    sl[2] = lh1;
    sl[3] = lh2;
    sr[0] = rs1;
    sr[1] = rs2;
    sr[2] = rh1;
    sr[3] = rh2;
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
