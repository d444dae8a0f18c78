import { resolve } from 'node:path';
import type { MappingSpec, ModeSpec } from '../core/mapping/spec.js';
import { compileCondition, mappingId } from './condition.js';
import { deepFreeze } from './freeze.js';
import { compileGlue } from './glue.js';
import { readChecked } from './json-file.js';
import { mappingSetProblems } from './mapping-set-check.js';
import type { Problem } from './problems.js';
import { MappingSetSchema, type MappingEntry, type MappingSet } from './mapping-set-schema.js';

export { compileCondition, mappingId };

export interface LoadedMappingSet {
  /** Absolute path of the file it came from. */
  readonly file: string;
  /** The set as written (ids may be absent). */
  readonly set: MappingSet;
  /** The set compiled for the core, every id filled in. */
  readonly mappings: readonly MappingSpec[];
  readonly modes: ModeSpec;
}

export const compileMapping = (m: MappingEntry): MappingSpec =>
  Object.freeze({ id: mappingId(m), control: m.control, target: m.target, glue: compileGlue(m.glue), feedback: m.feedback, when: compileCondition(m.when) });

/** The set's mappings in use (those with `enabled: false` are left out), compiled. */
export const compileMappings = (s: MappingSet): readonly MappingSpec[] => Object.freeze(s.mappings.filter((m) => m.enabled).map(compileMapping));

/** The set's modes → core ModeSpec: no fine modifier and no pages when the file has none. */
export function compileModes(s: MappingSet): ModeSpec {
  const { fine, pages, recall } = s.modes;
  return deepFreeze({
    fine: fine === undefined ? null : { control: fine.control, factor: fine.factor },
    pages: {
      names: [...(pages?.names ?? [])],
      next: pages?.next ?? null,
      previous: pages?.previous ?? null,
      select: (pages?.select ?? []).map((x) => ({ control: x.control, page: x.page })),
    },
    recall: recall.map((r) => ({ control: r.control, snapshot: r.snapshot })),
  });
}

/** The whole set for the core: its mappings (every id filled in) and its modes. */
export const compileMappingSet = (s: MappingSet): { readonly mappings: readonly MappingSpec[]; readonly modes: ModeSpec } =>
  Object.freeze({ mappings: compileMappings(s), modes: compileModes(s) });

/**
 * Loads and compiles one mapping set file; never throws. `set` is absent when there are problems:
 * the schema's, then the cross-references (see mapping-set-check.ts), each with file and path.
 */
export async function loadMappingSet(path: string): Promise<{ readonly set?: LoadedMappingSet; readonly problems: readonly Problem[] }> {
  const file = resolve(path);
  const checked = await readChecked(MappingSetSchema, file);
  if (!checked.ok) return { problems: checked.problems };
  const set = deepFreeze(checked.value);
  const problems = mappingSetProblems(set, file);
  if (problems.length > 0) return { problems };
  return { set: Object.freeze({ file, set, mappings: compileMappings(set), modes: compileModes(set) }), problems };
}
