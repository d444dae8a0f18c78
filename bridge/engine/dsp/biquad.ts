/**
 * A biquad in transposed direct form II, in double precision, and the RBJ Audio EQ Cookbook
 * designs the DSP modules need (Robert Bristow-Johnson, "Cookbook formulae for audio EQ biquad
 * filter coefficients"). Pure: no Web Audio.
 */

/** Normalised coefficients (a0 = 1). */
export interface BiquadCoefs {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
}

export class Biquad {
  private z1 = 0;
  private z2 = 0;
  constructor(public c: BiquadCoefs) {}

  /** Filters one sample. */
  step(x: number): number {
    const c = this.c;
    const y = c.b0 * x + this.z1;
    this.z1 = c.b1 * x - c.a1 * y + this.z2;
    this.z2 = c.b2 * x - c.a2 * y;
    return y;
  }

  reset(): void {
    this.z1 = 0;
    this.z2 = 0;
  }
}

const norm = (b0: number, b1: number, b2: number, a0: number, a1: number, a2: number): BiquadCoefs => ({
  b0: b0 / a0,
  b1: b1 / a0,
  b2: b2 / a0,
  a1: a1 / a0,
  a2: a2 / a0,
});

/** RBJ band-pass with 0 dB peak gain at `hz`, bandwidth set by `q`. */
/**
 * Smallest Q a design takes: Q 0 makes alpha infinite and the coefficients NaN, and a NaN in a
 * recursive filter's state never leaves (the chain would play NaN, read as silence, for good).
 * Far below any Q a parameter allows, so valid designs are unchanged to the bit.
 */
const MIN_Q = 0.01;

export function bandpass(hz: number, q: number, rate: number): BiquadCoefs {
  const w = (2 * Math.PI * Math.min(hz, rate * 0.49)) / rate;
  const alpha = Math.sin(w) / (2 * Math.max(q, MIN_Q));
  return norm(alpha, 0, -alpha, 1 + alpha, -2 * Math.cos(w), 1 - alpha);
}

/** RBJ high-pass at `hz` with quality `q` (0.7071: Butterworth). */
export function highpass(hz: number, q: number, rate: number): BiquadCoefs {
  const w = (2 * Math.PI * Math.min(hz, rate * 0.49)) / rate;
  const alpha = Math.sin(w) / (2 * Math.max(q, MIN_Q));
  const cw = Math.cos(w);
  return norm((1 + cw) / 2, -(1 + cw), (1 + cw) / 2, 1 + alpha, -2 * cw, 1 - alpha);
}

/** Magnitude response of a biquad at `hz`, linear. */
export function magnitude(c: BiquadCoefs, hz: number, rate: number): number {
  const w = (2 * Math.PI * hz) / rate;
  const [c1, s1, c2, s2] = [Math.cos(w), Math.sin(w), Math.cos(2 * w), Math.sin(2 * w)];
  const nr = c.b0 + c.b1 * c1 + c.b2 * c2;
  const ni = -(c.b1 * s1 + c.b2 * s2);
  const dr = 1 + c.a1 * c1 + c.a2 * c2;
  const di = -(c.a1 * s1 + c.a2 * s2);
  return Math.sqrt((nr * nr + ni * ni) / (dr * dr + di * di));
}
