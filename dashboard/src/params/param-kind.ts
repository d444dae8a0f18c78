/**
 * Which control a parameter gets, and the words it shows; pure (no DOM), so tests run without a
 * browser. A `choice` parameter (an EQ band's stereo/mid/side mode) is a list of its choice names,
 * an `on/off` one a switch, every other unit a slider with a number box.
 */
import type { ParamDescriptor } from '../../../bridge/core/param/descriptor.js';
import { formatValue } from '../format.js';

export type ControlKind = 'slider' | 'choice' | 'toggle';

/** The control for a descriptor; a `choice` without names falls back to a slider (still usable). */
export function controlKind(d: ParamDescriptor): ControlKind {
  if (d.unit === 'choice' && d.choices !== undefined && d.choices.length > 0) return 'choice';
  if (d.unit === 'on/off') return 'toggle';
  return 'slider';
}

/** A choice parameter's options: its names and the plain values min, min + 1, ... that they stand for. */
export function choiceOptions(d: ParamDescriptor): { readonly value: number; readonly label: string }[] {
  return (d.choices ?? []).map((label, i) => ({ value: d.min + i, label }));
}

/** `module.bypass`: on (1) means the module is bypassed (engine/chain/nodes.ts `crossfade`). */
export const isBypass = (d: ParamDescriptor): boolean => d.unit === 'on/off' && d.id.endsWith('.bypass');

/** Whether an on/off value is on; the engine treats anything from 0.5 up as on. */
export const isOn = (value: number): boolean => value >= 0.5;

/** The value a toggle sends when pressed: the other end of the range from `value`. */
export const toggled = (d: ParamDescriptor, value: number): number => (isOn(value) ? d.min : d.max);

/**
 * A value as the engineer reads it: a choice's name (`mid`), a bypass as `Bypassed` / `Active`,
 * another switch as `on` / `off`, anything else in its unit (`+3.5 dB`).
 */
export function valueLabel(d: ParamDescriptor, value: number): string {
  switch (controlKind(d)) {
    case 'choice': {
      const name = d.choices?.[Math.round(value - d.min)];
      return name ?? formatValue(value, d.unit, d.step);
    }
    case 'toggle':
      if (isBypass(d)) return isOn(value) ? 'Bypassed' : 'Active';
      return isOn(value) ? 'on' : 'off';
    case 'slider':
      return formatValue(value, d.unit, d.step);
  }
}
