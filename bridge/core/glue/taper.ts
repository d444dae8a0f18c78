import { clampUnit, type Unit } from '../unit.js';

/**
 * Taper: a monotonic curve from 0..1 onto 0..1 with fixed ends, shaping how a control feels.
 * - linear: unchanged;
 * - exponential: slow at the start, fast at the end, (e^(k·x) − 1)/(e^k − 1);
 * - log: the inverse, fast at the start, ln(1 + x(e^k − 1))/k (the feel of an audio-taper pot).
 * `curve` is k > 0; 4 spreads the bottom of a 0..1 control over about a decade.
 */
export type Taper = { readonly kind: 'linear' } | { readonly kind: 'log' | 'exponential'; readonly curve: number };

export const LINEAR: Taper = { kind: 'linear' };

export function applyTaper(t: Taper, x: Unit): Unit {
  switch (t.kind) {
    case 'linear':
      return x;
    case 'exponential':
      return clampUnit(Math.expm1(t.curve * x) / Math.expm1(t.curve));
    case 'log':
      return clampUnit(Math.log1p(x * Math.expm1(t.curve)) / t.curve);
  }
}

/** The inverse curve, for feedback: invertTaper(t, applyTaper(t, x)) ≈ x. */
export function invertTaper(t: Taper, y: Unit): Unit {
  switch (t.kind) {
    case 'linear':
      return y;
    case 'exponential':
      return applyTaper({ kind: 'log', curve: t.curve }, y);
    case 'log':
      return applyTaper({ kind: 'exponential', curve: t.curve }, y);
  }
}
