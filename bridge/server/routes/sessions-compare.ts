/**
 * `/api/compare` (level-matched A/B: GET state, POST start, POST /select, DELETE stop) and
 * `/api/history` (GET the steps, POST /undo, POST /redo). Without ServerDeps.sessions: 503.
 */
import { ok } from '../../core/result.js';
import type { SessionFeatures } from '../../session/api.js';
import type { CompareSetup } from '../../session/compare/compare.js';
import { ErrorBodySchema, type ErrorBody } from '../http-errors.js';
import type { TypedApp } from '../type-provider.js';
import { answer, UNAVAILABLE } from './sessions.js';
import { CompareBody, CompareStateSchema, HistoryStepSchema, HistoryViewSchema, SelectBody } from './sessions-schemas.js';

const errors = { 400: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema, 503: ErrorBodySchema };
/** Short-term loudness averaged over 3 s once the state has played alone for the 3 s window. */
const DEFAULT_MATCH = { method: 'short-term', windowS: 3 } as const;

export function registerCompareRoutes(app: TypedApp, features: SessionFeatures | undefined): void {
  const unavailable = (reply: { code(c: number): unknown }): ErrorBody => {
    reply.code(503);
    return UNAVAILABLE;
  };
  const compare = features?.compare;
  const history = features?.history;

  app.get('/api/compare', { schema: { response: { 200: CompareStateSchema, 503: ErrorBodySchema } } }, (_req, reply) => (compare === undefined ? unavailable(reply) : compare.state()));

  app.post('/api/compare', { schema: { body: CompareBody, response: { 200: CompareStateSchema, ...errors } } }, (req, reply) => {
    if (compare === undefined) return unavailable(reply);
    const b = req.body;
    const match = { ...DEFAULT_MATCH, ...b.match };
    const setup: CompareSetup = b.mode === 'bypass' ? { mode: 'bypass', match } : { mode: 'snapshots', slots: b.slots ?? ['A', 'B'], track: b.track, match };
    return answer(reply, compare.start(setup));
  });

  app.post('/api/compare/select', { schema: { body: SelectBody, response: { 200: CompareStateSchema, ...errors } } }, (req, reply) =>
    compare === undefined ? unavailable(reply) : answer(reply, compare.select(req.body.slot)),
  );

  app.delete('/api/compare', { schema: { response: { 200: CompareStateSchema, 503: ErrorBodySchema } } }, (_req, reply) =>
    compare === undefined ? unavailable(reply) : answer(reply, ok(compare.stop())),
  );

  app.get('/api/history', { schema: { response: { 200: HistoryViewSchema, 503: ErrorBodySchema } } }, (_req, reply) => (history === undefined ? unavailable(reply) : history.view()));

  app.post('/api/history/undo', { schema: { response: { 200: HistoryStepSchema, ...errors } } }, (_req, reply) =>
    history === undefined ? unavailable(reply) : answer(reply, history.undo()),
  );

  app.post('/api/history/redo', { schema: { response: { 200: HistoryStepSchema, ...errors } } }, (_req, reply) =>
    history === undefined ? unavailable(reply) : answer(reply, history.redo()),
  );
}
