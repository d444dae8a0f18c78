import type { MeterFrame } from '../../engine/interface.js';
import { ErrorBodySchema, errorBody, ServerErrorCode } from '../http-errors.js';
import { MeterFrameSchema } from '../schemas.js';
import type { TypedApp } from '../type-provider.js';

/**
 * `GET /api/meters`: the latest meter frame. Before the engine has produced one (not started, or
 * failed) it answers 503 METERS_UNAVAILABLE rather than an invented silent frame, so a script can
 * tell "silence" (-120 dBFS) from "no engine".
 */
export function registerMeterRoute(app: TypedApp, latest: () => MeterFrame | undefined): void {
  app.get('/api/meters', { schema: { response: { 200: MeterFrameSchema, 503: ErrorBodySchema } } }, (_request, reply) => {
    const frame = latest();
    if (frame !== undefined) return frame;
    reply.code(503);
    return errorBody(ServerErrorCode.MetersUnavailable, 'no meter frame yet: the engine has not produced one');
  });
}
