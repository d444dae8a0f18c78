/**
 * TypeBox schemas of `/api/sessions`, `/api/compare`, `/api/history` and `/api/recall-assist`.
 * Responses mirror the types in bridge/session (api.ts, compare, history); the drift check at the
 * bottom fails to compile when the two disagree. Sessions are answered with the file schema itself.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { RecallResult, SessionList } from '../../session/api.js';
import type { CompareState } from '../../session/compare/compare.js';
import type { HistoryStep, HistoryView } from '../../session/history/history.js';
import { DELIVERY_PRESET_IDS } from '../../session/model/delivery.js';
import { SLUG_PATTERN, SNAPSHOT_NAME_PATTERN } from '../../session/model/names.js';

export { SessionSchema } from '../../session/model/schema.js';

const Name = Type.String({ minLength: 1, maxLength: 200 });
const Preset = Type.Union(DELIVERY_PRESET_IDS.map((id) => Type.Literal(id)));
export const DeliveryBody = Type.Object(
  {
    preset: Preset,
    lufs: Type.Optional(Type.Union([Type.Number({ minimum: -70, maximum: 0 }), Type.Null()])),
    truePeakDb: Type.Optional(Type.Number({ minimum: -20, maximum: 0 })),
  },
  { additionalProperties: false },
);

export const CreateBody = Type.Object(
  { name: Name, client: Type.Optional(Type.String({ maxLength: 200 })), notes: Type.Optional(Type.String({ maxLength: 20000 })), track: Type.Optional(Name), delivery: Type.Optional(DeliveryBody) },
  { additionalProperties: false },
);
export const EditBody = Type.Object(
  { name: Type.Optional(Name), client: Type.Optional(Type.String({ maxLength: 200 })), notes: Type.Optional(Type.String({ maxLength: 20000 })), delivery: Type.Optional(DeliveryBody) },
  { additionalProperties: false },
);
export const TrackBody = Type.Object({ name: Name }, { additionalProperties: false });
export const TrackEditBody = Type.Object({ name: Type.Optional(Name), notes: Type.Optional(Type.String({ maxLength: 20000 })) }, { additionalProperties: false });
export const StoreBody = Type.Object(
  {
    name: Type.String({ pattern: SNAPSHOT_NAME_PATTERN }),
    track: Type.Optional(Type.String({ pattern: SLUG_PATTERN })),
    notes: Type.Optional(Type.String({ maxLength: 20000 })),
    replace: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Type.String({ minLength: 1 }) });
export const TrackParams = Type.Object({ id: Type.String({ minLength: 1 }), track: Type.String({ pattern: SLUG_PATTERN }) });
export const SnapshotParams = Type.Object({ id: Type.String({ minLength: 1 }), name: Type.String({ minLength: 1 }) });
export const TrackQuery = Type.Object({ track: Type.Optional(Type.String({ pattern: SLUG_PATTERN })) }, { additionalProperties: false });
export const SheetQuery = Type.Object({ format: Type.Optional(Type.Union([Type.Literal('html'), Type.Literal('csv')])) }, { additionalProperties: false });

const Direction = Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Null()]);
export const AssistSchema = Type.Object({
  allCaught: Type.Boolean(),
  pending: Type.Array(Type.Object({ mapping: Type.String(), control: Type.String(), target: Type.String(), direction: Direction, distance: Type.Union([Type.Number(), Type.Null()]) })),
  unseen: Type.Array(Type.Object({ mapping: Type.String(), control: Type.String(), target: Type.String() })),
});

export const RecallResultSchema = Type.Object({
  session: Type.String(),
  track: Type.String(),
  snapshot: Type.Union([Type.String(), Type.Null()]),
  applied: Type.Integer(),
  changed: Type.Integer(),
  defaulted: Type.Array(Type.String()),
  unknown: Type.Array(Type.String()),
  clamped: Type.Array(Type.String()),
  durationMs: Type.Number(),
  assist: AssistSchema,
  rigDrift: Type.Array(Type.String()),
});

export const SessionListSchema = Type.Object({
  open: Type.Union([Type.String(), Type.Null()]),
  writable: Type.Boolean(),
  lock: Type.Union([Type.String(), Type.Null()]),
  sessions: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      client: Type.String(),
      createdAt: Type.String(),
      modifiedAt: Type.String(),
      open: Type.Boolean(),
      tracks: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), snapshots: Type.Array(Type.String()) })),
    }),
  ),
  invalid: Type.Array(Type.Object({ id: Type.String(), file: Type.String(), problems: Type.Array(Type.Object({ path: Type.String(), message: Type.String() })) })),
});

const Method = Type.Union([Type.Literal('short-term'), Type.Literal('integrated'), Type.Literal('off')]);
export const MatchBody = Type.Object({ method: Type.Optional(Method), windowS: Type.Optional(Type.Number({ minimum: 0, maximum: 600 })) }, { additionalProperties: false });
export const CompareBody = Type.Object(
  {
    mode: Type.Union([Type.Literal('snapshots'), Type.Literal('bypass')]),
    slots: Type.Optional(Type.Array(Type.String({ pattern: SNAPSHOT_NAME_PATTERN }), { minItems: 2, maxItems: 8 })),
    track: Type.Optional(Type.String({ pattern: SLUG_PATTERN })),
    match: Type.Optional(MatchBody),
  },
  { additionalProperties: false },
);
export const SelectBody = Type.Object({ slot: Type.String({ minLength: 1 }) }, { additionalProperties: false });

const Source = Type.Union([Type.Literal('short-term'), Type.Literal('integrated'), Type.Literal('rms'), Type.Null()]);
export const CompareStateSchema = Type.Union([
  Type.Object({ active: Type.Literal(false) }),
  Type.Object({
    active: Type.Literal(true),
    mode: Type.Union([Type.Literal('snapshots'), Type.Literal('bypass')]),
    track: Type.Union([Type.String(), Type.Null()]),
    slots: Type.Array(Type.Object({ name: Type.String(), loudness: Type.Union([Type.Number(), Type.Null()]), source: Source, offsetLu: Type.Union([Type.Number(), Type.Null()]), gainDb: Type.Number() })),
    selected: Type.String(),
    measuring: Type.Boolean(),
    match: Type.Object({ method: Method, windowS: Type.Number() }),
    matched: Type.Boolean(),
    monitorGainDb: Type.Number(),
    monitor: Type.Union([Type.Literal('engine'), Type.Literal('unavailable')]),
  }),
]);

export const HistoryStepSchema = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  until: Type.String(),
  label: Type.String(),
  origin: Type.String(),
  changes: Type.Array(Type.Object({ id: Type.String(), before: Type.Number(), after: Type.Number() })),
});
export const HistoryViewSchema = Type.Object({ steps: Type.Array(HistoryStepSchema), undoable: Type.Integer(), redoable: Type.Integer() });

export const DeliveryTargetsSchema = Type.Array(
  Type.Object({ id: Preset, name: Type.String(), lufs: Type.Union([Type.Number(), Type.Null()]), truePeakDb: Type.Number(), note: Type.String() }),
);

type Loose<T> = T extends readonly (infer E)[] ? Loose<E>[] : T extends object ? { -readonly [K in keyof T]: Loose<T[K]> } : T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const drift: [
  Same<Static<typeof RecallResultSchema>, Loose<RecallResult>>,
  Same<Static<typeof SessionListSchema>, Loose<SessionList>>,
  Same<Static<typeof CompareStateSchema>, Loose<CompareState>>,
  Same<Static<typeof HistoryStepSchema>, Loose<HistoryStep>>,
  Same<Static<typeof HistoryViewSchema>, Loose<HistoryView>>,
] = [true, true, true, true, true];
void drift;
