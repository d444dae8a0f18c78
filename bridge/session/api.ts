/**
 * What the HTTP routes and the CLI see of sessions: request and result shapes, and the three
 * services (sessions, compare, history) as interfaces so the routes are tested with fakes or the
 * real thing alike.
 */
import type { Result } from '../core/result.js';
import type { CompareSetup, CompareState } from './compare/compare.js';
import type { SessionError } from './errors.js';
import type { HistoryStep, HistoryView } from './history/history.js';
import type { DeliveryPresetId } from './model/delivery.js';
import type { Session } from './model/schema.js';
import type { ApplyReport } from './recall/apply.js';
import type { RecallAssist } from './recall/assist.js';

export interface SessionSummary {
  readonly id: string;
  readonly name: string;
  readonly client: string;
  readonly createdAt: string;
  readonly modifiedAt: string;
  readonly open: boolean;
  readonly tracks: readonly { readonly id: string; readonly name: string; readonly snapshots: readonly string[] }[];
}

export interface SessionList {
  /** The open session's id, or null. */
  readonly open: string | null;
  /** False when another daemon holds the lock: this one lists and recalls but never writes. */
  readonly writable: boolean;
  /** Why not writable (names the process holding the lock), or null. */
  readonly lock: string | null;
  readonly sessions: readonly SessionSummary[];
  /** Files that fail validation: reported with path and field, never overwritten. */
  readonly invalid: readonly { readonly id: string; readonly file: string; readonly problems: readonly { readonly path: string; readonly message: string }[] }[];
}

export interface DeliveryRequest {
  readonly preset: DeliveryPresetId;
  /** For `custom` only: the figures (LUFS, dBTP). */
  readonly lufs?: number | null;
  readonly truePeakDb?: number;
}

export interface CreateRequest {
  readonly name: string;
  readonly client?: string;
  readonly notes?: string;
  /** The first track's title; defaults to the session's name. */
  readonly track?: string;
  readonly delivery?: DeliveryRequest;
}

export interface EditRequest {
  readonly name?: string;
  readonly client?: string;
  readonly notes?: string;
  readonly delivery?: DeliveryRequest;
}

export interface TrackEditRequest {
  readonly name?: string;
  readonly notes?: string;
}

export interface StoreRequest {
  readonly name: string;
  /** Track id; defaults to the session's current track. */
  readonly track?: string;
  readonly notes?: string;
  /** Overwrite a snapshot of the same name (the old file goes to the backups). */
  readonly replace?: boolean;
}

export interface RecallResult extends ApplyReport {
  readonly session: string;
  readonly track: string;
  /** The snapshot recalled; null when opening restored the autosaved working state. */
  readonly snapshot: string | null;
  /** From the request to every parameter applied to the store, engine and feedback queues, ms. */
  readonly durationMs: number;
  readonly assist: RecallAssist;
  /** Controller files changed since the session captured them ("changed: <file>"). */
  readonly rigDrift: readonly string[];
}

export type SheetFormat = 'html' | 'csv';

export interface Sheet {
  readonly contentType: string;
  readonly filename: string;
  readonly body: string;
}

export type Outcome<T> = Promise<Result<T, SessionError>>;

export interface SessionApi {
  list(): Promise<SessionList>;
  get(id: string): Outcome<Session>;
  create(req: CreateRequest): Outcome<Session>;
  /** Makes a session the open one and restores its autosaved working state (or its current snapshot). */
  open(id: string): Outcome<RecallResult>;
  edit(id: string, req: EditRequest): Outcome<Session>;
  addTrack(id: string, name: string): Outcome<Session>;
  /** Renames a track or replaces its notes. */
  editTrack(id: string, track: string, req: TrackEditRequest): Outcome<Session>;
  storeSnapshot(id: string, req: StoreRequest): Outcome<Session>;
  recall(id: string, snapshot: string, track?: string): Outcome<RecallResult>;
  sheet(id: string, format: SheetFormat): Outcome<Sheet>;
  assist(): RecallAssist;
}

export interface CompareApi {
  start(setup: CompareSetup): Result<CompareState, SessionError>;
  select(slot: string): Result<CompareState, SessionError>;
  stop(): CompareState;
  state(): CompareState;
}

export interface HistoryApi {
  view(): HistoryView;
  undo(): Result<HistoryStep, SessionError>;
  redo(): Result<HistoryStep, SessionError>;
}

/** Everything the server needs for `/api/sessions`, `/api/compare`, `/api/history`. */
export interface SessionFeatures {
  readonly sessions: SessionApi;
  readonly compare: CompareApi;
  readonly history: HistoryApi;
}
