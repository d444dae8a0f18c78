/**
 * The 1/6-octave bands of the spectrum meter, as data: pure, no Web Audio, no Node (the dashboard
 * imports SPECTRUM_CENTRES_HZ / SPECTRUM_NOMINAL_HZ to label `MeterFrame.spectrumDb`).
 *
 * Centres: the base-10 series of ISO 266 (R20 preferred numbers for 1/6 octave), exactly
 * fm = 1000 · 10^(x/20) = 1000 · G^(x/6) with G = 10^(3/10), x = −34..26: 61 bands from 19.95 Hz to
 * 19.95 kHz, with 1 kHz and 100 Hz among them. (This is IEC 61260-1's mid-band rule for odd b
 * applied to b = 6; its even-b rule would shift every centre by half a band and put 1 kHz on an
 * edge, which is not what a 1/6-octave display is labelled with.)
 * Edges: fm · G^(±1/12) = fm · 10^(±1/40); adjacent bands share an edge, so the bands tile
 * 18.84 Hz .. 21.13 kHz without gap or overlap. Bandwidth 11.5 % of the centre.
 */

export const SPECTRUM_BANDS_PER_OCTAVE = 6;

const X_LOW = -34;
const X_HIGH = 26;
const EDGE_RATIO = 10 ** (1 / 40);

/** Exact mid-band frequencies, Hz, low to high (61 of them). `spectrumDb[i]` is the band at `SPECTRUM_CENTRES_HZ[i]`. */
export const SPECTRUM_CENTRES_HZ: readonly number[] = Object.freeze(
  Array.from({ length: X_HIGH - X_LOW + 1 }, (_, i) => 1000 * 10 ** ((X_LOW + i) / 20)),
);

/** ISO 266 R20 mantissas: the nominal (printed) values of the exact centres in one decade. */
const R20 = [1, 1.12, 1.25, 1.4, 1.6, 1.8, 2, 2.24, 2.5, 2.8, 3.15, 3.55, 4, 4.5, 5, 5.6, 6.3, 7.1, 8, 9] as const;

/** The nominal centre frequencies for labels (20, 22.4, 25, ... 1000, 1120, ... 20000), Hz. */
export const SPECTRUM_NOMINAL_HZ: readonly number[] = Object.freeze(
  Array.from({ length: X_HIGH - X_LOW + 1 }, (_, i) => {
    const x = X_LOW + i;
    const decade = Math.floor(x / 20);
    const m = R20[x - decade * 20] ?? 1;
    // Rounded so 10^k scaling leaves no binary fractions (22.400000000000002).
    return Math.round(m * 1000 * 10 ** decade * 1000) / 1000;
  }),
);

/** Lower and upper edge of the band centred at `centre`, Hz. */
export function bandEdges(centre: number): readonly [number, number] {
  return [centre / EDGE_RATIO, centre * EDGE_RATIO];
}

/** The bins of a band on an FFT grid and how much of each bin belongs to the band. */
export interface BinWeights {
  /** Index of the first bin with a non-zero weight. */
  readonly first: number;
  /** Weight of bins first, first + 1, ...: the fraction of the bin inside the band, 0..1. */
  readonly weights: Float64Array;
}

/**
 * Fractional edge weighting: bin k of an FFT with bin spacing `binHz` stands for the frequencies
 * [(k − ½)·binHz, (k + ½)·binHz], clipped to [0, (bins − 1)·binHz] (DC and Nyquist bins are half
 * bins: the clipping halves them, which is what their one-sided power needs). Its weight in the
 * band [lo, hi] is the part of that interval inside the band, over binHz. Bins 0..bins−1 (for an
 * N-point FFT, bins = N/2 + 1). Bands that share an edge split a bin exactly, so over a tiling of
 * bands the weights of every bin covered sum to 1: summed band powers equal the power of the bins.
 * A band outside the grid has no bins (`weights` empty).
 */
export function bandBinWeights(lo: number, hi: number, binHz: number, bins: number): BinWeights {
  const top = (bins - 1) * binHz;
  const a = Math.max(0, lo);
  const b = Math.min(top, hi);
  if (!(b > a)) return { first: 0, weights: new Float64Array(0) };
  const first = Math.max(0, Math.floor(a / binHz + 0.5));
  const last = Math.min(bins - 1, Math.ceil(b / binHz - 0.5));
  const weights = new Float64Array(last - first + 1);
  for (let k = first; k <= last; k++) {
    const from = Math.max(a, (k - 0.5) * binHz);
    const to = Math.min(b, (k + 0.5) * binHz);
    weights[k - first] = Math.max(0, to - from) / binHz;
  }
  return { first, weights };
}
