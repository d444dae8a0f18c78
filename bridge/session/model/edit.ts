import { err, ok, type Result } from '../../core/result.js';
import { SessionErrorCode, sessionError, type SessionError } from '../errors.js';
import { DEFAULT_DELIVERY, type Delivery } from './delivery.js';
import { slugify, uniqueSlug } from './names.js';
import { SESSION_SCHEMA_VERSION, type ParamValues, type Rig, type Session, type Snapshot, type Track } from './schema.js';

/**
 * Pure edits of a session: each returns a new session (the input is frozen and stays as it was)
 * with `modifiedAt` set to `now` (an ISO time, passed in: no clock here).
 */

export interface NewSession {
  readonly id: string;
  readonly name: string;
  readonly client?: string;
  readonly notes?: string;
  readonly delivery?: Delivery;
  readonly trackName?: string;
  /** The current state, stored as snapshot A of the first track. */
  readonly params: ParamValues;
  readonly loudness: number | null;
  readonly rig: Rig;
  readonly now: string;
}

export function newSession(n: NewSession): Session {
  const trackName = n.trackName ?? n.name;
  const track: Track = { id: slugify(trackName) || 'track-1', name: trackName, notes: '', delivery: null, snapshots: [snapshot('A', n.params, n.loudness, n.now)] };
  return {
    schemaVersion: SESSION_SCHEMA_VERSION,
    id: n.id,
    name: n.name,
    client: n.client ?? '',
    notes: n.notes ?? '',
    createdAt: n.now,
    modifiedAt: n.now,
    delivery: n.delivery ?? DEFAULT_DELIVERY,
    tracks: [track],
    current: { track: track.id, snapshot: 'A' },
    working: { savedAt: n.now, params: n.params },
    rig: n.rig,
  };
}

export const snapshot = (name: string, params: ParamValues, loudness: number | null, now: string, notes = ''): Snapshot => ({ name, takenAt: now, notes, params, loudness });

/** The track `id` names, or the current one (the first when none is recorded). */
export function trackOf(s: Session, id?: string): Result<Track, SessionError> {
  const wanted = id ?? s.current.track;
  const t = wanted === null ? s.tracks[0] : s.tracks.find((x) => x.id === wanted);
  return t === undefined ? err(sessionError(SessionErrorCode.TrackNotFound, `session "${s.id}" has no track "${wanted ?? ''}"`)) : ok(t);
}

export function snapshotOf(s: Session, name: string, trackId?: string): Result<{ track: Track; snapshot: Snapshot }, SessionError> {
  const t = trackOf(s, trackId);
  if (!t.ok) return t;
  const found = t.value.snapshots.find((x) => x.name === name);
  if (found === undefined) {
    const names = t.value.snapshots.map((x) => x.name).join(', ') || 'none';
    return err(sessionError(SessionErrorCode.SnapshotNotFound, `track "${t.value.id}" of session "${s.id}" has no snapshot "${name}" (it has: ${names})`));
  }
  return ok({ track: t.value, snapshot: found });
}

/** Stores a snapshot in a track; an existing name is replaced only when `replace` is set. */
export function withSnapshot(s: Session, trackId: string | undefined, snap: Snapshot, replace: boolean, now: string): Result<Session, SessionError> {
  const t = trackOf(s, trackId);
  if (!t.ok) return t;
  const exists = t.value.snapshots.some((x) => x.name === snap.name);
  if (exists && !replace) {
    return err(sessionError(SessionErrorCode.SnapshotExists, `track "${t.value.id}" already has a snapshot "${snap.name}"; pass replace to overwrite it (the old file is kept as a backup)`));
  }
  const snapshots = exists ? t.value.snapshots.map((x) => (x.name === snap.name ? snap : x)) : [...t.value.snapshots, snap];
  return ok(withTrack({ ...s, current: { track: t.value.id, snapshot: snap.name }, modifiedAt: now }, { ...t.value, snapshots }));
}

export function withTrack(s: Session, track: Track): Session {
  return { ...s, tracks: s.tracks.map((t) => (t.id === track.id ? track : t)) };
}

/** Adds an empty track (its id from its name, made unique) and makes it current. */
export function addTrack(s: Session, name: string, now: string): { session: Session; track: Track } {
  const id = uniqueSlug(slugify(name), (x) => s.tracks.some((t) => t.id === x), 'track');
  const track: Track = { id, name, notes: '', delivery: null, snapshots: [] };
  return { session: { ...s, tracks: [...s.tracks, track], current: { track: id, snapshot: null }, modifiedAt: now }, track };
}

export interface InfoEdit {
  readonly name?: string;
  readonly client?: string;
  readonly notes?: string;
  readonly delivery?: Delivery;
}

export const withInfo = (s: Session, e: InfoEdit, now: string): Session => ({ ...s, ...definedOnly(e), modifiedAt: now });

export interface TrackEdit {
  readonly name?: string;
  readonly notes?: string;
}

/** A track's title and notes changed; the other fields and tracks stay. */
export function withTrackInfo(s: Session, trackId: string, e: TrackEdit, now: string): Result<Session, SessionError> {
  const t = trackOf(s, trackId);
  if (!t.ok) return t;
  const changed = Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as TrackEdit;
  return ok(withTrack({ ...s, modifiedAt: now }, { ...t.value, ...changed }));
}

export const withCurrent = (s: Session, track: string, snapshotName: string | null): Session => ({ ...s, current: { track, snapshot: snapshotName } });

/** The autosaved working state; `modifiedAt` is left alone (autosave is not an edit). */
export const withWorking = (s: Session, params: ParamValues, now: string): Session => ({ ...s, working: { savedAt: now, params } });

/** The delivery target in force for a track: its own, or the session's. */
export const deliveryOf = (s: Session, t: Track): Delivery => t.delivery ?? s.delivery;

function definedOnly(e: InfoEdit): InfoEdit {
  return Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as InfoEdit;
}
