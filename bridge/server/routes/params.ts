/**
 * `/api/params`: list, read and set parameters. Setting goes through ParamStore.set / setNorm, so
 * the API obeys the same range checks and quantisation as every controller.
 * Handlers set the status and return the body; fastify serialises it with the route's schema.
 */
import { Type } from '@sinclair/typebox';
import { ErrorCode } from '../../core/errors.js';
import type { ParamStore } from '../../core/param/store.js';
import { maybeUnit } from '../../core/unit.js';
import { ErrorBodySchema, errorBody, fromDetentError, ServerErrorCode, statusOf } from '../http-errors.js';
import { paramState, paramStates } from '../param-state.js';
import { ParamStateSchema } from '../schemas.js';
import type { TypedApp } from '../type-provider.js';

const IdParams = Type.Object({ id: Type.String({ minLength: 1 }) });

/**
 * Exactly one of `value` (plain units) or `norm` (0..1). Both are optional in the schema so that
 * the "exactly one" rule answers with a clear message rather than an `anyOf` failure.
 */
const SetBody = Type.Object(
  { value: Type.Optional(Type.Number()), norm: Type.Optional(Type.Number()) },
  { additionalProperties: false },
);

const API_ORIGIN = { kind: 'api' } as const;
const unknownParam = (id: string) => errorBody(ErrorCode.ParamUnknown, `unknown parameter '${id}'`);
const notExactlyOne = errorBody(
  ServerErrorCode.RequestInvalid,
  "body must have exactly one of 'value' (plain units) or 'norm' (0..1)",
);

export function registerParamRoutes(app: TypedApp, store: ParamStore): void {
  app.get('/api/params', { schema: { response: { 200: Type.Array(ParamStateSchema) } } }, () => paramStates(store));

  app.get(
    '/api/params/:id',
    { schema: { params: IdParams, response: { 200: ParamStateSchema, 404: ErrorBodySchema } } },
    (request, reply) => {
      const d = store.descriptor(request.params.id);
      if (d !== undefined) return paramState(store, d);
      reply.code(404);
      return unknownParam(request.params.id);
    },
  );

  app.put(
    '/api/params/:id',
    {
      schema: {
        params: IdParams,
        body: SetBody,
        response: { 200: ParamStateSchema, 400: ErrorBodySchema, 404: ErrorBodySchema, 500: ErrorBodySchema },
      },
    },
    (request, reply) => {
      const { id } = request.params;
      const { value, norm } = request.body;
      const d = store.descriptor(id);
      if (d === undefined) {
        reply.code(404);
        return unknownParam(id);
      }
      if ((value === undefined) === (norm === undefined)) {
        reply.code(400);
        return notExactlyOne;
      }
      const n = norm === undefined ? undefined : maybeUnit(norm);
      if (norm !== undefined && n === undefined) {
        reply.code(400);
        return errorBody(ErrorCode.ParamOutOfRange, `${id}: norm ${norm} is outside 0..1`);
      }
      const result = n === undefined ? store.set(id, value ?? Number.NaN, API_ORIGIN) : store.setNorm(id, n, API_ORIGIN);
      if (!result.ok) {
        reply.code(statusOf(result.error.code));
        return fromDetentError(result.error);
      }
      return paramState(store, d);
    },
  );
}
