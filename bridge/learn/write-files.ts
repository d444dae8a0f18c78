/**
 * Learn's writes, into the state directory only (never shipped files), each atomically
 * (bridge/config/atomic-write.ts) and each file validated with the loaders' own checks before it
 * is changed: a file the engineer broke by hand is reported, never overwritten.
 * - `<stateDir>/learned/controllers/learned.json`: a controller profile (id `detent-learned`)
 *   with the controls learn created for inputs no profile names;
 * - `<stateDir>/learned/set.json`: an overlay mapping set, same schema as any set.
 */
import { writeJsonAtomic } from '../config/atomic-write.js';
import { compileCondition, mappingId } from '../config/condition.js';
import type { Condition } from '../core/mapping/spec.js';
import { readValidJson } from '../config/json-file.js';
import { assertNever } from '../core/assert-never.js';
import { MappingSetSchema } from '../config/mapping-set-schema.js';
import { learnedProfilePath, learnedSetPath } from '../config/paths.js';
import { formatProblems, type Problem } from '../config/problems.js';
import { profileProblems } from '../config/profile-compile.js';
import { ControllerProfileSchema } from '../config/profile-schema.js';
import type { TSchema, Static } from '@sinclair/typebox';
import type { Detection } from './detect.js';
import { learnedControlName } from './control-name.js';
import type { LearnedEntry } from './state.js';

export const LEARNED_PROFILE_ID = 'detent-learned';

/** The learned overlay set before anything is in it. */
export const newOverlay = (): Record<string, unknown> => ({
  schemaVersion: 1,
  name: 'Learned mappings',
  description: "Mappings made by learn and the dashboard's edits, laid over the configured set: the same id replaces, \"enabled\": false removes. Safe to edit.",
  mappings: [],
});

/** A JSON file as written, with its validated view; undefined when the file does not exist. */
async function readValid<S extends TSchema>(schema: S, file: string, more: (v: Static<S>) => Problem[]): Promise<{ raw: Record<string, unknown>; value: Static<S> } | undefined> {
  const read = await readValidJson(schema, file, more);
  switch (read.kind) {
    case 'missing':
      return undefined;
    case 'ok':
      return { raw: read.raw as Record<string, unknown>, value: read.value };
    case 'invalid':
      throw new Error(`${file} is invalid; fix or remove it, then learn again:\n${formatProblems(read.problems)}`);
    default:
      return assertNever(read, 'file read');
  }
}

/**
 * The control for an input no loaded profile names: the one the learned profile already has for
 * the address, or a new one of the detected kind (absolute with its inferred range; relative
 * without feedback, an encoder has no position to show). Throws when the file cannot be used.
 */
export async function ensureLearnedControl(stateDir: string, address: string, d: Detection): Promise<{ control: string; created: boolean }> {
  const file = learnedProfilePath(stateDir);
  const found = await readValid(ControllerProfileSchema, file, (p) => profileProblems(p, file));
  const raw = found?.raw ?? { schemaVersion: 1, id: LEARNED_PROFILE_ID, name: 'Learned controls', description: 'Controls Detent learned from inputs that no other profile names. Written by learn; safe to edit.', controls: [] };
  const controls = found?.value.controls ?? [];
  const existing = controls.find((c) => c.osc?.address === address);
  if (existing !== undefined) return { control: existing.id, created: false };
  const control = learnedControlName(address, new Set(controls.map((c) => c.id)));
  const osc = d.kind === 'absolute' ? { address, ...(d.range.min === 0 && d.range.max === 1 ? {} : { range: d.range }) } : d.kind === 'relative' ? { address, feedback: false } : { address };
  await writeJsonAtomic(file, { ...raw, controls: [...(raw['controls'] as unknown[]), { id: control, kind: d.kind, osc }] });
  return { control, created: true };
}

/**
 * Puts a learned mapping into the overlay set, replacing every entry with the same id, the same
 * target (one learned control per parameter) or the same control under the same condition (one
 * learned parameter per control and layer). Throws when the file cannot be used.
 */
export async function writeLearnedMapping(stateDir: string, entry: LearnedEntry): Promise<void> {
  const file = learnedSetPath(stateDir);
  const found = await readValid(MappingSetSchema, file, () => []);
  const raw = found?.raw ?? newOverlay();
  const layer = conditionKey(compileCondition(entry.when));
  const keep = (found?.value.mappings ?? []).map((m) => {
    const sameLayer = m.control === entry.control && conditionKey(compileCondition(m.when)) === layer;
    return !(mappingId(m) === entry.id || m.target === entry.target || sameLayer);
  });
  const mappings = (raw['mappings'] as unknown[] | undefined) ?? [];
  await writeJsonAtomic(file, { ...raw, mappings: [...mappings.filter((_, i) => keep[i] !== false), entry] });
}

/** A condition as a comparable string: page and modifiers in a fixed order. */
const conditionKey = (c: Condition): string =>
  JSON.stringify([c.page, c.modifiers.map((m) => `${m.held ? '+' : '-'}${m.control}`).sort()]);
