import { OVERSAMPLE, PEAK_BOUND, TAPS } from '../dsp/truepeak.js';

/**
 * Sample peak and true peak of a programme, block by block, for offline/loudness.ts's
 * ProgrammeMeter: the largest |sample| and the largest magnitude of the 4× interpolation
 * (BS.1770-4 Annex 2) with the filters of dsp/truepeak.ts, each interpolated point summed as
 * TruePeakDetector sums it (taps in order, k = 0 the newest sample), so the maxima are the
 * detector's to the last bit.
 *
 * What makes it fast: an interpolated point is computed only where it could raise the running
 * maximum. Frames go by in chunks of CHUNK; a chunk is skipped when PEAK_BOUND times the largest
 * |sample| its points read (that chunk's and the previous chunk's, a superset of the TAPS − 1
 * samples before it) stays under the maximum; a point, when its central 8 taps plus the other
 * taps' Σ|h| times that largest |sample| stays under it. Skipped points are provably below the
 * maximum (with a margin far larger than the sums' rounding), so the maximum is the one every
 * point gives. On programme most chunks are skipped: the cost is about one |x| per sample.
 */

/** Frames per chunk (TAPS: a chunk and the one before cover every tap of its points). */
const CHUNK = TAPS;
/** The central taps checked first, [CORE_FROM, CORE_TO): the 8 samples around each point. */
const CORE_FROM = TAPS / 2 - 4;
const CORE_TO = TAPS / 2 + 4;
/** Slack for rounding in the bounds (the sums are within ~1e-14 of the exact ones). */
const SAFE = 1 - 1e-9;

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 30; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
  }
  return sum;
}

/**
 * The interpolation filters of dsp/truepeak.ts (TruePeakDetector), designed by the same code:
 * PHASES[p][k] weights x[n − k] for the point at n − TAPS/2 + (p + 1)/4.
 */
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
/** Σ|h| of each phase outside the core. */
const TAIL = PHASES.map((h) => h.reduce((s, x, k) => (k >= CORE_FROM && k < CORE_TO ? s : s + Math.abs(x)), 0));

/** The running sample peak and true peak of up to 5 channels (linear magnitudes). */
export class ProgrammePeaks {
  /** Largest |sample|, largest true-peak magnitude so far (over every channel). */
  samplePeak = 0;
  truePeak = 0;
  /** Per channel: the last TAPS − 1 samples before the next block (zeros at the start). */
  private readonly history: Float32Array[];
  /** Per channel: the largest |sample| of the last chunk before the next block (of the history at the start). */
  private readonly lastChunkMax: Float64Array;
  private work = new Float32Array(0);

  constructor(channels: number) {
    this.history = Array.from({ length: channels }, () => new Float32Array(TAPS - 1));
    this.lastChunkMax = new Float64Array(channels);
  }

  /** Takes frames [0, len) of channel c's next block. */
  process(c: number, x: Float32Array, len: number): void {
    const hist = this.history[c] as Float32Array;
    const H = TAPS - 1;
    // w[H + i] = x[i], w[0 .. H) the samples before the block: x[n − k] = w[H + n − k].
    if (this.work.length < H + len) this.work = new Float32Array(H + len);
    const w = this.work;
    w.set(hist, 0);
    w.set(x.subarray(0, len), H);
    let sp = this.samplePeak;
    let max = this.truePeak;
    let before = this.lastChunkMax[c] as number;
    const [p0, p1, p2] = PHASES as [Float64Array, Float64Array, Float64Array];
    const [t0, t1, t2] = TAIL as [number, number, number];
    for (let b = 0; b < len; b += CHUNK) {
      const e = Math.min(len, b + CHUNK);
      let here = 0;
      for (let i = b; i < e; i++) {
        const a = Math.abs(x[i] as number);
        if (a > here) here = a;
      }
      if (here > sp) sp = here;
      // Largest |sample| any point of frames [b, e) reads (x[b − H .. e)), or more.
      const m = here > before ? here : before;
      before = here;
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
    this.samplePeak = sp;
    this.truePeak = max;
    // The next block's first chunk reads these H samples: `before` bounds them only if the last
    // chunk was whole; else it takes their own maximum.
    if (len % CHUNK !== 0) {
      before = 0;
      for (let j = len; j < len + H; j++) before = Math.max(before, Math.abs(w[j] as number));
    }
    this.lastChunkMax[c] = before;
    hist.set(w.subarray(len, len + H));
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
