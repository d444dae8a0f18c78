import { readFile } from 'node:fs/promises';
import type { Static, TSchema } from '@sinclair/typebox';
import { parseJsonText } from './json-text.js';
import type { Problem } from './problems.js';
import { checkValue, type Checked } from './validate.js';

export type JsonFile =
  | { readonly kind: 'ok'; readonly value: unknown }
  | { readonly kind: 'missing' }
  /** Unreadable, or not JSON (the problem then carries line and column). */
  | { readonly kind: 'problem'; readonly problem: Problem };

/** Reads and parses one JSON file (UTF-8). Never throws. */
export async function readJsonFile(file: string): Promise<JsonFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    const reason = code === 'EISDIR' ? 'is a directory, expected a JSON file' : `cannot read: ${(e as Error).message}`;
    return { kind: 'problem', problem: { file, path: '', message: reason } };
  }
  const parsed = parseJsonText(text);
  if (parsed.ok) return { kind: 'ok', value: parsed.value };
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
