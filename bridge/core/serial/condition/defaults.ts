import type { FilterSpec } from '../channel.js';

/**
 * Default conditioning per ADC bit depth, tuned with bench/serial-conditioning.ts (simulated pots,
 * Gaussian noise, 100 reports/s) against three targets: a resting knob emits nothing for 60 s, a
 * full-scale step reaches 95 % within 15 ms, and a slow sweep shows (nearly) every output step.
 * 1€ settings act on the calibrated position 0..1, so minCutoff, beta and dCutoff do not depend
 * on the bit depth of an analog source; sleep (raw counts), hysteresis and resolution (output
 * steps) do. 7-bit sources are digital and pass through.
 */

/** 1€ settings shared by every depth (see the per-field reasons). */
const EURO = {
  /** Hz. The paper's starting point. Resting jitter is the sleep gate's job, so this only sets the
   *  smoothing of slow turns: at 1 Hz the output jitters by ~0.18 of the input's sd, which the
   *  hysteresis of 1 step absorbs; the tail it leaves after a fast move is cut by the gate's settle. */
  minCutoff: 1,
  /** Hz per (full range/s). A full-scale step at 100 reports/s: the derivative (from the last
   *  filtered value, as in the reference) reads 100 range/s, smoothed to 15.9, so the cut-off opens
   *  to 128 Hz: 88.9 % on the first report, 98.6 % on the second (10 ms). Higher reaches 95 % on
   *  the first report but lets more noise through during slow turns: a 60 s sweep of a 12-bit pot
   *  (0.7 steps per report) then skips steps (beta 16: 3,985 of 4,096 distinct; 8: ~4,050). */
  beta: 8,
  /** Hz. The derivative's own smoothing (α 0.16 per report at 100/s): fast enough for the step
   *  above, slow enough that 1.5 LSB of noise barely moves the cut-off (< 0.2 Hz at 10 bits). */
  dCutoff: 3,
} as const;

/** 7-bit (MIDI CC over serial, Hairless): a digital source, already quantised and de-jittered
 *  by its sender, that sends on change. Conditioning could only add lag or swallow steps, so it
 *  passes through. */
export const FILTER_7_BIT: FilterSpec = {
  /** minCutoff, beta and dCutoff all at the schema's maximum (1000) make the 1€ transparent: after
   *  any change, even 0.5 ms after the last message, the output is within 0.03 step of the input.
   *  That matters for a sender that goes quiet after its last change: a lagging output would stay
   *  short of it until the next message. */
  minCutoff: 1000,
  beta: 1000,
  dCutoff: 1000,
  /** Off: a genuine one-step move (0.8 % of the travel) must register, and there is no analog
   *  noise for a gate to hide. */
  sleep: 0,
  /** Steps: ½ is plain rounding, so every input step is an output step. */
  hysteresis: 0.5,
  /** As many steps as the input has: glue must know this is a coarse source. */
  resolution: 128,
};

/** 10-bit (deej, Firmata, a bare Uno analogRead): 1–3 LSB of noise at rest, 1.5 LSB typical. */
export const FILTER_10_BIT: FilterSpec = {
  ...EURO,
  /** Counts (noiseRules(1.5)): ⌈2.5 × 1.5⌉. 1.5 LSB of Gaussian noise stays asleep for hours
   *  (bench: 0 changes in 60 s; 5 seeded hours, 0), any noise bounded by ±2 LSB for ever. */
  sleep: 4,
  /** Steps (noiseRules(1.5)): 0.5 + 0.35 × 1.5 to a quarter; while awake the 1€ output keeps
   *  ~0.27 LSB of jitter, and a reversal needs more than 1 step of travel. */
  hysteresis: 1,
  /** One output step per ADC count. */
  resolution: 1024,
};

/** 12-bit (Detent HR: a 10-bit ADC oversampled 16× and shifted right by 2, so 1.5 LSB of 10-bit
 *  noise becomes √16 × 1.5 / 4 = 1.5 LSB of 12-bit noise). */
