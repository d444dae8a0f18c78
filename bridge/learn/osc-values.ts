import { assertNever } from '../core/assert-never.js';
import type { OscArg } from '../core/input.js';

/** The OSC arguments as numbers (T = 1, F = 0); strings and other types are left out. */
export function numericArgs(args: readonly OscArg[]): number[] {
  const out: number[] = [];
  for (const a of args) {
    switch (a.type) {
      case 'f':
      case 'd':
      case 'i':
        out.push(a.value);
        break;
      case 'T':
        out.push(1);
        break;
      case 'F':
        out.push(0);
        break;
      case 's':
      case 'other':
        break;
      default:
        assertNever(a, 'OSC argument');
    }
  }
  return out;
}
