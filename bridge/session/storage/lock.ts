import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';

/** Who holds a lock: enough for the message a refused daemon prints, and to tell stale from live. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** When the holding process started (ISO time), to tell it from a later process with the same pid. */
  readonly startedAt: string;
  /** Random per acquisition: two holders in one process (tests) are still told apart. */
  readonly token: string;
}

export type LockResult =
  | { readonly kind: 'acquired'; readonly holder: LockHolder; release(): Promise<void> }
  | { readonly kind: 'held'; readonly holder: LockHolder | null; readonly file: string }
  /** The lock could not even be tried (directory not writable): nothing may be written either. */
  | { readonly kind: 'failed'; readonly file: string; readonly reason: string };

/** True while a process with this pid exists (EPERM: it exists but is not ours). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const selfHolder = (): LockHolder => ({
  pid: process.pid,
  host: hostname(),
  startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
  token: randomBytes(8).toString('hex'),
});

/**
 * Takes an exclusive lock file. The holder's JSON is written to a temporary file first and then
 * hard-linked to the lock's name: link() fails if the name exists, so the lock appears complete
 * or not at all (no reader ever sees an empty lock file), and two takers cannot both win.
 * A lock whose holder is on this host and no longer running is stale: it is removed and taken
 * over; so is one naming this very pid with another start time (a container restarted after a
 * crash gets the same pid). A lock from another host (a shared directory) cannot be checked and
 * counts as held.
 * Known limit: a dead holder's pid reused by an unrelated live process keeps the lock held until
 * that process ends or the file is removed by hand (the message names the pid and start time).
 */
export async function acquireLock(file: string, self: LockHolder = selfHolder(), alive: (pid: number) => boolean = pidAlive): Promise<LockResult> {
  try {
    await mkdir(dirname(file), { recursive: true });
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await tryLink(file, self)) return { kind: 'acquired', holder: self, release: () => releaseLock(file, self) };
      const holder = await readHolder(file);
      if (holder === 'missing') continue; // released between our link and our read: try again
      if (holder === null || !isStale(holder, self, alive)) return { kind: 'held', holder, file };
      await rm(file, { force: true });
    }
    return { kind: 'held', holder: null, file };
  } catch (e) {
    return { kind: 'failed', file, reason: (e as Error).message };
  }
}

/** Start times further apart than this are two processes (Date.now() − uptime drifts a little). */
const SAME_START_MS = 2000;

function isStale(holder: LockHolder, self: LockHolder, alive: (pid: number) => boolean): boolean {
  if (holder.host !== self.host || holder.token === self.token) return false;
  if (holder.pid === self.pid) return Math.abs(Date.parse(holder.startedAt) - Date.parse(self.startedAt)) > SAME_START_MS;
  return !alive(holder.pid);
}

/** Removes the lock if it is still ours (never someone else's that took over meanwhile). */
async function releaseLock(file: string, self: LockHolder): Promise<void> {
  const holder = await readHolder(file);
  if (holder !== 'missing' && holder !== null && holder.token === self.token) await rm(file, { force: true });
}

async function tryLink(file: string, self: LockHolder): Promise<boolean> {
  const tmp = join(dirname(file), `.lock.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const h = await open(tmp, 'wx', 0o644);
  try {
    await h.writeFile(`${JSON.stringify(self)}\n`, 'utf8');
    await h.sync();
  } finally {
    await h.close();
  }
  try {
    await link(tmp, file);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // File systems without hard links (FAT, some network mounts): exclusive create instead, which
    // leaves a short window where a reader sees an empty file (read as "unknown holder": held).
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP') return createExclusive(file, self);
    throw e;
  } finally {
    await rm(tmp, { force: true });
  }
}

async function createExclusive(file: string, self: LockHolder): Promise<boolean> {
  let h;
  try {
    h = await open(file, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    await h.writeFile(`${JSON.stringify(self)}\n`, 'utf8');
    await h.sync();
  } finally {
    await h.close();
  }
  return true;
}

/** The holder written in the lock file; null when it cannot be read as one (left for a human). */
async function readHolder(file: string): Promise<LockHolder | null | 'missing'> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    return null;
  }
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.startedAt === 'string' && typeof v.token === 'string') {
      return { pid: v.pid, host: v.host, startedAt: v.startedAt, token: v.token };
    }
  } catch {
    // fall through: not a holder
  }
  return null;
}

/** "pid 1234 on studio-pc (started 2026-03-01T10:00:00.000Z)", for messages. */
export const describeHolder = (h: LockHolder | null): string => (h === null ? 'an unknown process (unreadable lock file)' : `pid ${h.pid} on ${h.host} (started ${h.startedAt})`);
