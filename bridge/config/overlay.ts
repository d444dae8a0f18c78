import { resolve } from 'node:path';
import type { MappingSpec } from '../core/mapping/spec.js';
import { deepFreeze } from './freeze.js';
import { readJsonFile } from './json-file.js';
import { compileMappings, compileModes, loadMappingSet, mappingId, type LoadedMappingSet } from './mapping-set.js';
import { mappingSetProblems } from './mapping-set-check.js';
import { MappingSetSchema } from './mapping-set-schema.js';
import type { Problem } from './problems.js';
import { checkValue } from './validate.js';

/**
 * The base set's mappings with an overlay's laid over them: an overlay mapping whose id the base
 * has replaces it in place; the others follow in overlay order; base mappings whose id is in
 * `removed` are left out.
 */
export function applyOverlay(base: readonly MappingSpec[], overlay: readonly MappingSpec[], removed: ReadonlySet<string> = new Set()): readonly MappingSpec[] {
  const byId = new Map(overlay.map((m) => [m.id, m]));
  const merged = base.filter((m) => !removed.has(m.id)).map((m) => byId.get(m.id) ?? m);
  const baseIds = new Set(base.map((m) => m.id));
  return Object.freeze([...merged, ...overlay.filter((m) => !baseIds.has(m.id))]);
}

/**
 * Where a mapping in force comes from: the configured set as written, the overlay in place of one
 * of the set's mappings (edited on the dashboard), or the overlay alone (learned or added).
 */
export type MappingSource = 'set' | 'edited' | 'added';

export interface SetWithOverlay {
  /** The base set with the overlay applied (`mappings`), base modes; absent when there are problems. */
  readonly set?: LoadedMappingSet;
  /** The overlay as loaded, or null when its file does not exist. */
  readonly overlay: LoadedMappingSet | null;
  readonly problems: readonly Problem[];
  /** The source of each mapping of `set`, by id. */
  readonly sources: ReadonlyMap<string, MappingSource>;
  /** The configured set's mappings the overlay removes (an entry with its id and `enabled: false`). */
  readonly removed: readonly MappingSpec[];
}

const NONE = { sources: new Map<string, MappingSource>(), removed: [] } as const;

/**
 * Loads the configured set and the learned overlay (`<stateDir>/learned/set.json`, same schema;
 * a missing file is no overlay). The overlay's conditions may name the base set's pages; it may
 * not define modes of its own. Any problem in either file leaves `set` absent, so the caller keeps
 * the routing it has. Never throws.
 */
export async function loadMappingSetWithOverlay(setPath: string, overlayPath: string): Promise<SetWithOverlay> {
  const base = await loadMappingSet(setPath);
  const file = resolve(overlayPath);
  const read = await readJsonFile(file);
  if (read.kind === 'missing') {
    if (base.set === undefined) return { overlay: null, problems: base.problems, ...NONE };
    return { set: base.set, overlay: null, problems: base.problems, sources: new Map(base.set.mappings.map((m) => [m.id, 'set'])), removed: [] };
  }
  if (read.kind === 'problem') return { overlay: null, problems: [...base.problems, read.problem], ...NONE };
  const checked = checkValue(MappingSetSchema, read.value, file);
  if (!checked.ok) return { overlay: null, problems: [...base.problems, ...checked.problems], ...NONE };
  const o = deepFreeze(checked.value);
  const pages = base.set?.modes.pages.names ?? [];
  const problems = [...base.problems, ...mappingSetProblems(o, file, pages)];
  if (o.modes.fine !== undefined || o.modes.pages !== undefined || o.modes.recall.length > 0) problems.push({ file, path: '/modes', message: 'the learned overlay cannot define modes; put them in the mapping set' });
  if (base.set === undefined || problems.length > 0) return { overlay: null, problems, ...NONE };
  const overlay: LoadedMappingSet = Object.freeze({ file, set: o, mappings: compileMappings(o), modes: compileModes(o) });
  const removedIds = new Set(o.mappings.filter((m) => !m.enabled).map(mappingId));
  const set: LoadedMappingSet = Object.freeze({ ...base.set, mappings: applyOverlay(base.set.mappings, overlay.mappings, removedIds) });
  const baseIds = new Set(base.set.mappings.map((m) => m.id));
  const overlayIds = new Set(overlay.mappings.map((m) => m.id));
  const sources = new Map(set.mappings.map((m): [string, MappingSource] => [m.id, !overlayIds.has(m.id) ? 'set' : baseIds.has(m.id) ? 'edited' : 'added']));
  return { set, overlay, problems, sources, removed: base.set.mappings.filter((m) => removedIds.has(m.id)) };
}
