/**
 * The one error shape of the HTTP API and the WebSocket `error` message: `{ error: CODE, message }`.
 * Domain errors keep their core codes (`PARAM_UNKNOWN`, ...); the codes below are the server's own,
 * for failures that never reach the core.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance } from 'fastify';
import { assertNever } from '../core/assert-never.js';
import { ErrorCode, type DetentError } from '../core/errors.js';

export const ServerErrorCode = {
  NotFound: 'NOT_FOUND',
  /** The request failed its route schema (wrong type, unknown field, missing field). */
  RequestInvalid: 'REQUEST_INVALID',
  /** Any other 4xx the HTTP layer raises (bad JSON, wrong content type, body too large). */
  BadRequest: 'BAD_REQUEST',
  MetersUnavailable: 'METERS_UNAVAILABLE',
  Internal: 'INTERNAL',
  /** A plain HTTP request to the WebSocket endpoint. */
  UpgradeRequired: 'UPGRADE_REQUIRED',
  /** A WebSocket text frame that is not JSON, or not a known client message. */
  WsBadMessage: 'WS_BAD_MESSAGE',
} as const;
export type ServerErrorCode = (typeof ServerErrorCode)[keyof typeof ServerErrorCode];

export const ErrorBodySchema = Type.Object({ error: Type.String(), message: Type.String() });
export type ErrorBody = Static<typeof ErrorBodySchema>;

export const errorBody = (error: ErrorCode | ServerErrorCode, message: string): ErrorBody => ({ error, message });
export const fromDetentError = (e: DetentError): ErrorBody => errorBody(e.code, e.message);

/** The HTTP status a core error maps to. */
export function statusOf(code: ErrorCode): 400 | 404 | 500 {
  switch (code) {
    case ErrorCode.ParamUnknown:
      return 404;
    case ErrorCode.ParamOutOfRange:
    case ErrorCode.ParamNotFinite:
    case ErrorCode.OscMalformed:
    case ErrorCode.OscBadArguments:
    case ErrorCode.ConfigInvalid:
    case ErrorCode.FileInvalid:
      return 400;
    case ErrorCode.OscUnknownAddress:
      return 404;
    default:
      return assertNever(code, 'error code');
  }
}

/**
 * Routes unknown paths, schema failures, parser failures and thrown errors into the one shape.
 * A 5xx never leaks its message to the client; it is logged instead.
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send(errorBody(ServerErrorCode.NotFound, `no route ${request.method} ${request.url}`));
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation !== undefined) {
      return reply.code(400).send(errorBody(ServerErrorCode.RequestInvalid, error.message));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send(errorBody(ServerErrorCode.BadRequest, error.message));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(errorBody(ServerErrorCode.Internal, 'internal error; see the daemon log'));
  });
}
