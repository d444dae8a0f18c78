/**
 * Mapping entries of a set file as written (raw JSON, the schema's defaults not spelled out),
 * found by the id the loader gives them (bridge/config/condition.ts mappingId), and the set with
 * one entry put in or taken out. Pure: the caller reads and writes the file.
 */
import { mappingId } from '../config/condition.js';
import type { MappingSet } from '../config/mapping-set-schema.js';

/** A validated set file: its raw JSON beside the validated view (same order of mappings). */
export interface SetFile {
  readonly raw: unknown;
  readonly value: MappingSet;
}

type RawEntry = Readonly<Record<string, unknown>>;

const rawMappings = (f: SetFile): readonly unknown[] => {
  const m = (f.raw as { mappings?: unknown }).mappings;
  return Array.isArray(m) ? m : [];
};

/** The entry with this id as written, with whether it is enabled; undefined when the set has none. */
export function findEntry(f: SetFile | undefined, id: string): { readonly raw: RawEntry; readonly enabled: boolean } | undefined {
  if (f === undefined) return undefined;
  const i = f.value.mappings.findIndex((m) => mappingId(m) === id);
  const entry = f.value.mappings[i];
  return entry === undefined ? undefined : { raw: rawMappings(f)[i] as RawEntry, enabled: entry.enabled };
}

/** The raw set with every entry of this id replaced by `entry` (in the first one's place), or `entry` appended. */
export function withEntry(f: SetFile, id: string, entry: RawEntry): Record<string, unknown> {
  const raws = rawMappings(f);
  const ids = f.value.mappings.map(mappingId);
  const first = ids.indexOf(id);
  const mappings = first < 0 ? [...raws, entry] : raws.flatMap((r, i) => (i === first ? [entry] : ids[i] === id ? [] : [r]));
  return { ...(f.raw as Record<string, unknown>), mappings };
}

/** The raw set without the entries of this id. */
export function withoutEntry(f: SetFile, id: string): Record<string, unknown> {
  const ids = f.value.mappings.map(mappingId);
  const mappings = rawMappings(f).filter((_, i) => ids[i] !== id);
  return { ...(f.raw as Record<string, unknown>), mappings };
}

/** The entry with its id written out first (an edit must keep the id even when it changes the target the default id is made of). */
export const withId = (entry: RawEntry, id: string): RawEntry => {
  const { id: _drop, ...rest } = entry;
  return { id, ...rest };
};
