import { METER_FLOOR_DB } from '../meter-math.js';
import { bandBinWeights, bandEdges, SPECTRUM_CENTRES_HZ } from './bands.js';
import { Fft } from './fft.js';

/**
 * The 1/6-octave spectrum meter (bands in ./bands.ts), pure TS: it runs in the meter worklet, in
 * the audio thread, next to the loudness meter.
 *
 * Method: Hann-windowed FFTs, each bin's power summed into the bands with fractional edge weights
 * (bands.ts bandBinWeights), on an octave-decimated cascade ("multirate"): level 0 is the signal
 * at the context rate, level ℓ + 1 is level ℓ low-passed (4th-order Butterworth at 0.1 of its
 * rate: within 0.001 dB of flat where bands are read, over 110 dB down where aliases would land)
 * and decimated by 2. Every level has the same N-point FFT (N = 2048 up to 48 kHz, scaled with
 * the rate), so its bins are 2^ℓ times finer and its window 2^ℓ times longer. A band is read at
 * the fastest level where its half-width spans at least MIN_HALF_BINS bins, but no window is
 * longer than MAX_WINDOW_S (about 1.4 s at the usual rates). At 48 kHz:
 *
 *   level  bands            bins     window
 *   0      1.26 – 20 kHz    23.4 Hz   43 ms   (25 bands)
 *   1      631 – 1122 Hz    11.7 Hz   85 ms   (6 bands each, levels 1 to 4)
 *   2      316 – 562 Hz     5.9 Hz   171 ms
 *   3      158 – 282 Hz     2.9 Hz   341 ms
 *   4      79 – 141 Hz      1.5 Hz   683 ms
 *   5      20 – 71 Hz       0.73 Hz  1.37 s   (12 bands; window cap: 20 – 28 Hz get 1.6 – 2.2 bins)
 *
 * The trade-off: a 1/6-octave band at 20 Hz is 2.3 Hz wide, narrower than the bins of any
 * full-rate FFT a meter can afford (16384 points at 48 kHz: 2.9 Hz); resolving it takes a window
 * of about 1/bandwidth whatever the method, so the low bands answer more slowly (a tone switched
 * on reads within 1 dB of its final level after 0.53 s at 1 kHz, 0.87 s at 100 Hz, 1.37 s at
 * 25 Hz) while the upper ones follow the 300 ms ballistics. Measured at 48 kHz (tests
 * test/engine/spectrum-bands.test.ts and spectrum-meter.test.ts):
 * a steady sine at a band centre reads within 0.01 dB in its band (0.08 dB at 20 Hz, whose
 * leakage falls below the lowest edge) and its neighbours read at least 37 dB lower above 30 Hz
 * (23 dB at 20 – 28 Hz). A sine between centre and edge spreads over the two bands, as in any
 * filter bank; one within about a sixth of a band of a level boundary (the lower edges of 79, 158,
 * 316, 631 and 1259 Hz) is seen with both resolutions and the band sum is off by up to 0.6 dB.
 *
 * Channels: the mean of the channels' band powers (L and R ride in one complex FFT as real and
 * imaginary parts; |X_L|² + |X_R|² = (|Z_k|² + |Z_N−k|²) / 2). Not a mono sum, which would hide
 * anti-phase content, nor a max, which would not add up: the bands of any signal sum to its mean
 * power, so a tone in one channel only reads 3.01 dB below the same tone in both.
 *
 * Calibration: band power is mean square, like the RMS meter: a sine of peak amplitude A reads
 * 20·log10(A) − 3.01 dB (a full-scale sine −3.01 dB, a −20 dBFS sine −23.01 dB), and the power sum
 * of all bands equals the mean-square level of a signal whose spectrum lies in 18.8 Hz – 21.1 kHz.
 *
 * Time: each level's FFT runs every N/4 of its samples (Hann² overlap-adds to a constant there,
 * so every sample counts the same); at most one FFT per render quantum, the most overdue level
 * first, so no quantum carries more than one. Ballistics: each band's power is an exponential
 * average, time constant SPECTRUM_TAU_S (300 ms, the RMS meter's integration time), updated with
 * each new FFT of its level. Silence and anything below reads METER_FLOOR_DB (−120).
 *
 * Cost at 48 kHz: about 185 FFTs of 2048 points a second plus the decimation filters, about 9 ms
 * of CPU per second of audio on the development machine (the loudness meter: about 12 ms).
 */

