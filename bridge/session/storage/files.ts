import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { stageFile } from '../../config/atomic-write.js';
import { readTextFile } from '../../config/json-file.js';
import type { Problem } from '../../config/problems.js';
import { err, ok, type Result } from '../../core/result.js';
import { SessionErrorCode, sessionError, type SessionError } from '../errors.js';
import { checkSessionText } from '../model/check.js';
import { isSlug } from '../model/names.js';
import type { Session } from '../model/schema.js';
import { backupDir, rotateBackups, type Rotation } from './backups.js';
import { pidAlive } from './lock.js';

export type ReadOutcome =
  | { readonly kind: 'ok'; readonly session: Session; readonly migratedFrom: number; readonly file: string }
  | { readonly kind: 'missing'; readonly file: string }
  | { readonly kind: 'invalid'; readonly file: string; readonly problems: readonly Problem[] };

export interface InvalidFile {
  readonly id: string;
  readonly file: string;
  readonly problems: readonly Problem[];
}

/** Size and mtime of a file as this process last wrote or validated it. */
interface Seen {
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * The session files of one directory: `<dir>/<id>.json`, one per session, ids being slugs (the
 * guard against path traversal: see model/names.ts). Reads validate and migrate; writes are atomic
 * (config/atomic-write.ts: temporary file, fsync, rename, fsync of the directory) and serialised
 * per id.
 * Never overwritten: a file that fails validation (the write answers SESSION_FILE_INVALID naming
 * the file and field). A file changed on disk since this process last saw it (a hand edit) is
 * revalidated before a write and always backed up first, even by an autosave.
 */
export class SessionFiles {
  private readonly seen = new Map<string, Seen>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    readonly dir: string,
    /** Rolling backups kept per session (storage/backups.ts). */
    private readonly keepBackups = 3,
  ) {}

  fileOf(id: string): string {
    if (!isSlug(id)) throw new RangeError(`not a session id: ${JSON.stringify(id)}`);
    return join(this.dir, `${id}.json`);
  }

  /** Ids of every `<slug>.json` in the directory (other names are not sessions). */
  async ids(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (e) {
      // No sessions directory yet, or something else in its place (the lock reports that).
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return [];
      throw e;
    }
    return names.filter((n) => n.endsWith('.json') && isSlug(n.slice(0, -5))).map((n) => n.slice(0, -5)).sort();
  }

  async read(id: string): Promise<ReadOutcome> {
    const file = this.fileOf(id);
    let text: string;
    let st;
    try {
      st = await stat(file);
      text = await readTextFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing', file };
      const message = e instanceof RangeError ? e.message : `cannot read: ${(e as Error).message}`;
      return { kind: 'invalid', file, problems: [{ file, path: '', message }] };
    }
    const checked = checkSessionText(text, id, file);
    if (!checked.ok) return { kind: 'invalid', file, problems: checked.problems };
    this.seen.set(id, { size: st.size, mtimeMs: st.mtimeMs });
    return { kind: 'ok', session: checked.session, migratedFrom: checked.migratedFrom, file };
  }

  async list(): Promise<{ sessions: Session[]; invalid: InvalidFile[] }> {
    const sessions: Session[] = [];
    const invalid: InvalidFile[] = [];
    for (const id of await this.ids()) {
      const r = await this.read(id);
      if (r.kind === 'ok') sessions.push(r.session);
      else if (r.kind === 'invalid') invalid.push({ id, file: r.file, problems: r.problems });
    }
    return { sessions, invalid };
  }

  /**
   * Writes a session; `backup` also rotates the backups (explicit saves do, autosaves do not).
   * A write that fails leaves the session file and its backups as they were.
   */
  write(session: Session, opts: { readonly backup: boolean }): Promise<Result<void, SessionError>> {
    const prev = this.queues.get(session.id) ?? Promise.resolve();
    const next = prev.then(() => this.writeNow(session, opts.backup));
    this.queues.set(session.id, next.catch(() => undefined));
    return next;
  }

  /**
   * Removes temporary files killed writers left behind, here and in the backups (call while
   * holding the lock). A lock-taking temporary (`.lock.<pid>.*.tmp`) only when its pid is gone:
   * another daemon may be taking the lock right now.
   */
  async removeStaleTemporaries(): Promise<number> {
    let removed = 0;
    for (const dir of [this.dir, backupDir(this.dir)]) {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        continue;
      }
      const stale = names.filter((n) => n.startsWith('.') && n.endsWith('.tmp') && !(n.startsWith('.lock.') && pidAlive(Number(n.split('.')[2]))));
      await Promise.all(stale.map((n) => rm(join(dir, n), { force: true })));
      removed += stale.length;
    }
    return removed;
  }

  private async writeNow(session: Session, backup: boolean): Promise<Result<void, SessionError>> {
    const file = this.fileOf(session.id);
    try {
      const onDisk = await stat(file).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return undefined;
        throw e;
      });
      const known = this.seen.get(session.id);
      const changedOutside = onDisk !== undefined && (known === undefined || known.size !== onDisk.size || known.mtimeMs !== onDisk.mtimeMs);
      if (changedOutside) {
        const r = await this.read(session.id);
        if (r.kind === 'invalid') return err(invalidFile(r.file, r.problems));
      }
      // The new version first, whole and fsynced: a disk that refuses it (full, read-only, no
      // permission) fails the save before the backups are touched. Then the backups rotate (the
      // current file becomes .1), then the new version goes in place; if that fails the rotation
      // is undone, so a failed save never changes the backups.
      const staged = await stageFile(file, `${JSON.stringify(session, null, 2)}\n`);
      let rotation: Rotation | undefined;
      try {
        if (onDisk !== undefined && (backup || changedOutside)) rotation = await rotateBackups(this.dir, session.id, file, this.keepBackups);
        await staged.commit();
      } catch (e) {
        await rotation?.undo();
        await staged.discard();
        throw e;
      }
      await rotation?.commit();
      const st = await stat(file);
      this.seen.set(session.id, { size: st.size, mtimeMs: st.mtimeMs });
      return ok(undefined);
    } catch (e) {
      return err(sessionError(SessionErrorCode.WriteFailed, `cannot write ${file}: ${(e as Error).message} (the previous version is intact)`));
    }
  }
}

/** SESSION_FILE_INVALID naming the file and its first problems (path and field). */
export function invalidFile(file: string, problems: readonly Problem[]): SessionError {
  const shown = problems.slice(0, 5).map((p) => `${p.path === '' ? '/' : p.path}: ${p.message}`);
  const more = problems.length > 5 ? `; and ${problems.length - 5} more` : '';
  return sessionError(SessionErrorCode.FileInvalid, `${file} fails validation (${shown.join('; ')}${more}); it is left untouched: fix or move it`);
}
