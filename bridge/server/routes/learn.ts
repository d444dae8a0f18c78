/**
 * `/api/learn`: POST starts a learn and answers when it ends (200 learned, 408 LEARN_TIMEOUT,
 * 409 LEARN_CANCELLED, 404 PARAM_UNKNOWN, 500 LEARN_FAILED); DELETE cancels; GET reads the state.
 * A client that goes away while its learn listens cancels it. Without ServerDeps.learn every
 * route answers 503 LEARN_UNAVAILABLE.
 */
import { ErrorCode } from '../../core/errors.js';
import { assertNever } from '../../core/assert-never.js';
import type { Learned, LearnApi, LearnResult } from '../../learn/state.js';
import { ErrorBodySchema, type ErrorBody } from '../http-errors.js';
import type { TypedApp } from '../type-provider.js';
import { CancelSchema, DEFAULT_LEARN_TIMEOUT_MS, LearnBodySchema, LearnedSchema, LearnStateSchema } from './learn-schemas.js';

export const LearnErrorCode = {
  Timeout: 'LEARN_TIMEOUT',
  Cancelled: 'LEARN_CANCELLED',
  Failed: 'LEARN_FAILED',
  Unavailable: 'LEARN_UNAVAILABLE',
} as const;

const UNAVAILABLE: ErrorBody = { error: LearnErrorCode.Unavailable, message: 'learn is not available in this daemon' };

export function registerLearnRoutes(app: TypedApp, learn: LearnApi | undefined): void {
  let last: { requestId: string; result: LearnResult } | undefined;

  app.post(
    '/api/learn',
    { schema: { body: LearnBodySchema, response: { 200: LearnedSchema, 404: ErrorBodySchema, 408: ErrorBodySchema, 409: ErrorBodySchema, 500: ErrorBodySchema, 503: ErrorBodySchema } } },
    async (request, reply) => {
      if (learn === undefined) {
        reply.code(503);
        return UNAVAILABLE;
      }
      const { param, timeoutMs = DEFAULT_LEARN_TIMEOUT_MS, requestId } = request.body;
      let result: LearnResult;
      if (requestId !== undefined && last?.requestId === requestId) result = last.result;
      else {
        const gone = new AbortController();
        reply.raw.once('close', () => {
          if (!reply.raw.writableFinished) gone.abort();
        });
        result = await learn.start(param, timeoutMs, gone.signal);
        if (requestId !== undefined) last = { requestId, result };
      }
      const { status, body } = answer(result);
      reply.code(status);
      return body;
    },
  );

  app.get('/api/learn', { schema: { response: { 200: LearnStateSchema, 503: ErrorBodySchema } } }, (_request, reply) => {
    if (learn !== undefined) return learn.state();
    reply.code(503);
    return UNAVAILABLE;
  });

  app.delete('/api/learn', { schema: { response: { 200: CancelSchema, 503: ErrorBodySchema } } }, (_request, reply) => {
    if (learn === undefined) {
      reply.code(503);
      return UNAVAILABLE;
    }
    const cancelled = learn.cancel();
    return { cancelled, learn: learn.state() };
  });
}

function answer(r: LearnResult): { status: 200 | 404 | 408 | 409 | 500; body: Learned | ErrorBody } {
  switch (r.outcome) {
    case 'learned':
      return { status: 200, body: r.learned };
    case 'timeout':
      return { status: 408, body: { error: LearnErrorCode.Timeout, message: `no control moved for '${r.param}' in time` } };
    case 'cancelled':
      return { status: 409, body: { error: LearnErrorCode.Cancelled, message: `learn for '${r.param}' was cancelled` } };
    case 'unknown-param':
      return { status: 404, body: { error: ErrorCode.ParamUnknown, message: `unknown parameter '${r.param}'` } };
    case 'failed':
      return { status: 500, body: { error: LearnErrorCode.Failed, message: r.message } };
    default:
      return assertNever(r, 'learn result');
  }
}
