import type { ParamStore } from '../core/param/store.js';
import { err, ok, type Result } from '../core/result.js';
import type { MeterFrame } from '../engine/interface.js';
import type { CreateRequest, EditRequest, Outcome, RecallResult, SessionApi, SessionList, Sheet, SheetFormat, StoreRequest, TrackEditRequest } from './api.js';
import { SessionErrorCode, sessionError, type SessionError } from './errors.js';
import type { History } from './history/history.js';
import { delivery } from './model/delivery.js';
import { addTrack, newSession, snapshot, snapshotOf, trackOf, withCurrent, withInfo, withSnapshot, withTrackInfo, withWorking } from './model/edit.js';
import { isSnapshotName, slugify, uniqueSlug } from './model/names.js';
import { EMPTY_RIG, type ParamValues, type Session } from './model/schema.js';
import { applyValues, currentValues } from './recall/apply.js';
import { recallAssist, type AssistSource, type RecallAssist } from './recall/assist.js';
import { captureRig, rigDrift, type RigSources } from './rig.js';
import type { ControlsFor } from './sheet/controls.js';
import { exportSheet } from './sheet/export.js';
import { summarise } from './summary.js';
import { Workspace } from './workspace.js';

export interface SessionServiceDeps {
  readonly stateDir: string;
  readonly store: ParamStore;
  readonly history: History;
  /** The mappings with their takeover state (recall assist). */
  readonly mappings: () => readonly AssistSource[];
  /** Physical controls and positions of a parameter value (recall sheet). */
  readonly controlsFor: ControlsFor;
  /** Where the controller set-up is loaded from, captured into each session; absent: not captured. */
  readonly rig?: RigSources;
  /** Meter frames: the short-term loudness stored with each snapshot. */
  readonly meters?: { onMeters(listener: (f: MeterFrame) => void): () => void };
  /** Epoch ms for the times written into files. */
  readonly wallClock?: () => number;
  readonly autosave?: { readonly delayMs: number; readonly maxWaitMs: number };
  /** Rolling backups kept per session file. */
  readonly backups?: number;
  readonly log: { info(msg: string): void; warn(msg: string): void };
}

/**
 * Sessions: create one from the current state, store snapshots, recall them (through the store,
 * one history step), open a session with its autosaved working state, export recall sheets.
 * Storage, locking, autosave and the mutation queue are the Workspace's.
 */
export class SessionService implements SessionApi {
  private loudness: number | null = null;
  private readonly stopMeters: () => void;
  private readonly now: () => string;

  private constructor(
    private readonly deps: SessionServiceDeps,
    private readonly ws: Workspace,
  ) {
    this.now = () => new Date((deps.wallClock ?? Date.now)()).toISOString();
    this.stopMeters =
      deps.meters?.onMeters((f) => {
        const st = f.loudness?.shortTerm;
        this.loudness = st !== undefined && st > -70 ? Math.round(st * 100) / 100 : null;
      }) ?? (() => {});
  }

  /** Takes the lock (or runs read-only, warning who holds it) and reopens the last open session. */
  static async start(deps: SessionServiceDeps): Promise<SessionService> {
    const now = () => new Date((deps.wallClock ?? Date.now)()).toISOString();
    const { workspace, reopen } = await Workspace.open(deps.stateDir, {
      store: deps.store,
      autosave: deps.autosave ?? { delayMs: 2000, maxWaitMs: 10000 },
      backups: deps.backups ?? 3,
      now,
      warn: (m) => deps.log.warn(m),
    });
    const svc = new SessionService(deps, workspace);
    if (reopen !== null) {
      const r = await svc.open(reopen);
      if (r.ok) deps.log.info(`sessions: reopened "${reopen}" (${r.value.snapshot === null ? 'autosaved working state' : `snapshot ${r.value.snapshot}`})`);
      else deps.log.warn(`sessions: cannot reopen "${reopen}": ${r.error.message}`);
    }
    return svc;
  }

  get writable(): boolean {
    return this.ws.writable;
  }

  get current(): Session | undefined {
    return this.ws.current;
  }

  async list(): Promise<SessionList> {
    const { sessions, invalid } = await this.ws.files.list();
    const open = this.ws.current ?? null;
    return {
      open: open?.id ?? null,
      writable: this.ws.writable,
      lock: this.ws.writable ? null : this.ws.lockMessage(),
      sessions: sessions.map((s) => summarise(s.id === open?.id ? open : s, open?.id ?? null)),
      invalid: invalid.map((i) => ({ id: i.id, file: i.file, problems: i.problems.map((p) => ({ path: p.path, message: p.message })) })),
    };
  }

  get(id: string): Outcome<Session> {
    return this.ws.load(id);
  }

  create(req: CreateRequest): Outcome<Session> {
    return this.ws.exclusive(async () => {
      const locked = this.ws.refuseIfLocked();
      if (locked !== undefined) return locked;
      const taken = new Set(await this.ws.files.ids());
      const id = uniqueSlug(slugify(req.name), (x) => taken.has(x), 'session');
      const rig = await this.captureRig();
      const d = req.delivery === undefined ? undefined : delivery(req.delivery.preset, req.delivery);
      const params = currentValues(this.deps.store);
      const s = newSession({ id, name: req.name, client: req.client, notes: req.notes, delivery: d, trackName: req.track, params, loudness: this.loudness, rig: rig ?? EMPTY_RIG, now: this.now() });
      return this.ws.commit(s, false);
    });
  }