/** Time constant of the bands' exponential average, seconds. */
export const SPECTRUM_TAU_S = 0.3;
/** A band is read at the fastest level where its half-width spans at least this many bins. */
export const MIN_HALF_BINS = 3;
/**
 * Longest FFT window, seconds: it caps the levels, so the lowest bands may have fewer bins (1.37 s
 * at 48 kHz, 1.49 s at 44.1 kHz; 2.05 s at 32 kHz, where 1.02 s would leave 20 Hz barely a bin).
 */
const MAX_WINDOW_S = 2.1;
/** Samples fed between two chances to run an FFT (a Web Audio render quantum). */
const QUANTUM = 128;
/** Decimation low-pass corner, as a fraction of the input rate of a halving stage. */
const DECIMATION_CORNER = 0.1;

/** The FFT size at a rate: bins of 24 Hz or finer, 2048..16384 (2048 up to 48 kHz, 4096 at 96 kHz). */
export function fftSizeFor(rate: number): number {
  return Math.min(16384, Math.max(2048, 2 ** Math.ceil(Math.log2(rate / 24))));
}

/** Where each band is read: its level and its bins' weights on that level's FFT grid. */
export interface BandPlan {
  readonly band: number;
  readonly level: number;
  readonly first: number;
  readonly weights: Float64Array;
}

export interface SpectrumPlan {
  readonly rate: number;
  readonly size: number;
  /** Number of levels (level ℓ runs at rate / 2^ℓ). */
  readonly levels: number;
  /** Bands that exist at this rate (one whose lower edge is above Nyquist is left out: it reads the floor). */
  readonly bands: readonly BandPlan[];
}

/** The band-to-level assignment and bin weights at a rate. Pure. */
export function spectrumPlan(rate: number): SpectrumPlan {
  const size = fftSizeFor(rate);
  const bands: BandPlan[] = [];
  const maxLevel = Math.max(0, Math.floor(Math.log2((MAX_WINDOW_S * rate) / size)));
  let levels = 1;
  SPECTRUM_CENTRES_HZ.forEach((centre, band) => {
    const [lo, hi] = bandEdges(centre);
    if (lo >= rate / 2) return;
    let level = 0;
    while (level < maxLevel && (hi - lo) / 2 < (MIN_HALF_BINS * rate) / 2 ** level / size) level++;
    const { first, weights } = bandBinWeights(lo, hi, rate / 2 ** level / size, size / 2 + 1);
    bands.push({ band, level, first, weights });
    levels = Math.max(levels, level + 1);
  });
  return { rate, size, levels, bands };
}

/** RBJ low-pass biquad coefficients [b0, b1, b2, a1, a2] at `corner` × rate. */
function lowpass(corner: number, q: number): readonly [number, number, number, number, number] {
  const w = 2 * Math.PI * corner;
  const alpha = Math.sin(w) / (2 * q);
  const c = Math.cos(w);
  const a0 = 1 + alpha;
  return [(1 - c) / 2 / a0, (1 - c) / a0, (1 - c) / 2 / a0, (-2 * c) / a0, (1 - alpha) / a0];
}

/** The two sections of a 4th-order Butterworth low-pass (Q = 1 / (2 cos(π/8)), 1 / (2 cos(3π/8))). */
const SECTIONS = [lowpass(DECIMATION_CORNER, 0.5411961001461971), lowpass(DECIMATION_CORNER, 1.3065629648763766)] as const;

class Level {
  /** The level's most recent N samples per channel, a ring (single precision: the floor is −120 dB). */
  readonly l: Float32Array;
  readonly r: Float32Array;
  readonly mask: number;
  pos = 0;
  /** Samples written since this level's last FFT. */
  fresh = 0;
  /** Decimation toward the next level: keep every second filtered sample. */
  odd = false;
  /** Decimation filter state, transposed direct form II: z1, z2 of each section, left then right. */
  l1 = 0;
  l2 = 0;
  l3 = 0;
  l4 = 0;
  r1 = 0;
  r2 = 0;
  r3 = 0;
  r4 = 0;
  readonly bands: BandPlan[] = [];

  constructor(
    size: number,
    readonly rate: number,
  ) {
    this.l = new Float32Array(size);
    this.r = new Float32Array(size);
    this.mask = size - 1;
  }
}

const [A, B] = SECTIONS;
const [A0, A1, A2, A3, A4] = A;
const [B0, B1, B2, B3, B4] = B;

/** Powers below this are flushed to 0 (they read the floor anyway; no subnormal arithmetic). */
const FLUSH = 1e-30;

export class SpectrumAnalyser {
  readonly plan: SpectrumPlan;
  private readonly levels: Level[];
  private readonly fft: Fft;
  private readonly window: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly hop: number;
  /** 1 / (2·N·Σw²): bin power as a fraction of the mean square (one-sided, mean of two channels). */
  private readonly scale: number;
  /** Exponentially averaged power of each band (mean square), SPECTRUM_CENTRES_HZ order. */
  private readonly power = new Float64Array(SPECTRUM_CENTRES_HZ.length);
  private sinceFft = 0;

