import { assertNever } from '../../core/assert-never.js';

/**
 * Web Audio's BiquadFilterNode in plain TypeScript, as the W3C Web Audio API specifies it
 * (§BiquadFilterNode, "Filters characteristics": the Audio EQ Cookbook with the spec's own reading
 * of Q and gain per type) and as node-web-audio-api 1.0.9 renders it (web-audio-api-rs,
 * src/node/biquad_filter.rs), so that a render through these equals the native node:
 *   - the AudioParam values are float32 (the caller passes them as they would sit in the param);
 *     the computed frequency is clamped to [0, Nyquist] like the frequency AudioParam;
 *   - coefficients in double precision from those float32 values, normalised by a0;
 *   - direct form I, state and arithmetic in double precision, output rounded to float32.
 * Measured against the native node on programme material: identical to the last bit for every type
 * the chain uses (test/engine/offline-equality.test.ts).
 */

export type SpecBiquadType = 'lowpass' | 'highpass' | 'bandpass' | 'peaking' | 'lowshelf' | 'highshelf';

/** Normalised coefficients (a0 = 1) of y[n] = b0·x[n] + b1·x[n−1] + b2·x[n−2] − a1·y[n−1] − a2·y[n−2]. */
export interface SpecCoefs {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
}

/**
 * The spec's coefficients for `type` at `frequency` Hz, `gain` dB and `q`, every one float32 as an
 * AudioParam holds it (detune is 0 in the chain). Q is in dB for lowpass and highpass (the spec's
 * α_QdB = sin ω0 / (2·10^(Q/20))), linear for bandpass and peaking, unused by the shelves (S = 1).
 */
export function specCoefs(type: SpecBiquadType, sampleRate: number, frequency: number, gain: number, q: number): SpecCoefs {
  const f0 = Math.min(Math.fround(sampleRate / 2), Math.max(0, Math.fround(frequency)));
  const g = Math.fround(gain);
  const qq = Math.fround(q);
  const w0 = (2 * Math.PI * f0) / sampleRate;
  const cosW0 = Math.cos(w0);
  const sinW0 = Math.sin(w0);
  let b0: number;
  let b1: number;
  let b2: number;
  let a0: number;
  let a1: number;
  let a2: number;
  switch (type) {
    case 'lowpass':
    case 'highpass': {
      const alphaQdB = sinW0 / (2 * 10 ** (qq / 20));
      if (type === 'lowpass') {
        b0 = (1 - cosW0) / 2;
        b1 = 1 - cosW0;
        b2 = (1 - cosW0) / 2;
      } else {
        b0 = (1 + cosW0) / 2;
        b1 = -1 * (1 + cosW0);
        b2 = (1 + cosW0) / 2;
      }
      a0 = 1 + alphaQdB;
      a1 = -2 * cosW0;
      a2 = 1 - alphaQdB;
      break;
    }
    case 'bandpass': {
      const alphaQ = sinW0 / (2 * qq);
      b0 = alphaQ;
      b1 = 0;
      b2 = -1 * alphaQ;
      a0 = 1 + alphaQ;
      a1 = -2 * cosW0;
      a2 = 1 - alphaQ;
      break;
    }
    case 'peaking': {
      const A = 10 ** (g / 40);
      const alphaQ = sinW0 / (2 * qq);
      b0 = 1 + alphaQ * A;
      b1 = -2 * cosW0;
      b2 = 1 - alphaQ * A;
      a0 = 1 + alphaQ / A;
      a1 = -2 * cosW0;
      a2 = 1 - alphaQ / A;
      break;
    }
    case 'lowshelf':
    case 'highshelf': {
      const A = 10 ** (g / 40);
      const alphaS = (sinW0 / 2) * Math.SQRT2; // S = 1: sqrt((A + 1/A)(1/S − 1) + 2) = √2
      const twoSqrtAAlpha = 2 * alphaS * Math.sqrt(A);
      const ap = A + 1;
      const am = A - 1;
      if (type === 'lowshelf') {
        b0 = A * (ap - am * cosW0 + twoSqrtAAlpha);
        b1 = 2 * A * (am - ap * cosW0);
        b2 = A * (ap - am * cosW0 - twoSqrtAAlpha);
        a0 = ap + am * cosW0 + twoSqrtAAlpha;
        a1 = -2 * (am + ap * cosW0);
        a2 = ap + am * cosW0 - twoSqrtAAlpha;
      } else {
        b0 = A * (ap + am * cosW0 + twoSqrtAAlpha);
        b1 = -2 * A * (am + ap * cosW0);
        b2 = A * (ap + am * cosW0 - twoSqrtAAlpha);
        a0 = ap - am * cosW0 + twoSqrtAAlpha;
        a1 = 2 * (am - ap * cosW0);
        a2 = ap - am * cosW0 - twoSqrtAAlpha;
      }
      break;
    }
    default:
      return assertNever(type, 'biquad type');
  }
  return { b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: a1 / a0, a2: a2 / a0 };
}

/** One channel of a BiquadFilterNode with constant parameters: direct form I in double precision. */
export class SpecBiquad {
  private x1 = 0;
  private x2 = 0;
  private y1 = 0;
  private y2 = 0;

  constructor(private readonly c: SpecCoefs) {}

  /** Filters frames [0, n) of `input` into `output` (float32, as the node's output); may be in place. */
  process(input: Float32Array, output: Float32Array, n: number): void {
    const { b0, b1, b2, a1, a2 } = this.c;
    let { x1, x2, y1, y2 } = this;
    for (let i = 0; i < n; i++) {
      const x = input[i] as number;
      const y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      output[i] = y;
    }
    this.x1 = x1;
    this.x2 = x2;
    this.y1 = y1;
    this.y2 = y2;
  }
}