  open(id: string): Outcome<RecallResult> {
    return this.ws.exclusive(async () => {
      const t0 = performance.now();
      const loaded = await this.ws.load(id);
      if (!loaded.ok) return loaded;
      const s = loaded.value;
      const track = trackOf(s);
      if (!track.ok) return track;
      const snap = track.value.snapshots.find((x) => x.name === s.current.snapshot);
      await this.ws.switchTo(s);
      // Nothing stored yet (no working state, no current snapshot): the current state stays.
      const values = s.working?.params ?? snap?.params ?? currentValues(this.deps.store);
      return ok(await this.apply(s, track.value.id, s.working === null ? (snap?.name ?? null) : null, values, `open ${s.id}`, t0));
    });
  }

  edit(id: string, req: EditRequest): Outcome<Session> {
    const d = req.delivery === undefined ? undefined : delivery(req.delivery.preset, req.delivery);
    return this.mutate(id, (s, now) => ok(withInfo(s, { ...req, delivery: d }, now)));
  }

  addTrack(id: string, name: string): Outcome<Session> {
    return this.mutate(id, (s, now) => ok(addTrack(s, name, now).session));
  }

  editTrack(id: string, track: string, req: TrackEditRequest): Outcome<Session> {
    return this.mutate(id, (s, now) => withTrackInfo(s, track, req, now));
  }

  storeSnapshot(id: string, req: StoreRequest): Outcome<Session> {
    if (!isSnapshotName(req.name)) {
      return Promise.resolve(err(sessionError(SessionErrorCode.NameInvalid, `snapshot name "${req.name}" must be 1-40 letters, digits and _ . - (starting with a letter or digit)`)));
    }
    return this.ws.exclusive(async () => {
      const rig = await this.captureRig();
      const values = currentValues(this.deps.store);
      return this.mutateNow(id, (s, now) => {
        const r = withSnapshot({ ...s, rig: rig ?? s.rig }, req.track, snapshot(req.name, values, this.loudness, now, req.notes), req.replace === true, now);
        return r.ok ? ok(withWorking(r.value, values, now)) : r;
      });
    });
  }

  recall(id: string, name: string, track?: string): Outcome<RecallResult> {
    return this.ws.exclusive(async () => {
      const t0 = performance.now();
      const loaded = await this.ws.load(id);
      if (!loaded.ok) return loaded;
      const found = snapshotOf(loaded.value, name, track);
      if (!found.ok) return found;
      const s = withCurrent(loaded.value, found.value.track.id, name);
      await this.ws.switchTo(s);
      return ok(await this.apply(s, found.value.track.id, name, found.value.snapshot.params, `recall ${name}`, t0));
    });
  }

  /**
   * Hardware recall: snapshot `name` of the open session's current track. The hook for the mapping
   * engine to call from a program change or a button bound to a snapshot (README, Sessions).
   */
  recallSnapshot(name: string): Outcome<RecallResult> {
    const s = this.ws.current;
    if (s === undefined) return Promise.resolve(err(sessionError(SessionErrorCode.NoneOpen, 'no session is open: create or open one first')));
    return this.recall(s.id, name);
  }

  /** The values of a snapshot of the open session (A/B compare). */
  snapshotValues(track: string | undefined, name: string): Result<{ track: string; values: ParamValues }, SessionError> {
    const s = this.ws.current;
    if (s === undefined) return err(sessionError(SessionErrorCode.NoneOpen, 'no session is open: create or open one first'));
    const found = snapshotOf(s, name, track);
    return found.ok ? ok({ track: found.value.track.id, values: found.value.snapshot.params }) : found;
  }

  async sheet(id: string, format: SheetFormat): Outcome<Sheet> {
    const loaded = await this.ws.load(id);
    if (!loaded.ok) return loaded;
    return ok(exportSheet(loaded.value, format, this.deps.store.list(), this.deps.controlsFor, this.now()));
  }

  assist(): RecallAssist {
    return recallAssist(this.deps.mappings());
  }

  /** Writes the working state now (tests, benchmarks). */
  flush(): Promise<void> {
    return this.ws.flush();
  }

  async close(): Promise<void> {
    this.stopMeters();
    await this.ws.close();
  }

  private async apply(s: Session, track: string, snap: string | null, values: ParamValues, label: string, t0: number): Promise<RecallResult> {
    const report = this.deps.history.batch(label, () => applyValues(this.deps.store, values));
    const durationMs = performance.now() - t0;
    const drift = this.deps.rig === undefined ? [] : await rigDrift(s.rig, this.deps.rig);
    return { session: s.id, track, snapshot: snap, ...report, durationMs, assist: this.assist(), rigDrift: drift };
  }

  private mutate(id: string, f: (s: Session, now: string) => Result<Session, SessionError>): Outcome<Session> {
    return this.ws.exclusive(() => this.mutateNow(id, f));
  }

  private async mutateNow(id: string, f: (s: Session, now: string) => Result<Session, SessionError>): Outcome<Session> {
    const locked = this.ws.refuseIfLocked();
    if (locked !== undefined) return locked;
    const loaded = await this.ws.load(id);
    if (!loaded.ok) return loaded;
    const next = f(loaded.value, this.now());
    return next.ok ? this.ws.commit(next.value, true) : next;
  }

  private captureRig(): Promise<Session['rig'] | undefined> {
    return this.deps.rig === undefined ? Promise.resolve(undefined) : captureRig(this.deps.rig);
  }
}
