import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomic } from '../../config/atomic-write.js';
import { isSlug } from '../model/names.js';

/**
 * `<sessions>/.open.json`: which session was open, so a restarted daemon reopens it with its
 * autosaved working state. Dot-named: never listed as a session. A missing or unreadable pointer
 * means none (it holds nothing that cannot be chosen again).
 */
export const pointerFile = (sessionsDir: string): string => join(sessionsDir, '.open.json');

export async function readOpenPointer(sessionsDir: string): Promise<string | null> {
  try {
    const v = JSON.parse(await readFile(pointerFile(sessionsDir), 'utf8')) as { open?: unknown };
    return typeof v.open === 'string' && isSlug(v.open) ? v.open : null;
  } catch {
    return null;
  }
}

export const writeOpenPointer = (sessionsDir: string, id: string | null): Promise<void> => writeJsonAtomic(pointerFile(sessionsDir), { schemaVersion: 1, open: id });
