/**
 * Scales of the spectrum view; pure. Positions are fractions 0..1 of the plot: frequency left to
 * right on a log axis, level bottom to top on a linear dB axis.
 *
 * The frequency axis runs from the lower edge of the lowest band to the upper edge of the highest
 * (bands.ts: 18.8 Hz .. 21.1 kHz), so the 61 bands, each 1/6 octave wide, tile it exactly and every
 * band gets the same width. Band i of `MeterFrame.spectrumDb` is the band at SPECTRUM_CENTRES_HZ[i].
 */
import { bandEdges, SPECTRUM_CENTRES_HZ, SPECTRUM_NOMINAL_HZ } from '../../../bridge/engine/meters/spectrum/bands.js';

/** Level scale, dB (band power, as the frames carry it): top and bottom of the plot. */
export const SPECTRUM_TOP_DB = 0;
export const SPECTRUM_BOTTOM_DB = -90;
/** Grid lines, dB, top to bottom: every 10 dB. */
export const SPECTRUM_DB_TICKS: readonly number[] = [0, -10, -20, -30, -40, -50, -60, -70, -80, -90];

/** Peak-hold ballistics of the bands: slower than the level meters' (1.5 s, 20 dB/s). */
export const SPECTRUM_HOLD_MS = 2000;
export const SPECTRUM_FALL_DB_PER_S = 6;

export const BAND_COUNT = SPECTRUM_CENTRES_HZ.length;

const lowest = bandEdges(SPECTRUM_CENTRES_HZ[0] ?? 20)[0];
const highest = bandEdges(SPECTRUM_CENTRES_HZ[BAND_COUNT - 1] ?? 20000)[1];
const LOG_LOW = Math.log(lowest);
const LOG_SPAN = Math.log(highest) - LOG_LOW;

/** Where a frequency (Hz) sits on the axis, 0..1 (not clamped: outside the bands reads < 0 or > 1). */
export const frequencyPosition = (hz: number): number => (Math.log(hz) - LOG_LOW) / LOG_SPAN;

/** Left and right edge of band `i` on the axis, 0..1; adjacent bands share an edge. */
export function bandSpan(i: number): readonly [number, number] {
  const [lo, hi] = bandEdges(SPECTRUM_CENTRES_HZ[i] ?? Number.NaN);
  return [frequencyPosition(lo), frequencyPosition(hi)];
}

/** Centre of band `i` on the axis, 0..1 (midway between its edges: the axis is logarithmic). */
export const bandCentre = (i: number): number => frequencyPosition(SPECTRUM_CENTRES_HZ[i] ?? Number.NaN);

/** Height of a band level in the plot, 0 (bottom, and NaN) .. 1 (top), clamped. */
export function levelPosition(db: number): number {
  if (Number.isNaN(db)) return 0;
  return Math.min(1, Math.max(0, (db - SPECTRUM_BOTTOM_DB) / (SPECTRUM_TOP_DB - SPECTRUM_BOTTOM_DB)));
}

/** The level a height in the plot stands for (the inverse of levelPosition inside the scale). */
export const levelAt = (position: number): number => SPECTRUM_BOTTOM_DB + position * (SPECTRUM_TOP_DB - SPECTRUM_BOTTOM_DB);

/** A frequency label: `31`, `125`, `1k`, `16k` (nominal values, decimals dropped below 1 kHz). */
export const formatHz = (hz: number): string => (hz >= 1000 ? `${Math.round(hz / 100) / 10}k` : String(Math.floor(hz)));

/** The labelled frequencies: the ISO octave centres 31.5 Hz .. 16 kHz, as bands of the spectrum. */
export interface FrequencyLabel {
  readonly band: number;
  readonly text: string;
}
const OCTAVES_HZ = [31.5, 63, 125, 250, 500, 1000, 2000, 4000, 8000, 16000] as const;
export const FREQUENCY_LABELS: readonly FrequencyLabel[] = OCTAVES_HZ.map((hz) => ({
  band: SPECTRUM_NOMINAL_HZ.indexOf(hz),
  text: formatHz(hz),
})).filter((l) => l.band >= 0);
