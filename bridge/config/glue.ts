import type { ButtonAction, Curve, Glue, Step, Taper, TakeoverMode } from '../core/mapping/spec.js';
import { clampUnit } from '../core/unit.js';
import { DEFAULT_TAKEOVER_TOLERANCE } from './glue-action-schema.js';
import type { GlueFile } from './glue-schema.js';
import { DEFAULT_CURVE_K } from './glue-shape-schema.js';

/**
 * A file's glue (validated, defaults filled) → core Glue, each friendly form turned into the one
 * core form (`"log"` → `{ kind: 'log' }`, `0.5` → `{ kind: 'plain', size: 0.5 }`). Ranges are
 * already within 0..1 (the schema checked them), so clampUnit only brands them.
 */
export function compileGlue(g: GlueFile): Glue {
  return Object.freeze({
    source: Object.freeze({ min: clampUnit(g.source.min), max: clampUnit(g.source.max) }),
    target: Object.freeze({ min: clampUnit(g.target.min), max: clampUnit(g.target.max) }),
    outOfRange: g.outOfRange,
    reverse: g.reverse,
    curve: compileCurve(g.curve),
    taper: compileTaper(g.taper),
    step: compileStep(g.step),
    relative: Object.freeze({ ...g.relative }),
    button: compileButton(g.button),
    takeover: compileTakeover(g.takeover),
  });
}

export function compileCurve(c: GlueFile['curve']): Curve {
  if (typeof c === 'string') return Object.freeze(c === 'none' ? { kind: c } : { kind: c, k: DEFAULT_CURVE_K });
  return Object.freeze(c.kind === 'none' ? { kind: c.kind } : { kind: c.kind, k: c.k });
}

export function compileTaper(t: GlueFile['taper']): Taper {
  if (typeof t === 'string') return Object.freeze({ kind: t });
  if (t.kind !== 'table') return Object.freeze({ kind: t.kind });
  return Object.freeze({ kind: t.kind, points: Object.freeze(t.points.map(([at, value]) => Object.freeze({ at, value }))) });
}

export function compileStep(s: GlueFile['step']): Step {
  if (typeof s === 'number') return Object.freeze(s === 0 ? { kind: 'none' } : { kind: 'plain', size: s });
  if (typeof s === 'string') return Object.freeze({ kind: s });
  return Object.freeze({ ...s });
}

export function compileButton(b: GlueFile['button']): ButtonAction {
  return Object.freeze(typeof b === 'string' ? { kind: b } : { ...b });
}

export function compileTakeover(t: GlueFile['takeover']): TakeoverMode {
  if (typeof t !== 'string') return Object.freeze({ ...t });
  return Object.freeze(t === 'pickup-tolerant' || t === 'long-time-no-see' ? { kind: t, tolerance: DEFAULT_TAKEOVER_TOLERANCE } : { kind: t });
}
