import type { BiquadCoefs } from '../../dsp/biquad.js';

/**
 * The K-weighting filter of ITU-R BS.1770-4 (§2.1, Tables 1 and 2): a high shelf (+4 dB above
 * ~1.7 kHz, the head's acoustic effect) then the RLB high-pass (~38 Hz). The standard gives the
 * coefficients at 48 kHz only; for any rate they are derived from the analogue prototypes as
 * libebur128 does (shelf 1681.974 Hz, +3.99984 dB, Q 0.70718; high-pass 38.135 Hz, Q 0.50033).
 * At 48 kHz this reproduces the standard's table to 1e-8 (test/engine/kweight.test.ts).
 */
export function kWeighting(rate: number): readonly [BiquadCoefs, BiquadCoefs] {
  const f0 = 1681.974450955533;
  const gainDb = 3.999843853973347;
  const q = 0.7071752369554196;
  const k = Math.tan((Math.PI * f0) / rate);
  const vh = 10 ** (gainDb / 20);
  const vb = vh ** 0.4996667741545416;
  const a0 = 1 + k / q + k * k;
  const shelf: BiquadCoefs = {
    b0: (vh + (vb * k) / q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / q + k * k) / a0,
  };
  const f1 = 38.13547087602444;
  const q1 = 0.5003270373238773;
  const k1 = Math.tan((Math.PI * f1) / rate);
  const d = 1 + k1 / q1 + k1 * k1;
  const rlb: BiquadCoefs = { b0: 1, b1: -2, b2: 1, a1: (2 * (k1 * k1 - 1)) / d, a2: (1 - k1 / q1 + k1 * k1) / d };
  return [shelf, rlb];
}

/**
 * Channel weights G_i of BS.1770-4 Table 3 in the order L, R, C, Ls, Rs (LFE is not measured):
 * 1.0 for the front channels, 1.41 (+1.5 dB) for the surrounds.
 */
export const CHANNEL_WEIGHTS: readonly number[] = [1, 1, 1, 1.41, 1.41];

/** Loudness of a weighted mean square, LUFS (BS.1770-4 eq. 2): −0.691 + 10·log10(z). */
export const lufs = (weightedMeanSquare: number): number => (weightedMeanSquare > 0 ? -0.691 + 10 * Math.log10(weightedMeanSquare) : -Infinity);
