import { Type, type Static } from '@sinclair/typebox';
import { ParamName, SchemaRef } from '../../config/names.js';
import { delivery, DELIVERY_PRESET_IDS, type DeliveryPresetId } from './delivery.js';
import { IsoTime, SNAPSHOT_NAME_PATTERN } from './names.js';

/**
 * Version 1, the single-track layout: one list of snapshots at the top (name → values), a
 * delivery preset by id, no rig, no working state. It is the format of hand-written and scripted
 * session files (the smallest file Detent reads), and the first link of the migration chain.
 */
export const SessionV1Schema = Type.Object(
  {
    $schema: SchemaRef,
    schemaVersion: Type.Literal(1),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    client: Type.String({ default: '', maxLength: 200 }),
    notes: Type.String({ default: '', maxLength: 20000 }),
    created: IsoTime,
    modified: IsoTime,
    delivery: Type.Union(
      DELIVERY_PRESET_IDS.map((id) => Type.Literal(id)),
      { default: 'spotify' },
    ),
    snapshots: Type.Record(Type.String({ pattern: SNAPSHOT_NAME_PATTERN }), Type.Record(ParamName, Type.Number(), { additionalProperties: false }), { additionalProperties: false, default: {} }),
  },
  { additionalProperties: false },
);
export type SessionV1 = Static<typeof SessionV1Schema>;

/** The track a v1 session becomes. */
export const V1_TRACK_ID = 'main';

/**
 * v1 → v2: the snapshots become the one track's (in file order, taken at the file's `modified`
 * time), the preset id becomes its figures, `created`/`modified` are renamed. Pure and total on a
 * checked v1 value; the id comes from the file name, as v1 files carry none.
 */
export function v1ToV2(v1: SessionV1, id: string): Record<string, unknown> {
  const preset: DeliveryPresetId = v1.delivery;
  const snapshots = Object.entries(v1.snapshots).map(([name, params]) => ({ name, takenAt: v1.modified, notes: '', params, loudness: null }));
  return {
    schemaVersion: 2,
    id,
    name: v1.name,
    client: v1.client,
    notes: v1.notes,
    createdAt: v1.created,
    modifiedAt: v1.modified,
    delivery: delivery(preset),
    tracks: [{ id: V1_TRACK_ID, name: v1.name, notes: '', delivery: null, snapshots }],
    current: { track: V1_TRACK_ID, snapshot: snapshots[0]?.name ?? null },
    working: null,
    rig: {},
  };
}
