/**
 * The sessions' error catalogue: stable codes for the API (`{error, message}`), the CLI and the
 * log. Messages say what and where, in words for the engineer.
 */
export const SessionErrorCode = {
  /** No session file with that id (or no track / snapshot of that name). */
  NotFound: 'SESSION_NOT_FOUND',
  TrackNotFound: 'TRACK_NOT_FOUND',
  SnapshotNotFound: 'SNAPSHOT_NOT_FOUND',
  /** Storing under an existing snapshot name without `replace`. */
  SnapshotExists: 'SNAPSHOT_EXISTS',
  /** An id, track id or snapshot name that breaks its pattern (and could not be a file name). */
  NameInvalid: 'SESSION_NAME_INVALID',
  /** The file on disk fails validation: reported, never overwritten. */
  FileInvalid: 'SESSION_FILE_INVALID',
  /** Another live daemon holds the state directory's session lock: this one only reads. */
  Locked: 'SESSION_STORE_LOCKED',
  /** The disk refused a write (full, read-only, permissions); the old file is intact. */
  WriteFailed: 'SESSION_WRITE_FAILED',
  /** An operation on "the current session" while none is open. */
  NoneOpen: 'SESSION_NONE_OPEN',
  NothingToUndo: 'HISTORY_NOTHING_TO_UNDO',
  NothingToRedo: 'HISTORY_NOTHING_TO_REDO',
  CompareInactive: 'COMPARE_INACTIVE',
  CompareSlotUnknown: 'COMPARE_SLOT_UNKNOWN',
  CompareInvalid: 'COMPARE_INVALID',
  /** The daemon was started without sessions (the routes answer 503). */
  Unavailable: 'SESSIONS_UNAVAILABLE',
} as const;
export type SessionErrorCode = (typeof SessionErrorCode)[keyof typeof SessionErrorCode];

export interface SessionError {
  readonly code: SessionErrorCode;
  readonly message: string;
}

export const sessionError = (code: SessionErrorCode, message: string): SessionError => ({ code, message });
