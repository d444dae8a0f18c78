import type { Unit } from './unit.js';

/**
 * A decoded control value, independent of the protocol it came in on.
 * - absolute: a position with the number of distinct steps the source resolves (128 for a 7-bit
 *   CC, 16384 for 14-bit, Infinity for an OSC float) so glue can tell coarse from fine input;
 * - relative: signed encoder steps (+ clockwise);
 * - button: press or release.
 */
export type ControlValue =
  | { readonly kind: 'absolute'; readonly value: Unit; readonly resolution: number }
  | { readonly kind: 'relative'; readonly steps: number }
  | { readonly kind: 'button'; readonly pressed: boolean };