export const FILTER_12_BIT: FilterSpec = {
  ...EURO,
  /** Counts (noiseRules(1.5)): the 10-bit reasoning in 12-bit counts. */
  sleep: 4,
  /** Steps (noiseRules(1.5)). */
  hysteresis: 1,
  /** One output step per ADC count. */
  resolution: 4096,
};

/** 14-bit (MIDI pitch bend or a 14-bit CC pair over serial): usually a 10–12-bit ADC scaled up,
 *  taken as 6 LSB of 14-bit noise (1.5 LSB at 12 bits × 4). */
export const FILTER_14_BIT: FilterSpec = {
  ...EURO,
  /** Counts (noiseRules(6)): ⌈2.5 × 6⌉. */
  sleep: 15,
  /** Steps (noiseRules(6)): 0.5 + 0.35 × 6 = 2.6, to a quarter. */
  hysteresis: 2.5,
  /** One output step per count: the full 14-bit range. */
  resolution: 16384,
};

const TABLE = [
  { bits: 14, filter: FILTER_14_BIT, sd: 6 },
  { bits: 12, filter: FILTER_12_BIT, sd: 1.5 },
  { bits: 10, filter: FILTER_10_BIT, sd: 1.5 },
] as const;

/**
 * The resting noise (sd, raw counts) the defaults assume for `bits`: the table entry at or below
 * it, 2× per extra bit (the same analog noise in finer counts); 0 at 7 bits and below (digital).
 */
export function assumedNoise(bits: number): number {
  const e = TABLE.find((x) => bits >= x.bits);
  return e === undefined ? 0 : e.sd * 2 ** (bits - e.bits);
}

/**
 * The noise-dependent settings, for resting noise `sd` and `peakToPeak` (raw counts) and
 * `stepsPerCount` output steps per raw count:
 * - sleep (counts) = max(1, ⌈2.5·sd⌉, ⌈peakToPeak/4⌉): the gate compares a 5-reading average
 *   (sd/3) with an anchor averaged over up to 32 readings, so 2.5·sd keeps a resting knob asleep
 *   for hours (its excursions stay below ~1.9·sd); a single reading wakes it only past 2·sleep,
 *   so spiky noise of ±peakToPeak/2 needs sleep ≥ peakToPeak/4;
 * - hysteresis (steps) = max(½, 0.5 + 0.35·sd·stepsPerCount) to a quarter step: while awake the
 *   1€ output (1 Hz at 100 reports/s) keeps ~0.18·sd of jitter, and the output reverses only
 *   after 2h − 1 = 0.7·sd of travel, four of those standard deviations.
 */
export function noiseRules(sd: number, peakToPeak = 6 * sd, stepsPerCount = 1): { readonly sleep: number; readonly hysteresis: number } {
  const sleep = Math.max(1, Math.ceil(2.5 * sd), Math.ceil(peakToPeak / 4));
  const hysteresis = Math.max(0.5, Math.round(4 * (0.5 + 0.35 * sd * stepsPerCount)) / 4);
  return { sleep, hysteresis };
}

/**
 * The defaults for a channel of `bits` (1..16): the table entries above at 7, 10, 12 and 14 bits;
 * at 7 bits or fewer the 7-bit pass-through; otherwise the 1€ settings with noiseRules for the
 * assumed noise, and one output step per count.
 */
export function defaultFilter(bits: number): FilterSpec {
  const hit = TABLE.find((x) => x.bits === bits);
  if (hit !== undefined) return hit.filter;
  const resolution = 2 ** Math.max(1, Math.round(bits));
  if (bits <= 7) return bits === 7 ? FILTER_7_BIT : { ...FILTER_7_BIT, resolution };
  return { ...EURO, ...noiseRules(assumedNoise(bits)), resolution };
}
