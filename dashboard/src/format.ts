/** Formats parameter values in their unit for display; pure. */
import { assertNever } from '../../bridge/core/assert-never.js';
import type { ParamUnit } from '../../bridge/core/param/descriptor.js';

const MINUS = '\u2212';

/** Decimal places that show a step without noise: step 0.5 → 1, 0.01 → 2, continuous → `fallback`. */
export function decimalsFor(step: number, fallback: number): number {
  if (step <= 0) return fallback;
  const text = String(step);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : Math.min(4, text.length - dot - 1);
}

function fixed(v: number, decimals: number, signed = false): string {
  const s = Math.abs(v).toFixed(decimals);
  if (Number(s) === 0) return s;
  if (v < 0) return MINUS + s;
  return signed ? `+${s}` : s;
}

/** `+3.5 dB`, `1.20 kHz`, `4.0:1`, `120 ms`, `on`. */
export function formatValue(v: number, unit: ParamUnit, step: number): string {
  switch (unit) {
    case 'dB':
      return `${fixed(v, decimalsFor(step, 1), true)} dB`;
    case 'Hz':
      return v >= 1000 ? `${fixed(v / 1000, 2)} kHz` : `${fixed(v, v < 100 ? 1 : 0)} Hz`;
    case 'ratio':
      return `${fixed(v, 1)}:1`;
    case 'ms':
      return `${fixed(v, v < 10 ? 2 : v < 100 ? 1 : 0)} ms`;
    case '%':
      return `${fixed(v, decimalsFor(step, 0))} %`;
    case 'Q':
      return `Q ${fixed(v, 2)}`;
    case 'dB/oct':
      return `${fixed(v, 0)} dB/oct`;
    case 'x':
      return `${fixed(v, 2)}\u00d7`;
    case 'on/off':
      return v >= 0.5 ? 'on' : 'off';
    case 'choice':
      return fixed(v, 0);
    default:
      return assertNever(unit, 'parameter unit');
  }
}

/** A meter reading: `−12.3`, or `−∞` at the floor. */
export function formatDb(db: number, floor = -120): string {
  return db <= floor ? `${MINUS}\u221e` : fixed(db, 1);
}
