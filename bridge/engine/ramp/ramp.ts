import { assertNever } from '../../core/assert-never.js';
import { db, dbToGain, seconds, type Seconds } from '../../core/units.js';

/**
 * How a plain parameter value becomes an AudioParam ramp. Pure: no Web Audio here, so the maths
 * (and the continuity of retargeted ramps) is tested without rendering.
 *
 * Every parameter is smoothed in its perceptual unit (DESIGN.md, de-zippering): levels in dB and
 * frequencies and Q in octaves move along exponential ramps of the AudioParam (evenly spaced in
 * dB or log-frequency); a biquad gain, already in dB, and the width factor move linearly.
 */

/**
 * Level ramps (input, output gain, width): 30 ms, exponential (even in dB). Measured on a 7-bit
 * sweep (one message per 15 ms) of a 1 kHz tone: 20 ms ramps -77 dBc of spurious energy, 30 ms
 * -81 dBc, 50 ms -86 dBc, linear or exponential alike; a longer ramp only lags more. The corners
 * left at each retarget are rounded by the audio-rate stage of chain/smoothing.ts, which takes
 * the 30 ms ramps to -108 dBc; 30 ms plus its ~11 ms lag stays below what a hand on a knob notices.
 */
export const LEVEL_RAMP: Seconds = seconds(0.03);
/** EQ gain ramps (dB on the biquad): the same reasoning and length as levels. */
export const EQ_GAIN_RAMP: Seconds = seconds(0.03);
/**
 * Frequency and Q ramps: 40 ms. A sweep of a boosted band is heard as the band moving; a slightly
 * longer ramp keeps the coefficient changes (computed per block) small.
 */
export const FILTER_SHAPE_RAMP: Seconds = seconds(0.04);
/** Width ramps: the side gain is a level, so the level ramp length. */
export const WIDTH_RAMP: Seconds = LEVEL_RAMP;
/**
 * Crossfades (bypass, high-pass slope, EQ band mode changes go through the band gains instead):
 * 20 ms, linear, between two correlated paths: long enough that no click is heard (a 20 ms
 * fade's spectrum falls below -60 dB within ~150 Hz), short enough to feel instant on a button.
 */
export const FADE_RAMP: Seconds = seconds(0.02);
/**
 * Worklet controls (thresholds, ratios, times, ceiling, mix): the AudioParam ramps over the level
 * ramp's 30 ms, and the processor smooths per sample on top (dsp/dynamics.ts, 5 ms one-pole).
 */
export const CONTROL_RAMP: Seconds = LEVEL_RAMP;

/** What a chain parameter drives, which decides the conversion and the ramp. */
export type TargetKind =
  /** A GainNode gain from a plain value in dB. */
  | 'level-db'
  /** A biquad frequency, Hz. */
  | 'filter-hz'
  /** A peaking biquad's Q (linear Q, not dB). */
  | 'filter-q'
  /** A biquad gain, already in dB. */
  | 'filter-db'
  /** The side-signal gain of the width stage, from a plain value in % (100 % = unity). */
  | 'width-pct'
  /** A crossfade position 0..1 (1: the alternative path, e.g. bypassed). */
  | 'fade'
  /** A worklet control in its plain unit, moved linearly (dB thresholds, ceiling, mix %). */
  | 'control-linear'
  /** A worklet control in its plain unit (> 0), moved on a log scale (Hz, Q, ratio, ms). */
  | 'control-log';

export type RampShape = 'linear' | 'exponential';

export interface RampPlan {
  /** The AudioParam's target value, in the AudioParam's own unit. */
  readonly target: number;
  readonly shape: RampShape;
  readonly duration: Seconds;
}

/** The AudioParam value and the ramp for a plain parameter value. */
export function planRamp(kind: TargetKind, plain: number): RampPlan {
  switch (kind) {
    case 'level-db':
      // Always > 0 (the range is ±24 dB), as an exponential ramp needs.
      return { target: dbToGain(db(plain)), shape: 'exponential', duration: LEVEL_RAMP };
    case 'filter-hz':
      return { target: plain, shape: 'exponential', duration: FILTER_SHAPE_RAMP };
    case 'filter-q':
      return { target: plain, shape: 'exponential', duration: FILTER_SHAPE_RAMP };
    case 'filter-db':
      return { target: plain, shape: 'linear', duration: EQ_GAIN_RAMP };
    case 'width-pct':
      // Linear: the side gain reaches 0 at 0 % (mono), which an exponential ramp cannot.
      return { target: plain / 100, shape: 'linear', duration: WIDTH_RAMP };
    case 'fade':
      return { target: Math.min(1, Math.max(0, plain)), shape: 'linear', duration: FADE_RAMP };
    case 'control-linear':
      return { target: plain, shape: 'linear', duration: CONTROL_RAMP };
    case 'control-log':
      return { target: plain, shape: 'exponential', duration: CONTROL_RAMP };
    default:
      return assertNever(kind, 'target kind');
  }
}

/** One scheduled movement of an AudioParam: from `from` at t0 to `to` at t1 (context seconds). */
export interface Segment {
  readonly from: number;
  readonly to: number;
  readonly t0: number;
  readonly t1: number;
  readonly shape: RampShape;
}

export const holdSegment = (value: number, t: number): Segment => ({ from: value, to: value, t0: t, t1: t, shape: 'linear' });

/**
 * The value of a segment at time t, as the Web Audio spec computes the ramp: held before t0 and
 * after t1. Used to restart a ramp from exactly where the running one is, so a retarget is
 * continuous (this library's cancelAndHoldAtTime jumps towards the target: measured 1.0 → 0.52 in
 * one sample, so it is not used).
 */
export function valueAt(s: Segment, t: number): number {
  if (t <= s.t0) return s.from;
  if (t >= s.t1) return s.to;
  const x = (t - s.t0) / (s.t1 - s.t0);
  switch (s.shape) {
    case 'linear':
      return s.from + (s.to - s.from) * x;
    case 'exponential':
      return s.from * (s.to / s.from) ** x;
    default:
      return assertNever(s.shape, 'ramp shape');
  }
}
