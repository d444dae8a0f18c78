import { clampUnit, type Unit } from '../unit.js';

/** Stable parameter id, `module.param` or `module.band.param` (`eq.band2.gain`). */
export type ParamId = string;

/** The unit a parameter's plain value is in; shown to the engineer and used by the engine. */
export type ParamUnit = 'dB' | 'Hz' | 'ratio' | 'ms' | '%' | 'Q' | 'dB/oct' | 'x' | 'on/off' | 'choice';

/**
 * How the normalised position maps to the plain value:
 * - `linear`: evenly spaced plain values;
 * - `log`: evenly spaced ratios (frequencies, times), needs min > 0;
 * - `db`: a level in dB, evenly spaced in dB; the engine converts to a linear gain and ramps in dB.
 */
export type ParamScale = 'linear' | 'log' | 'db';

export interface ParamDescriptor {
  readonly id: ParamId;
  readonly name: string;
  /** The chain module the parameter belongs to (`input`, `eq`, `output`). */
  readonly module: string;
  readonly unit: ParamUnit;
  readonly min: number;
  readonly max: number;
  readonly default: number;
  readonly scale: ParamScale;
  /** Quantisation step in plain units; 0 means continuous. */
  readonly step: number;
  /**
   * For unit `choice`: the names of the values min, min + 1, ... max (step 1), e.g. an EQ band's
   * `['stereo', 'mid', 'side']`. Absent for every other unit.
   */
  readonly choices?: readonly string[];
}

/** Plain value → normalised position, clamped into [0, 1]. */
export function toNorm(d: ParamDescriptor, value: number): Unit {
  if (d.max === d.min) return clampUnit(0);
  if (d.scale === 'log') return clampUnit(Math.log(value / d.min) / Math.log(d.max / d.min));
  return clampUnit((value - d.min) / (d.max - d.min));
}

/** Normalised position → plain value, snapped to the step and kept inside min..max. */
export function fromNorm(d: ParamDescriptor, norm: Unit): number {
  const raw = d.scale === 'log' ? d.min * (d.max / d.min) ** norm : d.min + norm * (d.max - d.min);
  return quantise(d, raw);
}

/** Snaps a plain value to the descriptor's step (counted from min) and clamps to the range. */
export function quantise(d: ParamDescriptor, value: number): number {
  const snapped = d.step > 0 ? d.min + Math.round((value - d.min) / d.step) * d.step : value;
  // Rounding noise: 0.1 + 0.2 style residue would show as 0.30000000000000004 dB on a display.
  const tidy = d.step > 0 ? Number(snapped.toFixed(10)) : snapped;
  return Math.min(d.max, Math.max(d.min, tidy));
}

/** Checks a descriptor's internal consistency; returns the problems found (empty when sound). */
export function descriptorProblems(d: ParamDescriptor): string[] {
  const p: string[] = [];
  if (!(d.min < d.max)) p.push(`${d.id}: min ${d.min} must be below max ${d.max}`);
  if (d.default < d.min || d.default > d.max) p.push(`${d.id}: default ${d.default} outside ${d.min}..${d.max}`);
  if (d.scale === 'log' && d.min <= 0) p.push(`${d.id}: log scale needs min > 0, got ${d.min}`);
  if (d.step < 0) p.push(`${d.id}: step must be >= 0`);
  return p;
}
