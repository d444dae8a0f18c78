import { Type, type Static } from '@sinclair/typebox';
import type { Frozen } from '../../config/freeze.js';
import { ParamName, SchemaRef } from '../../config/names.js';
import { DEFAULT_DELIVERY, DeliverySchema, deliverySchema } from './delivery.js';
import { IsoTime, Slug, SnapshotName } from './names.js';

/**
 * The session file, `<stateDir>/sessions/<id>.json`: one mastering job. This is the saved format,
 * versioned by `schemaVersion`; older versions are migrated (migrate.ts) before this schema
 * checks them. Every object is closed (additionalProperties false) and optional fields have
 * defaults, so a loaded session is always complete. Parameter values are plain values in each
 * parameter's own unit (dB, Hz, ms, ...), keyed by parameter id.
 */
export const SESSION_SCHEMA_VERSION = 2;

const Text = (max: number, description: string) => Type.String({ minLength: 1, maxLength: max, description });
const Notes = Type.String({ default: '', maxLength: 20000, description: 'Free text.' });

/** Plain values by parameter id. */
export const ParamValuesSchema = Type.Record(ParamName, Type.Number(), { additionalProperties: false, description: 'Plain values by parameter id.' });

export const SnapshotSchema = Type.Object(
  {
    name: SnapshotName,
    takenAt: IsoTime,
    notes: Notes,
    /** Every parameter of the chain when the snapshot was stored. */
    params: ParamValuesSchema,
    /** Short-term loudness when stored (LUFS), if the engine meters; for the recall sheet only. */
    loudness: Type.Union([Type.Number(), Type.Null()], { default: null }),
  },
  { additionalProperties: false },
);

export const TrackSchema = Type.Object(
  {
    id: Slug('track-1', 'Track id, unique in the session.'),
    name: Text(200, 'Track title.'),
    notes: Notes,
    /** Null: the session's delivery target applies. */
    delivery: Type.Union([DeliverySchema, Type.Null()], { default: null }),
    snapshots: Type.Array(SnapshotSchema, { default: [] }),
  },
  { additionalProperties: false },
);

/** A copy of a file the controller set-up was loaded from, so a job recalls on the rig it had. */
export const RigFileSchema = Type.Object(
  {
    file: Type.String({ minLength: 1, description: 'Absolute path when captured.' }),
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'Of the file text.' }),
    content: Type.Unknown({ description: 'The parsed JSON; validated by its own schema when used.' }),
  },
  { additionalProperties: false },
);

export const RigSchema = Type.Object(
  {
    mappingSet: Type.Union([RigFileSchema, Type.Null()], { default: null }),
    /** The learned overlay set (state dir), when there is one. */
    learnedSet: Type.Union([RigFileSchema, Type.Null()], { default: null }),
    profiles: Type.Array(RigFileSchema, { default: [] }),
    /** Serial knob-box calibrations; empty until serial drivers exist (their issue adds them). */
    calibrations: Type.Array(RigFileSchema, { default: [] }),
  },
  { additionalProperties: false, default: {} },
);

export const SessionSchema = Type.Object(
  {
    $schema: SchemaRef,
    schemaVersion: Type.Literal(SESSION_SCHEMA_VERSION, { description: 'File format version.' }),
    id: Slug('smith-album', 'Session id; equals the file name without .json.'),
    name: Text(200, 'Job title.'),
    client: Type.String({ default: '', maxLength: 200, description: 'Artist or client.' }),
    notes: Notes,
    createdAt: IsoTime,
    modifiedAt: IsoTime,
    delivery: deliverySchema({ default: DEFAULT_DELIVERY }),
    tracks: Type.Array(TrackSchema, { minItems: 1 }),
    /** The track and snapshot last stored or recalled; null track: the first. */
    current: Type.Object(
      { track: Type.Union([Slug('track-1', 'Track id.'), Type.Null()], { default: null }), snapshot: Type.Union([SnapshotName, Type.Null()], { default: null }) },
      { additionalProperties: false, default: {} },
    ),
    /** The working state (every parameter), autosaved while the session is open. */
    working: Type.Union(
      [Type.Object({ savedAt: IsoTime, params: ParamValuesSchema }, { additionalProperties: false }), Type.Null()],
      { default: null },
    ),
    rig: RigSchema,
  },
  { additionalProperties: false },
);

export type SessionFile = Static<typeof SessionSchema>;
/** A loaded session: validated, defaults filled, deep-frozen. Changes make new objects (edit.ts). */
export type Session = Frozen<SessionFile>;
export type Track = Session['tracks'][number];
export type Snapshot = Track['snapshots'][number];
export type Rig = Session['rig'];
export type RigFile = Frozen<Static<typeof RigFileSchema>>;
export type ParamValues = Readonly<Record<string, number>>;

/** No controller set-up captured (a daemon started without mapping files, tests). */
export const EMPTY_RIG: Rig = Object.freeze({ mappingSet: null, learnedSet: null, profiles: [], calibrations: [] });
