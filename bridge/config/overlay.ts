import { resolve } from 'node:path';
import type { MappingSpec } from '../core/mapping/spec.js';
import { deepFreeze } from './freeze.js';
import { readJsonFile } from './json-file.js';
import { compileMappings, compileModes, loadMappingSet, type LoadedMappingSet } from './mapping-set.js';
import { mappingSetProblems } from './mapping-set-check.js';
import { MappingSetSchema } from './mapping-set-schema.js';
import type { Problem } from './problems.js';
import { checkValue } from './validate.js';

/**
 * The base set's mappings with an overlay's laid over them: an overlay mapping whose id the base
 * has replaces it in place; the others follow in overlay order.
 */
export function applyOverlay(base: readonly MappingSpec[], overlay: readonly MappingSpec[]): readonly MappingSpec[] {
  const byId = new Map(overlay.map((m) => [m.id, m]));
  const merged = base.map((m) => byId.get(m.id) ?? m);
  const baseIds = new Set(base.map((m) => m.id));
  return Object.freeze([...merged, ...overlay.filter((m) => !baseIds.has(m.id))]);
}

export interface SetWithOverlay {
  /** The base set with the overlay applied (`mappings`), base modes; absent when there are problems. */
  readonly set?: LoadedMappingSet;
  /** The overlay as loaded, or null when its file does not exist. */
  readonly overlay: LoadedMappingSet | null;
  readonly problems: readonly Problem[];
}

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
  if (read.kind === 'missing') return { ...(base.set === undefined ? {} : { set: base.set }), overlay: null, problems: base.problems };
  if (read.kind === 'problem') return { overlay: null, problems: [...base.problems, read.problem] };
  const checked = checkValue(MappingSetSchema, read.value, file);
  if (!checked.ok) return { overlay: null, problems: [...base.problems, ...checked.problems] };
  const o = deepFreeze(checked.value);
  const pages = base.set?.modes.pages.names ?? [];
  const problems = [...base.problems, ...mappingSetProblems(o, file, pages)];
  if (o.modes.fine !== undefined || o.modes.pages !== undefined || o.modes.recall.length > 0) problems.push({ file, path: '/modes', message: 'the learned overlay cannot define modes; put them in the mapping set' });
  if (base.set === undefined || problems.length > 0) return { overlay: null, problems };
  const overlay: LoadedMappingSet = Object.freeze({ file, set: o, mappings: compileMappings(o), modes: compileModes(o) });
  const set: LoadedMappingSet = Object.freeze({ ...base.set, mappings: applyOverlay(base.set.mappings, overlay.mappings) });
  return { set, overlay, problems };
}
