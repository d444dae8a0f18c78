import { ALWAYS, type Condition } from '../core/mapping/spec.js';
import type { ConditionFile, MappingEntry } from './mapping-set-schema.js';

/** Mapping conditions as written → core Condition, and the ids generated from them. */

/** A modifier as written (`"button/shift"` = held) → `{ control, held }`. */
const modifier = (m: ConditionFile['modifiers'][number]) => (typeof m === 'string' ? { control: m, held: true } : m);

export function compileCondition(w: ConditionFile | undefined): Condition {
  if (w === undefined) return ALWAYS;
  return Object.freeze({
    modifiers: Object.freeze(w.modifiers.map((m) => Object.freeze({ ...modifier(m) }))),
    page: w.page ?? null,
  });
}

/**
 * A mapping's id: its own, or `<control>:<target>` followed by `@<page>` and `+<modifier>` (held)
 * or `-<modifier>` (not held) for its conditions, so a shift layer or a page of the same control
 * and target gets an id of its own. Stable when entries are reordered.
 */
export function mappingId(m: MappingEntry): string {
  if (m.id !== undefined) return m.id;
  const w = compileCondition(m.when);
  const page = w.page === null ? '' : `@${w.page}`;
  return `${m.control}:${m.target}${page}${w.modifiers.map((x) => `${x.held ? '+' : '-'}${x.control}`).join('')}`;
}
