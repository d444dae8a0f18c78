import type { Glue } from '../mapping/spec.js';
import type { ParamDescriptor } from '../param/descriptor.js';
import { clampUnit } from '../unit.js';
import { applyStep } from './step.js';
import { plainToPosition, positionToPlain, taperTarget } from './taper.js';

/** A detent with `relative.step` 0 moves this much of the taper's travel (1 % of the range). */
export const DEFAULT_POSITION_STEP = 0.01;
/** How many times a move on a stepped parameter may double to reach the next grid value. */
const MAX_DOUBLINGS = 64;

const finiteOr = (x: number, fallback: number): number => (Number.isFinite(x) ? x : fallback);

/** Acceleration's multiplier at a rotation speed: 1 + acceleration·(detents/s)/10, ≥ 1 (spec.ts). */
export function accelerationFactor(acceleration: number, detentsPerSecond: number): number {
  const a = Math.max(0, finiteOr(acceleration, 0));
  const v = Math.max(0, finiteOr(detentsPerSecond, 0));
  return 1 + (a * v) / 10;
}

/** Where a relative move is computed: plain units, or taper positions; `lo..hi` are its ends. */
interface Space {
  readonly cur: number;
  readonly lo: number;
  readonly hi: number;
  readonly toPlain: (w: number) => number;
  readonly fromPlain: (v: number) => number;
}

/** `current` NaN counts as the parameter's default, as in applyStep. */
function space(g: Glue, current: number, d: ParamDescriptor, plain: boolean): Space {
  const t = taperTarget(g.taper, g.target);
  const c = Number.isNaN(current) ? d.default : current;
  if (!plain) {
    const pos = (v: number): number => plainToPosition(g.taper, v, d);
    return { cur: pos(c), lo: Math.min(t.min, t.max), hi: Math.max(t.min, t.max), toPlain: (w) => positionToPlain(g.taper, clampUnit(w), d), fromPlain: pos };
  }
  const a = positionToPlain(g.taper, t.min, d);
  const b = positionToPlain(g.taper, t.max, d);
  const cur = Math.min(d.max, Math.max(d.min, c));
  return { cur, lo: Math.min(a, b), hi: Math.max(a, b), toPlain: (w) => w, fromPlain: (v) => v };
}

/**
 * Encoder move: the plain value `steps` detents (signed; `reverse` flips the sign) away from
 * `current`. Each detent moves `relative.step` plain units, or with step 0 DEFAULT_POSITION_STEP
 * of the taper's travel (so a log-frequency parameter moves by equal ratios), times `speed`, times
 * accelerationFactor(acceleration, detentsPerSecond), times `fine` (1, or 0.1 with the fine
 * modifier held). The curve does not apply. The ends are the target range's (a table: the whole
 * travel): a move stops at the end it passes; with `wrap`, a move outwards from the end (one that
 * cannot go further) jumps to the other end. Then applyStep. On a stepped parameter (glue step or
 * the parameter's own) a move too small to reach the next grid value grows until it does, so a
 * detent is never lost. Always finite and within min..max.
 */
export function glueRelative(g: Glue, steps: number, current: number, d: ParamDescriptor, detentsPerSecond: number, fine: number): number {
  const r = g.relative;
  const plain = Number.isFinite(r.step) && r.step > 0;
  const fineFactor = Number.isFinite(fine) && fine >= 0 ? fine : 1;
  const detents = finiteOr(steps, 0) * (g.reverse ? -1 : 1);
  const delta = detents * finiteOr(r.speed, 1) * accelerationFactor(r.acceleration, detentsPerSecond) * fineFactor * (plain ? r.step : DEFAULT_POSITION_STEP);
  if (!Number.isFinite(delta) || delta === 0) return applyStep(g.step, current, d);
  const s = space(g, current, d, plain);
  const stepped = g.step.kind !== 'none' || d.step > 0;
  const eps = 1e-9 * (s.hi - s.lo);
  const dir = Math.sign(delta);
  let out = applyStep(g.step, current, d);
  for (let i = 0, m = 1; i < MAX_DOUBLINGS; i++, m *= 2) {
    const t = s.cur + delta * m;
    const over = t > s.hi || t < s.lo;
    out = applyStep(g.step, s.toPlain(Math.min(s.hi, Math.max(s.lo, t))), d);
    if (dir * (s.fromPlain(out) - s.cur) > eps) return out;
    if (over) return r.wrap ? applyStep(g.step, s.toPlain(dir > 0 ? s.lo : s.hi), d) : out;
    if (!stepped) return out;
  }
  return out;
}
