/**
 * Periodic ("pseudo-random") noise for the spectrum meter tests: every FFT bin of one period has
 * the same magnitude law (|X(f)| ∝ f^(slopeDbPerOctave / 6.02)) and a random phase, so its power
 * spectrum is exact rather than one draw of a random process: pink (−3 dB/octave) reads flat in
 * 1/6-octave bands, white (0 dB/octave) rises 3 dB an octave, without the spread of a short random
 * noise. Looped, it is stationary.
 */
import { fft } from './spectrum.js';

/** A seeded uniform generator in [0, 1) (mulberry32). */
export function seeded(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface NoiseSpec {
  /** Power slope, dB per octave: −3.01 pink, 0 white. */
  readonly slopeDbPerOctave: number;
  /** RMS of the result. */
  readonly rms: number;
  /** Band limits, Hz: the spectrum is zero outside [lowHz, highHz]. */
  readonly lowHz: number;
  readonly highHz: number;
  readonly rate: number;
  /** log2 of the period in samples. */
  readonly log2Length: number;
  readonly seed: number;
}

export function periodicNoise(s: NoiseSpec): Float32Array<ArrayBuffer> {
  const n = 2 ** s.log2Length;
  const random = seeded(s.seed);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const exponent = s.slopeDbPerOctave / (20 * Math.log10(2));
  for (let b = 1; b < n / 2; b++) {
    const f = (b * s.rate) / n;
    const phase = 2 * Math.PI * random();
    if (f < s.lowHz || f > s.highHz) continue;
    const a = f ** exponent;
    re[b] = a * Math.cos(phase);
    im[b] = a * Math.sin(phase);
    re[n - b] = re[b] ?? 0;
    im[n - b] = -(im[b] ?? 0);
  }
  // The forward transform of a Hermitian spectrum is real (a time-reversed period: same spectrum).
  fft(re, im);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (re[i] ?? 0) ** 2;
  const gain = s.rms / Math.sqrt(sum / n);
  return Float32Array.from(re, (v) => v * gain);
}
