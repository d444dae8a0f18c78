import { randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Rolling backups of a session file in `<sessions>/.backups/`: `<id>.1.json` is the newest,
 * `<id>.<n>.json` the oldest kept. Backups are not fsynced: after a power cut a backup may be older
 * than expected, never the session file itself (that is written with atomic-write's full protocol).
 */
export const backupDir = (sessionsDir: string): string => join(sessionsDir, '.backups');
export const backupFile = (sessionsDir: string, id: string, n: number): string => join(backupDir(sessionsDir), `${id}.${n}.json`);

/** A rotation in place whose oldest backup is only set aside: `commit` drops it, `undo` restores every name. */
export interface Rotation {
  /** The new session file is in place: delete the set-aside oldest backup (never throws; a leftover is a stale temporary). */
  commit(): Promise<void>;
  /** The new session file could not be put in place: every backup back under its old name (best effort, never throws). */
  undo(): Promise<void>;
}

/** Link errors that mean "no hard links here" (FAT, some network file systems, another device, link limit): copy instead. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'EMLINK', 'ENOSYS']);

/**
 * Rotates the backups of `id` so that `.1` holds `current` (the session file about to be
 * replaced) and each older one moves up a number. Call it only once the new version is written
 * and fsynced (atomic-write's stageFile), then put that in place and `commit`, or `undo` if that
 * fails. Nothing is lost on any failure:
 * - the copy of `current` is a hard link (no data to write, so a full disk still takes it), or a
 *   copy through a temporary where links are unsupported; if that fails nothing was renamed yet;
 * - the shift only renames (atomic each, no space needed), the oldest to a temporary rather than
 *   deleting it; if a rename fails, the ones done are reversed and the error thrown.
 * A process killed midway leaves backups each whole (renames), perhaps with a gap in the numbers
 * (listBackups skips it) and a `.tmp` that removeStaleTemporaries deletes (the set-aside oldest
 * with it). The link shares the session file's inode only until that file is replaced by rename
 * (atomic-write never writes in place), so later edits of the session file never reach a backup.
 */
export async function rotateBackups(sessionsDir: string, id: string, current: string, keep: number): Promise<Rotation> {
  const nothing: Rotation = { commit: async () => undefined, undo: async () => undefined };
  if (keep < 1) return nothing;
  await makeBackupDir(sessionsDir);
  const tag = `${process.pid}.${randomBytes(4).toString('hex')}`;
  // Dot-prefixed `.tmp` names: never listed as backups, removed as stale after a crash.
  const fresh = join(backupDir(sessionsDir), `.${id}.1.json.${tag}.tmp`);
  const dropped = join(backupDir(sessionsDir), `.${id}.${keep}.json.${tag}.dropped.tmp`);
  await linkOrCopy(current, fresh);
  const done: [from: string, to: string][] = [];
  /** Renames `from` to `to` and records it; a missing `from` (no such backup yet) is skipped. */
  const move = async (from: string, to: string, optional: boolean): Promise<void> => {
    try {
      await rename(from, to);
      done.push([from, to]);
    } catch (e) {
      if (!(optional && (e as NodeJS.ErrnoException).code === 'ENOENT')) throw e;
    }
  };
  const undo = async (): Promise<void> => {
    for (const [from, to] of done.splice(0).reverse()) await rename(to, from).catch(() => undefined);
    await rm(fresh, { force: true }).catch(() => undefined);
  };
  try {
    await move(backupFile(sessionsDir, id, keep), dropped, true);
    for (let n = keep - 1; n >= 1; n--) await move(backupFile(sessionsDir, id, n), backupFile(sessionsDir, id, n + 1), true);
    await move(fresh, backupFile(sessionsDir, id, 1), false);
  } catch (e) {
    await undo();
    throw e;
  }
  return { commit: () => rm(dropped, { force: true }).catch(() => undefined), undo };
}

/**
 * Creates `.backups` in the (existing) sessions directory. Not recursive: Node reports a recursive
 * mkdir refused by a read-only file system as ENOENT (nodejs/node#47098), a plain one says EROFS.
 */
async function makeBackupDir(sessionsDir: string): Promise<void> {
  await mkdir(backupDir(sessionsDir)).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw e;
  });
}

/** `to` (a new name) holds the content of `from`: a hard link, or a copy where links are unsupported. */
async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
    return;
  } catch (e) {
    if (!NO_LINKS.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
  }
  try {
    await copyFile(from, to);
  } catch (e) {
    await rm(to, { force: true }).catch(() => undefined);
    throw e;
  }
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
