import type { Step } from '../mapping/spec.js';
import { quantise, type ParamDescriptor } from '../param/descriptor.js';
import { assertNever } from '../assert-never.js';

/** Octave steps are counted from this frequency (Hz): 1/3-octave gives …, 800, 1000, 1260, … */
export const OCTAVE_REFERENCE_HZ = 1000;

/**
 * A plain step size that nests in the parameter's own grid: a multiple (at least one) of the
 * descriptor's step, so quantising to the parameter's grid afterwards never moves the value again.
 */
export function plainStepSize(size: number, d: ParamDescriptor): number {
  if (!(d.step > 0)) return size;
  return Math.max(1, Math.round(size / d.step)) * d.step;
}

/** Snaps to min + n·size (nearest n). */
const snapPlain = (v: number, size: number, d: ParamDescriptor): number => d.min + Math.round((v - d.min) / size) * size;

/** Snaps to 1000·2^(n/fraction) Hz, nearest in log space (so 1100 → 1000, 1200 → 1259.92). */
const snapOctave = (v: number, fraction: number): number =>
  OCTAVE_REFERENCE_HZ * 2 ** (Math.round(fraction * Math.log2(v / OCTAVE_REFERENCE_HZ)) / fraction);

/**
 * Quantises a plain value: clamp to the parameter's reachable range, snap to the glue's grid,
 * clamp again, then the parameter's own quantise (descriptor step, range). The reachable range is
 * min..max as the parameter's own quantise leaves them (a max off the parameter's grid may round
 * down to it). The result is finite and within min..max (NaN becomes the parameter's default) and
 * idempotent: applyStep(applyStep(v)) = applyStep(v) (for octave steps on a parameter with its own
 * step, as long as that step is finer than an octave cell). The ends stay reachable off the grid
 * (1/3 octave on 20..20000 Hz: 19.69 Hz clamps to 20). A grid that cannot apply (size or fraction
 * not > 0, octave steps on a parameter whose range is not all positive) leaves only the
 * parameter's quantise.
 */
export function applyStep(s: Step, value: number, d: ParamDescriptor): number {
  const [lo, hi] = reachable(d);
  const clamp = (x: number): number => Math.min(hi, Math.max(lo, x));
  const v = clamp([value, d.default, d.min].find((x) => !Number.isNaN(x)) ?? 0);
  // Values within 1e-9 of the span from an end are that end, so that rounding noise near an end
  // cannot snap one way the first time and the other way the second.
  const eps = 1e-9 * (hi - lo);
  const sticky = v >= hi - eps ? hi : v <= lo + eps ? lo : v;
  return quantise(d, clamp(snap(s, sticky, d)));
}

/** The parameter's ends as its own quantise leaves them. */
const reachable = (d: ParamDescriptor): [number, number] => {
  const lo = quantise(d, d.min);
  return [lo, Math.max(lo, quantise(d, d.max))];
};

function snap(s: Step, v: number, d: ParamDescriptor): number {
  switch (s.kind) {
    case 'none':
      return v;
    case 'plain': {
      const size = plainStepSize(s.size, d);
      return Number.isFinite(size) && size > 0 ? snapPlain(v, size, d) : v;
    }
    case 'octave':
      return Number.isFinite(s.fraction) && s.fraction > 0 && d.min > 0 ? snapOctave(v, s.fraction) : v;
    default:
      return assertNever(s, 'step');
  }
}
