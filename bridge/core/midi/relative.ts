import { assertNever } from '../assert-never.js';
import type { RelativeEncoding } from './spec.js';

/**
 * Signed encoder steps (+ clockwise) in a 7-bit value, per encoding (DESIGN.md, relative table):
 * - two's complement: 1..63 up, 127..64 down (127 = −1);
 * - binary offset 64: 64 ± n;
 * - sign-magnitude, bit 6 negative (Mackie V-Pot, `0 s nnnnnn`): 1 = +1, 65 = −1;
 * - sign-magnitude inverted (HUI): 65 = +1, 1 = −1;
 * - offset 16: 16 ± n (Arturia relative #3);
 * - table: the listed values only; others are 0.
 * 0 steps means "no movement" and is dropped by the caller.
 */
export function relativeSteps(e: RelativeEncoding, value: number): number {
  const v = value & 0x7f;
  switch (e.kind) {
    case 'twos-complement':
      return v < 64 ? v : v - 128;
    case 'binary-offset':
      return v - 64;
    case 'sign-magnitude':
      return v & 0x40 ? 0 - (v & 0x3f) : v & 0x3f;
    case 'sign-magnitude-inverted':
      return v & 0x40 ? v & 0x3f : 0 - (v & 0x3f);
    case 'offset-16':
      return v - 16;
    case 'table':
      return e.steps.get(v) ?? 0;
    default:
      return assertNever(e, 'relative encoding');
  }
}

/** The 7-bit value that encodes `steps` (clamped to what the encoding can carry): for tests and MIDI out. */
export function encodeRelative(e: RelativeEncoding, steps: number): number {
  const s = Math.round(steps);
  switch (e.kind) {
    case 'twos-complement':
      return Math.max(-64, Math.min(63, s)) & 0x7f;
    case 'binary-offset':
      return Math.max(0, Math.min(127, 64 + s));
    case 'sign-magnitude':
      return s < 0 ? 0x40 | Math.min(63, -s) : Math.min(63, s);
    case 'sign-magnitude-inverted':
      return s > 0 ? 0x40 | Math.min(63, s) : Math.min(63, -s);
    case 'offset-16':
      return Math.max(0, Math.min(127, 16 + s));
    case 'table':
      for (const [v, n] of e.steps) if (n === s) return v;
      return 0;
    default:
      return assertNever(e, 'relative encoding');
  }
}
