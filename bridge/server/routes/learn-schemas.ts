/**
 * TypeBox schemas of the learn API (`/api/learn`), mirroring bridge/learn/state.ts; the drift
 * check at the bottom fails to compile when the two disagree.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { Learned, LearnState } from '../../learn/state.js';

/** Longest wait a request may ask for (ms); HTTP clients give up on silent requests after ~5 min. */
export const MAX_LEARN_TIMEOUT_MS = 240_000;
export const DEFAULT_LEARN_TIMEOUT_MS = 30_000;

export const LearnBodySchema = Type.Object(
  {
    param: Type.String({ minLength: 1 }),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: MAX_LEARN_TIMEOUT_MS })),
    /**
     * A client-chosen id. A request repeating the id of the last learn that finished gets that
     * learn's answer again instead of starting a new one: browsers resend a request that was
     * answered 408 on a reused connection.
     */
    requestId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);

const Kind = Type.Union([Type.Literal('absolute'), Type.Literal('relative'), Type.Literal('button')]);

export const LearnedSchema = Type.Object({
  param: Type.String(),
  control: Type.String(),
  kind: Kind,
  input: Type.String(),
  createdControl: Type.Boolean(),
  mapping: Type.Object({
    id: Type.String(),
    control: Type.String(),
    target: Type.String(),
    when: Type.Optional(
      Type.Object({
        modifiers: Type.Array(Type.Object({ control: Type.String(), held: Type.Boolean() })),
        page: Type.Optional(Type.String()),
      }),
    ),
    glue: Type.Optional(Type.Object({ button: Type.Literal('toggle') })),
  }),
});

export const LearnStateSchema = Type.Union([
  Type.Object({ state: Type.Literal('idle') }),
  Type.Object({ state: Type.Literal('listening'), param: Type.String(), timeoutMs: Type.Number() }),
  Type.Object({ state: Type.Literal('learned'), param: Type.String(), control: Type.String(), kind: Kind, input: Type.String(), mapping: Type.String() }),
  Type.Object({ state: Type.Union([Type.Literal('timeout'), Type.Literal('cancelled')]), param: Type.String() }),
  Type.Object({ state: Type.Literal('failed'), param: Type.String(), message: Type.String() }),
]);

export const CancelSchema = Type.Object({ cancelled: Type.Boolean(), learn: LearnStateSchema });

type Loose<T> = T extends readonly (infer E)[] ? Loose<E>[] : T extends object ? { -readonly [K in keyof T]: Loose<T[K]> } : T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const drift: [Same<Static<typeof LearnedSchema>, Loose<Learned>>, Same<Static<typeof LearnStateSchema>, Loose<LearnState>>] = [true, true];
void drift;