  constructor(
    readonly sampleRate: number,
    private readonly tauS = SPECTRUM_TAU_S,
  ) {
    this.plan = spectrumPlan(sampleRate);
    const n = this.plan.size;
    this.fft = new Fft(n);
    this.window = Float64Array.from({ length: n }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n));
    this.re = new Float64Array(n);
    this.im = new Float64Array(n);
    this.hop = n / 4;
    this.scale = 1 / (2 * n * this.window.reduce((a, w) => a + w * w, 0));
    this.levels = Array.from({ length: this.plan.levels }, (_, l) => new Level(n, sampleRate / 2 ** l));
    for (const b of this.plan.bands) this.levels[b.level]?.bands.push(b);
  }

  /**
   * Feeds frames [from, to) of the left and right channels (the same array twice for mono) and runs
   * at most one due FFT per QUANTUM frames.
   */
  process(left: Float32Array, right: Float32Array, from = 0, to = left.length): void {
    for (let i = from; i < to; i++) {
      this.feed(left[i] ?? 0, right[i] ?? 0);
      if (++this.sinceFft === QUANTUM) {
        this.sinceFft = 0;
        this.runDue();
      }
    }
  }

  /** The bands' levels now, dB (mean-square power), floored at METER_FLOOR_DB; one per SPECTRUM_CENTRES_HZ. */
  read(): number[] {
    return Array.from(this.power, (p) => (p > 0 ? Math.max(METER_FLOOR_DB, 10 * Math.log10(p)) : METER_FLOOR_DB));
  }

  /** The bands' averaged powers (mean square, linear), for tests and sums. */
  readPower(): Float64Array {
    return this.power.slice();
  }

  private feed(l: number, r: number): void {
    const levels = this.levels;
    let x = l;
    let y = r;
    for (let k = 0; k < levels.length; k++) {
      const lv = levels[k] as Level;
      lv.l[lv.pos] = x;
      lv.r[lv.pos] = y;
      lv.pos = (lv.pos + 1) & lv.mask;
      lv.fresh++;
      if (k + 1 === levels.length) return;
      // Both sections of the decimation low-pass, per channel (unrolled: this runs per sample).
      let u = A0 * x + lv.l1;
      lv.l1 = A1 * x - A3 * u + lv.l2;
      lv.l2 = A2 * x - A4 * u;
      x = B0 * u + lv.l3;
      lv.l3 = B1 * u - B3 * x + lv.l4;
      lv.l4 = B2 * u - B4 * x;
      u = A0 * y + lv.r1;
      lv.r1 = A1 * y - A3 * u + lv.r2;
      lv.r2 = A2 * y - A4 * u;
      y = B0 * u + lv.r3;
      lv.r3 = B1 * u - B3 * y + lv.r4;
      lv.r4 = B2 * u - B4 * y;
      lv.odd = !lv.odd;
      if (lv.odd) return;
    }
  }

  /** Runs the FFT of the most overdue level, if any is due. */
  private runDue(): void {
    let due: Level | undefined;
    let most = 1;
    for (const lv of this.levels) {
      const ratio = lv.fresh / this.hop;
      if (ratio >= most) {
        most = ratio;
        due = lv;
      }
    }
    if (due !== undefined) this.analyse(due);
  }

  private analyse(lv: Level): void {
    const n = this.fft.size;
    const { re, im, window } = this;
    for (let i = 0, j = lv.pos; i < n; i++, j = j + 1 === n ? 0 : j + 1) {
      const w = window[i] as number;
      re[i] = (lv.l[j] as number) * w;
      im[i] = (lv.r[j] as number) * w;
    }
    this.fft.transform(re, im);
    const a = 1 - Math.exp(-lv.fresh / (lv.rate * this.tauS));
    lv.fresh = 0;
    for (const b of lv.bands) {
      let p = 0;
      const ws = b.weights;
      for (let k = 0; k < ws.length; k++) {
        const i = b.first + k;
        const m = i === 0 ? 0 : n - i;
        p += (ws[k] as number) * ((re[i] as number) ** 2 + (im[i] as number) ** 2 + (re[m] as number) ** 2 + (im[m] as number) ** 2);
      }
      const avg = (this.power[b.band] as number) + a * (p * this.scale - (this.power[b.band] as number));
      this.power[b.band] = avg < FLUSH ? 0 : avg;
    }
  }
}
