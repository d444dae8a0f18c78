/**
 * `/api/transport`: the embedded engine's player. GET reads the state (playing, loop, position and
 * duration in seconds, source); POST sends one command and answers the new state:
 * `{"action":"play"}`, `{"action":"pause"}`, `{"action":"seek","position":42.5}`,
 * `{"action":"loop","loop":false}`, `{"action":"load","source":"/path/song.wav"}` (or `demo`,
 * `input`). A command that cannot be carried out (the live input has no transport, a file that
 * cannot be played) answers 409 TRANSPORT_REFUSED with the reason; nothing changed. An engine
 * without a player (an external engine): 503 TRANSPORT_UNAVAILABLE.
 */
import { Type } from '@sinclair/typebox';
import type { TransportCommand, TransportResult, TransportState } from '../../engine/source/transport.js';
import { ErrorBodySchema, type ErrorBody } from '../http-errors.js';
import type { TypedApp } from '../type-provider.js';

export interface TransportApi {
  control(command: TransportCommand): Promise<TransportResult>;
  state(): TransportState;
}

export const TransportErrorCode = { Unavailable: 'TRANSPORT_UNAVAILABLE', Refused: 'TRANSPORT_REFUSED' } as const;

const TransportStateSchema = Type.Object({
  playing: Type.Boolean(),
  loop: Type.Boolean(),
  position: Type.Number({ minimum: 0 }),
  duration: Type.Number({ minimum: 0 }),
  source: Type.String(),
});

const strict = { additionalProperties: false } as const;
const TransportCommandSchema = Type.Union([
  Type.Object({ action: Type.Literal('play') }, strict),
  Type.Object({ action: Type.Literal('pause') }, strict),
  Type.Object({ action: Type.Literal('seek'), position: Type.Number({ minimum: 0 }) }, strict),
  Type.Object({ action: Type.Literal('loop'), loop: Type.Boolean() }, strict),
  // A path, `demo` or `input`; read by the daemon with its own permissions, like --source.
  Type.Object({ action: Type.Literal('load'), source: Type.String({ minLength: 1, maxLength: 4096 }) }, strict),
]);

const UNAVAILABLE: ErrorBody = { error: TransportErrorCode.Unavailable, message: 'this engine has no transport (an external engine plays its own material)' };

export function registerTransportRoutes(app: TypedApp, transport: TransportApi | undefined): void {
  const responses = { 200: TransportStateSchema, 409: ErrorBodySchema, 503: ErrorBodySchema };
  app.get('/api/transport', { schema: { response: responses } }, (_req, reply) => {
    if (transport !== undefined) return transport.state();
    reply.code(503);
    return UNAVAILABLE;
  });
  app.post('/api/transport', { schema: { body: TransportCommandSchema, response: responses } }, async (req, reply) => {
    if (transport === undefined) {
      reply.code(503);
      return UNAVAILABLE;
    }
    const r = await transport.control(req.body);
    if (r.ok) return r.state;
    reply.code(409);
    return { error: TransportErrorCode.Refused, message: r.reason };
  });
}
