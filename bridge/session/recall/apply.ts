import type { ParamId } from '../../core/param/descriptor.js';
import type { ParamStore } from '../../core/param/store.js';
import type { ParamValues } from '../model/schema.js';

/** What a recall did to the store. Ids in chain order. */
export interface ApplyReport {
  /** Parameters set (every parameter of the chain). */
  readonly applied: number;
  /** Of those, the ones whose value moved. */
  readonly changed: number;
  /** Absent from the snapshot (a parameter newer than the snapshot): set to its default. */
  readonly defaulted: readonly ParamId[];
  /** In the snapshot but not in this chain (a parameter since removed): ignored. */
  readonly unknown: readonly ParamId[];
  /** Outside the parameter's current range (the range changed since): clamped into it. */
  readonly clamped: readonly ParamId[];
}

const RECALL = { kind: 'recall' } as const;

/**
 * Sets every parameter of the store from `values`, origin `recall`: the engine ramps each move
 * (Engine.apply contract: never a step) and every output that follows the store (OSC feedback,
 * motor faders, rings, the dashboard) is sent the recalled value, moved or not, so a controller
 * that was off or elsewhere relights. A recall is complete by construction: a parameter the
 * snapshot lacks takes its default, so recalling the same snapshot always gives the same chain.
 */
export function applyValues(store: ParamStore, values: ParamValues): ApplyReport {
  const defaulted: ParamId[] = [];
  const clamped: ParamId[] = [];
  let changed = 0;
  let applied = 0;
  for (const d of store.list()) {
    const given = values[d.id];
    if (given === undefined) defaulted.push(d.id);
    const wanted = given ?? d.default;
    const v = Math.min(d.max, Math.max(d.min, wanted));
    if (v !== wanted) clamped.push(d.id);
    const before = store.get(d.id);
    const r = store.set(d.id, v, RECALL);
    if (!r.ok) continue;
    applied++;
    if (r.value.value !== before) changed++;
  }
  const unknown = Object.keys(values).filter((id) => store.descriptor(id) === undefined);
  return { applied, changed, defaulted, unknown, clamped };
}

/** Every parameter's current value, as a snapshot stores it. */
export function currentValues(store: ParamStore): Record<ParamId, number> {
  return Object.fromEntries(store.snapshot());
}
