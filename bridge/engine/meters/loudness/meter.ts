import { Biquad } from '../../dsp/biquad.js';
import { TruePeakDetector } from '../../dsp/truepeak.js';
import { integratedLoudness, loudnessRange } from './gating.js';
import { CHANNEL_WEIGHTS, kWeighting, lufs } from './kweight.js';

/**
 * A loudness and level meter after ITU-R BS.1770-4 and EBU R128 (Tech 3341, 3342), pure TS.
 *
 * Time base: 10 ms sub-blocks. Momentary = last 40 (400 ms), short-term = last 300 (3 s), both
 * updated every sub-block, so maximum momentary is taken at a 10 ms step (DESIGN.md: ≤ 20 ms).
 * Integrated: 400 ms gating blocks every 100 ms (75 % overlap, BS.1770-4 §2.8). Loudness range:
 * short-term windows every 100 ms (Tech 3342 asks ≥ 10 Hz). Also per channel: sample peak, true
 * peak (4× oversampled, dsp/truepeak.ts), RMS over 300 ms; and the L/R correlation over 300 ms.
 * Channels in the order L, R, C, Ls, Rs (at most 5; weights of BS.1770-4 Table 3).
 */
export interface LoudnessReading {
  /** LUFS; −Infinity before the window has filled or in digital silence. */
  readonly momentary: number;
  readonly shortTerm: number;
  readonly integrated: number;
  readonly maxMomentary: number;
  readonly maxShortTerm: number;
  /** Loudness range, LU. */
  readonly range: number;
  /** Per channel, dBFS / dBTP, highest since the previous read. */
  readonly samplePeakDb: readonly number[];
  readonly truePeakDb: readonly number[];
  /** Highest true peak over all channels since the last reset, dBTP. */
  readonly truePeakMaxDb: number;
  readonly samplePeakMaxDb: number;
  /** Per channel RMS over the last 300 ms, dBFS (unweighted). */
  readonly rmsDb: readonly number[];
  /** Pearson correlation of L and R over 300 ms: 1 mono, 0 unrelated, −1 out of phase. */
  readonly correlation: number;
}

const MOMENTARY_SUB = 40;
const SHORT_SUB = 300;
const RMS_SUB = 30;
const GATE_HOP_SUB = 10;
const toDb = (a: number): number => (a > 0 ? 20 * Math.log10(a) : -Infinity);

export class LoudnessMeter {
  readonly subFrames: number;
  private readonly kw: [Biquad, Biquad][];
  private readonly tp: TruePeakDetector[];
  private readonly weights: number[];
  /** Ring of weighted K-filtered sums per sub-block (SHORT_SUB long). */
  private readonly kRing = new Float64Array(SHORT_SUB);
  /** Rings of raw Σx² per channel and Σ L·R (RMS_SUB long). */
  private readonly rawRing: Float64Array[];
  private readonly lrRing = new Float64Array(RMS_SUB);
  private subs = 0;
  private fill = 0;
  private kAcc = 0;
  private readonly rawAcc: number[];
  private lrAcc = 0;
  private gating: number[] = [];
  private shortBlocks: number[] = [];
  private maxM = -Infinity;
  private maxS = -Infinity;
  private readonly sp: number[];
  private readonly tpk: number[];
  private tpMax = 0;
  private spMax = 0;

  constructor(readonly sampleRate: number, readonly channels = 2) {
    if (channels < 1 || channels > CHANNEL_WEIGHTS.length) throw new RangeError(`loudness meter: 1..5 channels, got ${channels}`);
    this.subFrames = Math.round(sampleRate / 100);
    const [s, h] = kWeighting(sampleRate);
    this.kw = Array.from({ length: channels }, () => [new Biquad(s), new Biquad(h)]);
    this.tp = Array.from({ length: channels }, () => new TruePeakDetector());
    this.weights = CHANNEL_WEIGHTS.slice(0, channels);
    this.rawRing = Array.from({ length: channels }, () => new Float64Array(RMS_SUB));
    this.rawAcc = new Array<number>(channels).fill(0);
    this.sp = new Array<number>(channels).fill(0);
    this.tpk = new Array<number>(channels).fill(0);
  }

