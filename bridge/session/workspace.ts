import { join } from 'node:path';
import { assertNever } from '../core/assert-never.js';
import type { ParamStore } from '../core/param/store.js';
import { err, ok, type Result } from '../core/result.js';
import { SessionErrorCode, sessionError, type SessionError } from './errors.js';
import { withWorking } from './model/edit.js';
import { isSlug } from './model/names.js';
import type { Session } from './model/schema.js';
import { currentValues } from './recall/apply.js';
import { Debounced } from './storage/debounce.js';
import { invalidFile, SessionFiles } from './storage/files.js';
import { acquireLock, describeHolder, type LockResult } from './storage/lock.js';
import { readOpenPointer, writeOpenPointer } from './storage/pointer.js';

export interface WorkspaceOptions {
  readonly store: ParamStore;
  /** Working-state autosave: after `delayMs` of quiet, at most `maxWaitMs` after a first change. */
  readonly autosave: { readonly delayMs: number; readonly maxWaitMs: number };
  readonly backups: number;
  readonly now: () => string;
  readonly warn: (msg: string) => void;
}

export const sessionsDir = (stateDir: string): string => join(stateDir, 'sessions');

/**
 * The session files of a state directory as this daemon holds them: the lock, the open session
 * and its pointer, the autosave of its working state, and one queue through which every mutation
 * runs (so an autosave never writes a session read before a snapshot was added to it). Without
 * the lock (another live daemon has it) reads work and every write answers SESSION_STORE_LOCKED.
 */
export class Workspace {
  private openSession: Session | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly autosave: Debounced;
  private readonly unsubscribe: () => void;

  private constructor(
    readonly files: SessionFiles,
    private readonly lock: LockResult,
    private readonly opts: WorkspaceOptions,
  ) {
    this.autosave = new Debounced(() => this.exclusive(() => this.saveWorking()), opts.autosave.delayMs, opts.autosave.maxWaitMs, (e) => opts.warn(`session autosave: ${(e as Error).message}`));
    this.unsubscribe = this.writable ? opts.store.subscribe(() => this.autosave.poke()) : () => {};
  }

  static async open(stateDir: string, opts: WorkspaceOptions): Promise<{ workspace: Workspace; reopen: string | null }> {
    const dir = sessionsDir(stateDir);
    const lock = await acquireLock(join(dir, '.lock'));
    const ws = new Workspace(new SessionFiles(dir, opts.backups), lock, opts);
    if (lock.kind === 'acquired') await ws.files.removeStaleTemporaries();
    else opts.warn(`sessions: ${ws.lockMessage()}`);
    return { workspace: ws, reopen: await readOpenPointer(dir) };
  }

  get writable(): boolean {
    return this.lock.kind === 'acquired';
  }

  get current(): Session | undefined {
    return this.openSession;
  }

  lockMessage(): string {
    const readOnly = 'this daemon reads and recalls sessions but does not write them';
    switch (this.lock.kind) {
      case 'acquired':
        return '';
      case 'held':
        return `${this.lock.file} is held by ${describeHolder(this.lock.holder)}: ${readOnly} (stop the other daemon, or give this one another --state-dir)`;
      case 'failed':
        return `cannot take ${this.lock.file} (${this.lock.reason}): ${readOnly}`;
      default:
        return assertNever(this.lock, 'lock result');
    }
  }

  refuseIfLocked(): Result<never, SessionError> | undefined {
    return this.writable ? undefined : err(sessionError(SessionErrorCode.Locked, this.lockMessage()));
  }

  /** Runs `job` after every mutation queued before it. */
  exclusive<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The open session's in-memory copy, or the file (validated, migrated). */
  async load(id: string): Promise<Result<Session, SessionError>> {
    if (!isSlug(id)) return err(sessionError(SessionErrorCode.NameInvalid, `"${id}" is not a session id (lowercase letters, digits and hyphens, 1-64)`));
    if (this.openSession?.id === id) return ok(this.openSession);
    const r = await this.files.read(id);
    switch (r.kind) {
      case 'ok':
        return ok(r.session);
      case 'missing':
        return err(sessionError(SessionErrorCode.NotFound, `no session "${id}" in ${this.files.dir}`));
      case 'invalid':
        return err(invalidFile(r.file, r.problems));
      default:
        return assertNever(r, 'read outcome');
    }
  }

  /** Writes a session (call inside `exclusive`) and makes it the open one. */
  async commit(s: Session, backup: boolean): Promise<Result<Session, SessionError>> {
    const locked = this.refuseIfLocked();
    if (locked !== undefined) return locked;
    const w = await this.files.write(s, { backup });
    if (!w.ok) return w;
    await this.switchTo(s);
    return ok(s);
  }

  /** Makes `s` the open session (a recall need not write it); the previous one's working state is saved first. */
  async switchTo(s: Session): Promise<void> {
    const before = this.openSession?.id;
    if (before !== undefined && before !== s.id) await this.saveWorking().catch((e: Error) => this.opts.warn(`session autosave: ${e.message}`));
    this.openSession = s;
    if (before !== s.id && this.writable) await writeOpenPointer(this.files.dir, s.id).catch((e: Error) => this.opts.warn(`sessions: ${e.message}`));
  }

  /** Saves the working state now (tests, before a switch, shutdown). */
  flush(): Promise<void> {
    return this.autosave.flush();
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.autosave.close();
    await this.queue;
    if (this.lock.kind === 'acquired') await this.lock.release();
  }

  /** The working state of the open session into its file; no backup rotation (not an edit). */
  private async saveWorking(): Promise<void> {
    const s = this.openSession;
    if (s === undefined || !this.writable) return;
    const next = withWorking(s, currentValues(this.opts.store), this.opts.now());
    const w = await this.files.write(next, { backup: false });
    if (!w.ok) throw new Error(w.error.message);
    if (this.openSession?.id === next.id) this.openSession = next;
  }
}
