import { open } from 'node:fs/promises';
import type { Static, TSchema } from '@sinclair/typebox';
import { parseJsonText } from './json-text.js';
import type { Problem } from './problems.js';
import { checkValue, type Checked } from './validate.js';

export type JsonFile =
  | { readonly kind: 'ok'; readonly value: unknown }
  | { readonly kind: 'missing' }
  /** Unreadable, or not JSON (the problem then carries line and column). */
  | { readonly kind: 'problem'; readonly problem: Problem };

/**
 * The largest JSON file Detent reads (config, profiles, mapping sets, calibrations, sessions):
 * far above any real one (a session of 200 parameters in 100 snapshots is under 2 MiB), and far
 * below what would stall the daemon or exceed V8's longest string (512 MiB).
 */
export const MAX_JSON_FILE_BYTES = 32 * 1024 * 1024;

/** `file is 40.0 MiB, larger than the 32 MiB a Detent file may be`. */
export function tooLargeMessage(bytes: number): string {
  return `file is ${(bytes / 1024 / 1024).toFixed(1)} MiB, larger than the ${MAX_JSON_FILE_BYTES / 1024 / 1024} MiB a Detent file may be`;
}

/**
 * Reads a UTF-8 text file of at most MAX_JSON_FILE_BYTES: size checked on the open handle (so a
 * file swapped in between cannot slip past), then read whole. Throws what fs throws, or a
 * RangeError with tooLargeMessage.
 */
export async function readTextFile(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > MAX_JSON_FILE_BYTES) throw new RangeError(tooLargeMessage(size));
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/** Reads and parses one JSON file (UTF-8). Never throws. */
export async function readJsonFile(file: string): Promise<JsonFile> {
  const read = await readJsonText(file);
  return read.kind === 'ok' ? { kind: 'ok', value: read.value } : read;
}

/** readJsonFile, with the text as read. */
async function readJsonText(file: string): Promise<{ readonly kind: 'ok'; readonly text: string; readonly value: unknown } | Exclude<JsonFile, { kind: 'ok' }>> {
  let text: string;
  try {
    text = await readTextFile(file);
  } catch (e) {
    if (e instanceof RangeError) return { kind: 'problem', problem: { file, path: '', message: e.message } };
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    const reason = code === 'EISDIR' ? 'is a directory, expected a JSON file' : `cannot read: ${(e as Error).message}`;
    return { kind: 'problem', problem: { file, path: '', message: reason } };
  }
  const parsed = parseJsonText(text);
  if (parsed.ok) return { kind: 'ok', text, value: parsed.value };
  const { line, column, message } = parsed;
  return { kind: 'problem', problem: { file, path: '', position: { line, column }, message: `invalid JSON: ${message}` } };
}

/** Reads a JSON file and validates it against a schema (defaults filled, not yet frozen). */
export async function readChecked<S extends TSchema>(schema: S, file: string): Promise<Checked<Static<S>>> {
  const read = await readJsonFile(file);
  switch (read.kind) {
    case 'ok':
      return checkValue(schema, read.value, file);
    case 'missing':
      return { ok: false, problems: [{ file, path: '', message: 'file not found' }] };
    case 'problem':
      return { ok: false, problems: [read.problem] };
  }
}

/** A JSON file checked against its schema and `more` checks, with the text as written beside the validated view. */
export type ValidJson<T> =
  | { readonly kind: 'missing' }
  | { readonly kind: 'ok'; readonly text: string; readonly raw: unknown; readonly value: T }
  | { readonly kind: 'invalid'; readonly problems: readonly Problem[] };

/**
 * Reads a file for an edit: its text and raw JSON (to change and write back without the schema's
 * defaults spelled out) beside its validated value. Never throws.
 */
export async function readValidJson<S extends TSchema>(schema: S, file: string, more: (v: Static<S>) => Problem[] = () => []): Promise<ValidJson<Static<S>>> {
  const read = await readJsonText(file);
  if (read.kind === 'missing') return read;
  if (read.kind === 'problem') return { kind: 'invalid', problems: [read.problem] };
  const checked = checkValue(schema, read.value, file);
  if (!checked.ok) return { kind: 'invalid', problems: checked.problems };
  const problems = more(checked.value);
  return problems.length > 0 ? { kind: 'invalid', problems } : { kind: 'ok', text: read.text, raw: read.value, value: checked.value };
}