  /** Feeds frames [from, to) of each channel (missing channels read as silence). */
  process(input: readonly Float32Array[], from = 0, to = input[0]?.length ?? 0): void {
    for (let i = from; i < to; i++) {
      let k = 0;
      for (let c = 0; c < this.channels; c++) {
        const x = input[c]?.[i] ?? 0;
        const f = this.kw[c];
        if (f === undefined) continue;
        const y = f[1].step(f[0].step(x));
        k += (this.weights[c] ?? 1) * y * y;
        this.rawAcc[c] = (this.rawAcc[c] ?? 0) + x * x;
        const a = Math.abs(x);
        if (a > (this.sp[c] ?? 0)) this.sp[c] = a;
        const t = this.tp[c]?.push(x) ?? 0;
        if (t > (this.tpk[c] ?? 0)) this.tpk[c] = t;
      }
      this.kAcc += k;
      this.lrAcc += (input[0]?.[i] ?? 0) * (input[1]?.[i] ?? input[0]?.[i] ?? 0);
      if (++this.fill === this.subFrames) this.endSub();
    }
  }

  private endSub(): void {
    const slot = this.subs % SHORT_SUB;
    this.kRing[slot] = this.kAcc;
    const r = this.subs % RMS_SUB;
    this.rawRing.forEach((ring, c) => (ring[r] = this.rawAcc[c] ?? 0));
    this.lrRing[r] = this.lrAcc;
    this.subs++;
    this.fill = 0;
    this.kAcc = 0;
    this.lrAcc = 0;
    this.rawAcc.fill(0);
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

  /** Weighted mean square over the last `n` sub-blocks, undefined until that many have passed. */
  private windowEnergy(n: number): number | undefined {
    if (this.subs < n) return undefined;
    let sum = 0;
    for (let j = 1; j <= n; j++) sum += this.kRing[(this.subs - j + SHORT_SUB) % SHORT_SUB] ?? 0;
    return sum / (n * this.subFrames);
  }

  /** The current values; per-channel peaks restart from here (the maxima do not). */
  read(): LoudnessReading {
    const m = this.windowEnergy(MOMENTARY_SUB);
    const s = this.windowEnergy(SHORT_SUB);
    const n = Math.min(this.subs, RMS_SUB) * this.subFrames;
    const sums = this.rawRing.map((ring) => ring.reduce((a, b) => a + b, 0));
    const lr = this.lrRing.reduce((a, b) => a + b, 0);
    const ll = sums[0] ?? 0;
    const rr = sums[1] ?? ll;
    this.tpMax = Math.max(this.tpMax, ...this.tpk);
    this.spMax = Math.max(this.spMax, ...this.sp);
    const reading: LoudnessReading = {
      momentary: m === undefined ? -Infinity : lufs(m),
      shortTerm: s === undefined ? -Infinity : lufs(s),
      integrated: integratedLoudness(this.gating),
      maxMomentary: this.maxM,
      maxShortTerm: this.maxS,
      range: loudnessRange(this.shortBlocks),
      samplePeakDb: this.sp.map(toDb),
      truePeakDb: this.tpk.map(toDb),
      truePeakMaxDb: toDb(this.tpMax),
      samplePeakMaxDb: toDb(this.spMax),
      rmsDb: sums.map((e) => (n > 0 ? toDb(Math.sqrt(e / n)) : -Infinity)),
      correlation: ll > 0 && rr > 0 ? lr / Math.sqrt(ll * rr) : 0,
    };
    this.sp.fill(0);
    this.tpk.fill(0);
    return reading;
  }

  /** Restarts integrated loudness, range and the maxima (the engineer's reset button). */
  reset(): void {
    this.gating = [];
    this.shortBlocks = [];
    this.maxM = -Infinity;
    this.maxS = -Infinity;
    this.tpMax = 0;
    this.spMax = 0;
  }
}
