import { resolve } from 'node:path';
import type { Glue } from '../core/glue/glue.js';
import type { MappingSpec } from '../core/routing/table.js';
import { clampUnit } from '../core/unit.js';
import { deepFreeze } from './freeze.js';
import { readChecked } from './json-file.js';
import type { Problem } from './problems.js';
import { MappingSetSchema, type MappingEntry, type MappingSet } from './mapping-set-schema.js';

export interface LoadedMappingSet {
  /** Absolute path of the file it came from. */
  readonly file: string;
  /** The set as written (ids may be absent). */
  readonly set: MappingSet;
  /** The set compiled for the core, every id filled in. */
  readonly mappings: readonly MappingSpec[];
}

/** A mapping's id: its own, or `<control>:<target>` (stable when entries are reordered). */
export const mappingId = (m: MappingEntry): string => m.id ?? `${m.control}:${m.target}`;

/**
 * The file's glue → core Glue. Ranges are already within 0..1 (the schema checked them), so
 * clampUnit only brands them.
 */
export function compileGlue(g: MappingEntry['glue']): Glue {
  return Object.freeze({
    source: Object.freeze({ min: clampUnit(g.source.min), max: clampUnit(g.source.max) }),
    target: Object.freeze({ min: clampUnit(g.target.min), max: clampUnit(g.target.max) }),
    outOfRange: g.outOfRange,
    reverse: g.reverse,
    taper: g.taper,
    step: g.step,
  });
}

export const compileMapping = (m: MappingEntry): MappingSpec =>
  Object.freeze({ id: mappingId(m), control: m.control, target: m.target, glue: compileGlue(m.glue), feedback: m.feedback });

export const compileMappingSet = (s: MappingSet): readonly MappingSpec[] => Object.freeze(s.mappings.map(compileMapping));

/** Checks a set beyond its schema: mapping ids (given or generated) are unique. */
export function mappingSetProblems(s: MappingSet, file: string): Problem[] {
  const seen = new Map<string, number>();
  const problems: Problem[] = [];
  s.mappings.forEach((m, i) => {
    const id = mappingId(m);
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, i);
      return;
    }
    const hint = m.id === undefined ? ' (generated from control and target: give one an explicit id)' : '';
    problems.push({ file, path: `/mappings/${i}${m.id === undefined ? '' : '/id'}`, message: `duplicate mapping id ${JSON.stringify(id)}, also /mappings/${first}${hint}` });
  });
  return problems;
}

/** Loads and compiles one mapping set file; never throws. `set` is absent when there are problems. */
export async function loadMappingSet(path: string): Promise<{ readonly set?: LoadedMappingSet; readonly problems: readonly Problem[] }> {
  const file = resolve(path);
  const checked = await readChecked(MappingSetSchema, file);
  if (!checked.ok) return { problems: checked.problems };
  const set = deepFreeze(checked.value);
  const problems = mappingSetProblems(set, file);
  if (problems.length > 0) return { problems };
  return { set: Object.freeze({ file, set, mappings: compileMappingSet(set) }), problems };
}
