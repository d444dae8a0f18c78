import { assertNever } from '../assert-never.js';
import type { ControlValue } from '../control.js';
import type { OscArg } from '../input.js';
import { maybeUnit } from '../unit.js';
import type { ControlDecode } from './table.js';

/** An argument as a finite number: f, d and i only (not T/F, strings or other types). */
export function numberOf(a: OscArg | undefined): number | undefined {
  if (a === undefined) return undefined;
  switch (a.type) {
    case 'f':
    case 'd':
    case 'i':
      return Number.isFinite(a.value) ? a.value : undefined;
    case 'T':
    case 'F':
    case 's':
    case 'other':
      return undefined;
    default:
      return assertNever(a, 'OSC argument');
  }
}

/** The first argument as a control value: a finite number, T as 1, F as 0; otherwise undefined. */
export function numericArg(args: readonly OscArg[]): number | undefined {
  const a = args[0];
  if (a?.type === 'T') return 1;
  if (a?.type === 'F') return 0;
  return numberOf(a);
}

/**
 * Decodes one OSC message for a control per its profile, or says what was wrong with it.
 * Absolute: a value within the profile's range (0..1 by default) scaled to 0..1; a float has
 * unlimited resolution, an int range has (max − min + 1) steps. Relative: a signed step count.
 * Button: > 0 (or T) pressed, 0 (or F) released.
 */
export function decodeOsc(decode: ControlDecode, args: readonly OscArg[]): ControlValue | string {
  const x = numericArg(args);
  if (x === undefined) return 'one finite number';
  switch (decode.kind) {
    case 'absolute': {
      const { min, max } = decode.range;
      const u = maybeUnit((x - min) / (max - min));
      if (u === undefined) return `a number within ${min}..${max}`;
      const resolution = args[0]?.type === 'i' ? Math.abs(max - min) + 1 : Number.POSITIVE_INFINITY;
      return { kind: 'absolute', value: u, resolution };
    }
    case 'relative':
      return { kind: 'relative', steps: x };
    case 'button':
      return { kind: 'button', pressed: x > 0 };
    case 'midi':
      // A MIDI binding is keyed by a MIDI input key, so it never meets an OSC message.
      return 'an OSC control, not a MIDI one';
    default:
      return assertNever(decode, 'control decode');
  }
}
