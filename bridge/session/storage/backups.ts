import { copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Rolling backups of a session file in `<sessions>/.backups/`: `<id>.1.json` is the newest,
 * `<id>.<n>.json` the oldest kept. Rotation shifts each by one (renames, atomic each) and then
 * copies the current file to `.1` through a temporary name, so a backup is whole or absent.
 * Backups are not fsynced: after a power cut a backup may be older than expected, never the
 * session file itself (that is written with atomic-write's full protocol).
 */
export const backupDir = (sessionsDir: string): string => join(sessionsDir, '.backups');
export const backupFile = (sessionsDir: string, id: string, n: number): string => join(backupDir(sessionsDir), `${id}.${n}.json`);

export async function rotateBackups(sessionsDir: string, id: string, current: string, keep: number): Promise<void> {
  if (keep < 1) return;
  await mkdir(backupDir(sessionsDir), { recursive: true });
  await rm(backupFile(sessionsDir, id, keep), { force: true });
  for (let n = keep - 1; n >= 1; n--) {
    await rename(backupFile(sessionsDir, id, n), backupFile(sessionsDir, id, n + 1)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }
  const tmp = join(backupDir(sessionsDir), `.${id}.1.json.${process.pid}.tmp`);
  await copyFile(current, tmp);
  await rename(tmp, backupFile(sessionsDir, id, 1));
}

/** The backups of a session, newest first (paths). */
export async function listBackups(sessionsDir: string, id: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(backupDir(sessionsDir));
  } catch {
    return [];
  }
  const re = new RegExp(`^${id}\\.(\\d+)\\.json$`);
  return names
    .map((n) => ({ n, m: re.exec(n) }))
    .filter((x): x is { n: string; m: RegExpExecArray } => x.m !== null)
    .sort((a, b) => Number(a.m[1]) - Number(b.m[1]))
    .map((x) => join(backupDir(sessionsDir), x.n));
}
