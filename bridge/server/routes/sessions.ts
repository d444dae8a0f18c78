/**
 * `/api/sessions`: list, create, read, edit sessions; add tracks; store and recall snapshots; open a
 * session with its working state; export the recall sheet (`/sheet?format=html|csv`). Also
 * `/api/recall-assist` (controls still to catch after a recall) and `/api/delivery-targets`.
 * Errors are `{error, message}` with the session codes (bridge/session/errors.ts). Without
 * ServerDeps.sessions every route answers 503 SESSIONS_UNAVAILABLE.
 */
import type { FastifyReply } from 'fastify';
import { assertNever } from '../../core/assert-never.js';
import type { Result } from '../../core/result.js';
import type { SessionFeatures } from '../../session/api.js';
import { SessionErrorCode, type SessionError } from '../../session/errors.js';
import { DELIVERY_PRESET_IDS, DELIVERY_PRESETS } from '../../session/model/delivery.js';
import { ErrorBodySchema, type ErrorBody } from '../http-errors.js';
import type { TypedApp } from '../type-provider.js';
import { AssistSchema, CreateBody, DeliveryTargetsSchema, EditBody, IdParams, RecallResultSchema, SessionListSchema, SessionSchema, SheetQuery, SnapshotParams, StoreBody, TrackBody, TrackEditBody, TrackParams, TrackQuery } from './sessions-schemas.js';

type Status = 400 | 404 | 409 | 422 | 423 | 500 | 503;

export function sessionStatus(code: SessionErrorCode): Status {
  switch (code) {
    case SessionErrorCode.NotFound:
    case SessionErrorCode.TrackNotFound:
    case SessionErrorCode.SnapshotNotFound:
    case SessionErrorCode.CompareSlotUnknown:
      return 404;
    case SessionErrorCode.NameInvalid:
    case SessionErrorCode.CompareInvalid:
      return 400;
    case SessionErrorCode.SnapshotExists:
    case SessionErrorCode.NoneOpen:
    case SessionErrorCode.NothingToUndo:
    case SessionErrorCode.NothingToRedo:
    case SessionErrorCode.CompareInactive:
      return 409;
    case SessionErrorCode.FileInvalid:
      return 422;
    case SessionErrorCode.Locked:
      return 423;
    case SessionErrorCode.WriteFailed:
      return 500;
    case SessionErrorCode.Unavailable:
      return 503;
    default:
      return assertNever(code, 'session error code');
  }
}

export const UNAVAILABLE: ErrorBody = { error: SessionErrorCode.Unavailable, message: 'sessions are not available in this daemon' };

/** The value with `okStatus`, or the error body with its status. */
export function answer<T>(reply: FastifyReply, r: Result<T, SessionError>, okStatus = 200): T | ErrorBody {
  if (r.ok) {
    void reply.code(okStatus);
    return r.value;
  }
  void reply.code(sessionStatus(r.error.code));
  return { error: r.error.code, message: r.error.message };
}

const errors = { 400: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema, 422: ErrorBodySchema, 423: ErrorBodySchema, 500: ErrorBodySchema, 503: ErrorBodySchema };

export function registerSessionRoutes(app: TypedApp, features: SessionFeatures | undefined): void {
  const s = features?.sessions;
  const unavailable = (reply: FastifyReply): ErrorBody => {
    void reply.code(503);
    return UNAVAILABLE;
  };

  app.get('/api/sessions', { schema: { response: { 200: SessionListSchema, ...errors } } }, async (_req, reply) => (s === undefined ? unavailable(reply) : s.list()));

  app.post('/api/sessions', { schema: { body: CreateBody, response: { 201: SessionSchema, ...errors } } }, async (req, reply) =>
    s === undefined ? unavailable(reply) : answer(reply, await s.create(req.body), 201),
  );

  app.get('/api/sessions/:id', { schema: { params: IdParams, response: { 200: SessionSchema, ...errors } } }, async (req, reply) =>
    s === undefined ? unavailable(reply) : answer(reply, await s.get(req.params.id)),
  );

  app.patch('/api/sessions/:id', { schema: { params: IdParams, body: EditBody, response: { 200: SessionSchema, ...errors } } }, async (req, reply) =>
    s === undefined ? unavailable(reply) : answer(reply, await s.edit(req.params.id, req.body)),
  );

  app.post('/api/sessions/:id/open', { schema: { params: IdParams, response: { 200: RecallResultSchema, ...errors } } }, async (req, reply) =>
    s === undefined ? unavailable(reply) : answer(reply, await s.open(req.params.id)),
  );

  app.post('/api/sessions/:id/tracks', { schema: { params: IdParams, body: TrackBody, response: { 201: SessionSchema, ...errors } } }, async (req, reply) =>
    s === undefined ? unavailable(reply) : answer(reply, await s.addTrack(req.params.id, req.body.name), 201),
  );

  app.patch('/api/sessions/:id/tracks/:track', { schema: { params: TrackParams, body: TrackEditBody, response: { 200: SessionSchema, ...errors } } }, async (req, reply) =>
    s === undefined ? unavailable(reply) : answer(reply, await s.editTrack(req.params.id, req.params.track, req.body)),
  );
  app.post('/api/sessions/:id/snapshots', { schema: { params: IdParams, body: StoreBody, response: { 201: SessionSchema, ...errors } } }, async (req, reply) =>
    s === undefined ? unavailable(reply) : answer(reply, await s.storeSnapshot(req.params.id, req.body), 201),
  );

  app.post(
    '/api/sessions/:id/snapshots/:name/recall',
    { schema: { params: SnapshotParams, querystring: TrackQuery, response: { 200: RecallResultSchema, ...errors } } },
    async (req, reply) => (s === undefined ? unavailable(reply) : answer(reply, await s.recall(req.params.id, req.params.name, req.query.track))),
  );

  app.get('/api/sessions/:id/sheet', { schema: { params: IdParams, querystring: SheetQuery } }, async (req, reply) => {
    if (s === undefined) return unavailable(reply);
    const format = req.query.format ?? 'html';
    const r = await s.sheet(req.params.id, format);
    if (!r.ok) return answer(reply, r);
    // HTML opens in the browser to print; CSV downloads.
    const disposition = format === 'html' ? 'inline' : 'attachment';
    void reply.header('content-type', r.value.contentType).header('content-disposition', `${disposition}; filename="${r.value.filename}"`);
    return r.value.body;
  });

  app.get('/api/recall-assist', { schema: { response: { 200: AssistSchema, 503: ErrorBodySchema } } }, (_req, reply) => (s === undefined ? unavailable(reply) : s.assist()));

  app.get('/api/delivery-targets', { schema: { response: { 200: DeliveryTargetsSchema } } }, () =>
    DELIVERY_PRESET_IDS.map((id) => ({ id, ...DELIVERY_PRESETS[id] })),
  );
}
