import type { TSchema } from '@sinclair/typebox';
import type { Problem } from '../../config/problems.js';
import { checkValue } from '../../config/validate.js';
import { SESSION_SCHEMA_VERSION } from './schema.js';
import { SessionV1Schema, v1ToV2, type SessionV1 } from './v1.js';

/**
 * One step of the migration chain: a file at version `from` is checked against `schema` (so its
 * problems are reported at paths of the file as written) and turned into version `from + 1`.
 * Steps are pure: same input, same output, no I/O, no clock.
 */
export interface Migration {
  readonly from: number;
  readonly schema: TSchema;
  readonly up: (checked: unknown, id: string) => Record<string, unknown>;
}

export const MIGRATIONS: readonly Migration[] = [{ from: 1, schema: SessionV1Schema, up: (v, id) => v1ToV2(v as SessionV1, id) }];

export type Migrated =
  | { readonly ok: true; readonly value: unknown; readonly from: number }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * Brings a parsed session file up to `current` by running each step from its version on. The
 * result still has to pass the current schema (check.ts). A file without an integer
 * `schemaVersion`, or with a version this build does not know (newer, or older than the chain),
 * is a problem at `/schemaVersion`: a newer file is never "migrated down" and never overwritten.
 */
export function migrate(raw: unknown, id: string, file: string, chain: readonly Migration[] = MIGRATIONS, current = SESSION_SCHEMA_VERSION): Migrated {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail(file, '', 'expected a JSON object');
  const version: unknown = (raw as Record<string, unknown>)['schemaVersion'];
  if (typeof version !== 'number' || !Number.isInteger(version)) return fail(file, '/schemaVersion', `missing or not an integer (this build writes ${current})`);
  if (version > current) return fail(file, '/schemaVersion', `version ${version} was written by a newer Detent (this build reads up to ${current}); the file is left as it is`);
  let value: unknown = raw;
  for (let v = version; v < current; v++) {
    const step = chain.find((m) => m.from === v);
    if (step === undefined) return fail(file, '/schemaVersion', `version ${version} is too old to read (no migration from ${v})`);
    const checked = checkValue(step.schema, value, file);
    if (!checked.ok) return { ok: false, problems: checked.problems.map((p) => ({ ...p, message: `${p.message} (schema version ${version})` })) };
    value = step.up(checked.value, id);
  }
  return { ok: true, value, from: version };
}

const fail = (file: string, path: string, message: string): Migrated => ({ ok: false, problems: [{ file, path, message }] });
