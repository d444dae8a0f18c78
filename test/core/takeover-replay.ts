/**
 * Replays recorded event sequences (takeover-fixtures.ts) against takeover(). A step is either a
 * control event (`knob` at `t` ms, optional fine `gain`) or a parameter move from elsewhere
 * (`param`: a recall, the dashboard, another control). `want`: the position applied (null =
 * nothing applied); a step without `want` is not checked.
 */
import type { TakeoverMode } from '../../bridge/core/mapping/spec.js';
import { FRESH_TAKEOVER, takeover, type TakeoverState } from '../../bridge/core/takeover/takeover.js';
import { clampUnit } from '../../bridge/core/unit.js';

export type Step =
  | { readonly knob: number; readonly t: number; readonly gain?: number; readonly want?: number | null }
  | { readonly param: number };

export interface Sequence {
  readonly name: string;
  readonly mode: TakeoverMode;
  /** Where the parameter starts (position). */
  readonly param: number;
  /** TakeoverEvent.slack for every event. */
  readonly slack?: number;
  /** What the parameter reads back as after a position is applied (a quantising glue); default identity. */
  readonly readBack?: (x: number) => number;
  readonly steps: readonly Step[];
}

export interface Replayed {
  /** For each control event in order: what was applied (null = nothing). */
  readonly applied: readonly (number | null)[];
  /** For each control event in order: the wanted value, when the step has one. */
  readonly wanted: readonly (number | null | 'unchecked')[];
  readonly param: number;
  readonly state: TakeoverState;
}

export function replay(s: Sequence): Replayed {
  let param = s.param;
  let state = FRESH_TAKEOVER;
  const applied: (number | null)[] = [];
  const wanted: (number | null | 'unchecked')[] = [];
  for (const step of s.steps) {
    if ('param' in step) {
      param = step.param;
      continue;
    }
    const e = { knob: clampUnit(step.knob), param: clampUnit(param), t: step.t, gain: step.gain ?? 1, slack: s.slack };
    const r = takeover(s.mode, state, e);
    state = r.state;
    if (r.apply !== undefined) param = s.readBack ? s.readBack(r.apply) : r.apply;
    applied.push(r.apply ?? null);
    wanted.push(step.want === undefined ? 'unchecked' : step.want);
  }
  return { applied, wanted, param, state };
}

