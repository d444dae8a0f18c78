import type { Calibration, FilterSpec } from '../channel.js';
import { assumedNoise, defaultFilter, noiseRules } from './defaults.js';

/**
 * Calibration of a serial channel, and the pure measurements behind `detent calibrate`.
 * All readings are raw ADC counts; fractions and rotations are 0..1. The method, per channel:
 * 1. knob at rest for a few seconds → measureNoise (sd, peak-to-peak);
 * 2. knob turned end to end a few times → rangeOf(readings, ⌈2·sd⌉) → min, max (the command
 *    asks which end is which to set min > max for a part wired backwards);
 * 3. knob at its centre detent → rawFraction(mean reading, min, max) → taperFromMidpoint;
 * 4. suggestFilter(noise, bits) → the filter settings stored with the calibration.
 */

/** Raw counts → fraction of travel: (raw − min)/(max − min), clamped to 0..1; min > max reverses. */
export function rawFraction(raw: number, min: number, max: number): number {
  const span = max - min;
  if (span === 0 || !Number.isFinite(raw)) return 0;
  return Math.min(1, Math.max(0, (raw - min) / span));
}

/**
 * Raw fraction → rotation through a taper table (`taper[i]` = raw fraction measured at rotation
 * i/(n−1), first 0, last 1, increasing): the piecewise-linear inverse, found by bisection.
 */
export function invertTaper(fraction: number, taper: readonly number[]): number {
  const n = taper.length;
  if (n < 2) return fraction;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((taper[mid] as number) <= fraction) lo = mid;
    else hi = mid;
  }
  const a = taper[lo] as number;
  const b = taper[hi] as number;
  const within = b > a ? Math.min(1, Math.max(0, (fraction - a) / (b - a))) : 0;
  return (lo + within) / (n - 1);
}

/** Raw counts → rotation 0..1: min/max, then the taper's inverse when there is one. */
export function applyCalibration(raw: number, cal: Calibration): number {
  const f = rawFraction(raw, cal.min, cal.max);
  return cal.taper === null ? f : invertTaper(f, cal.taper);
}

/** Noise of a resting channel, in raw counts. */
export interface NoiseMeasure {
  readonly mean: number;
  /** Sample standard deviation (n − 1). */
  readonly sd: number;
  readonly peakToPeak: number;
}

/** Mean, standard deviation and peak-to-peak of readings taken with the knob at rest; null for fewer than 2. */
export function measureNoise(samples: readonly number[]): NoiseMeasure | null {
  if (samples.length < 2) return null;
  let sum = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of samples) {
    sum += x;
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  }
  const mean = sum / samples.length;
  let sq = 0;
  for (const x of samples) sq += (x - mean) ** 2;
  return { mean, sd: Math.sqrt(sq / (samples.length - 1)), peakToPeak: hi - lo };
}

/**
 * The travel seen while the user turns the knob end to end: lowest and highest reading, each moved
 * inward by `inset` counts so the ends stay reachable through noise (the calibration session passes about 3·sd from
 * measureNoise). Null when there are no readings or the inset would leave no travel. The
 * direction (min > max for a part wired backwards) is the caller's to decide.
 */
export function rangeOf(samples: readonly number[], inset = 0): { readonly min: number; readonly max: number } | null {
  if (samples.length === 0) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of samples) {
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  }
  return hi - lo > 2 * inset ? { min: lo + inset, max: hi - inset } : null;
}

/**
 * A taper table from one reading: the raw fraction `m` with the knob at its centre detent
 * (12 o'clock, rotation ½). A linear pot reads about 0.5; an audio (A, log) taper about 0.1–0.2;
 * a reverse-log (C) taper about 0.8–0.9. Model: the usual exponential law of a log pot,
 * f(x) = (b^x − 1)/(b − 1), which is 0 at x = 0 and 1 at x = 1; f(½) = 1/(√b + 1) = m gives
 * b = (1/m − 1)². The table is f at `points` evenly spaced rotations. Returns null (linear) for
 * m within 0.4..0.6, where a taper would correct less than the pot's own tolerance.
 * Throws RangeError for m outside (0, 1) (the knob was not on its travel) or points outside 3..101.
 */
export function taperFromMidpoint(m: number, points = 11): number[] | null {
  if (!(m > 0 && m < 1)) throw new RangeError(`centre reading must be a fraction strictly within 0..1, got ${m}`);
  if (!(Number.isInteger(points) && points >= 3 && points <= 101)) throw new RangeError(`taper points must be an integer in 3..101, got ${points}`);
  if (m >= 0.4 && m <= 0.6) return null;
  const b = (1 / m - 1) ** 2;
  return Array.from({ length: points }, (_, i) => {
    if (i === 0) return 0;
    if (i === points - 1) return 1;
    return (b ** (i / (points - 1)) - 1) / (b - 1);
  });
}

/**
 * Filter settings for a channel whose resting noise was measured (raw counts): the defaults for
 * its bits (defaults.ts) with sleep and hysteresis from noiseRules (see there for the method), and
 * minCutoff scaled by (assumed sd / measured sd)², within 0.25..4 Hz: the 1€ output's resting
 * jitter grows as sd·√minCutoff, so this keeps it where the defaults put it for the noise they
 * assume (1.5 LSB at 10 and 12 bits). Digital sources (7 bits or fewer) keep their pass-through
 * cut-off, and keep the pass-through altogether when they did not flicker at all. A measured sd
 * of 0 on an analog channel counts as 0.05 (a reading that never moved in the sample).
 */
export function suggestFilter(noise: { readonly sd: number; readonly peakToPeak: number }, bits: number): FilterSpec {
  const base = defaultFilter(bits);
  const assumed = assumedNoise(bits);
  if (assumed === 0 && noise.peakToPeak === 0) return base; // a digital source that never flickered: keep it pass-through
  const sd = Math.max(noise.sd, 0.05);
  const minCutoff = assumed > 0 ? Math.min(4, Math.max(0.25, base.minCutoff * (assumed / sd) ** 2)) : base.minCutoff;
  return { ...base, ...noiseRules(sd, noise.peakToPeak, base.resolution / 2 ** bits), minCutoff };
}
