/**
 * Editing single mappings (bridge/mapping-edit): `GET /api/mappings/:id` the entry as written and
 * where it comes from; `PUT` an entry in its place; `DELETE` it; `POST .../restore` brings back
 * the configured set's own. Ids hold `/` and `:` (`fader/1:input.gain`): clients encode them
 * (`encodeURIComponent`). Errors carry the loader's problems, one line each. Without
 * ServerDeps.mappingEdits every route answers 503 MAPPING_EDIT_UNAVAILABLE.
 */
import { Type } from '@sinclair/typebox';
import { editStatus, type MappingEditError, type MappingEdits } from '../../mapping-edit/service.js';
import type { Result } from '../../core/result.js';
import type { TypedApp } from '../type-provider.js';

export type MappingEditApi = Pick<MappingEdits, 'entry' | 'put' | 'remove' | 'restore'>;

const Entry = Type.Record(Type.String(), Type.Unknown());
export const MappingEntrySchema = Type.Object({
  id: Type.String(),
  entry: Entry,
  source: Type.Union([Type.Literal('set'), Type.Literal('edited'), Type.Literal('added'), Type.Literal('removed')]),
  file: Type.String(),
  original: Type.Union([Entry, Type.Null()]),
});
export const MappingEditErrorSchema = Type.Object({ error: Type.String(), message: Type.String(), problems: Type.Array(Type.String()) });
const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 512 }) });
const errors = { 400: MappingEditErrorSchema, 404: MappingEditErrorSchema, 409: MappingEditErrorSchema, 422: MappingEditErrorSchema, 500: MappingEditErrorSchema, 503: MappingEditErrorSchema };

const UNAVAILABLE = { error: 'MAPPING_EDIT_UNAVAILABLE', message: 'mapping edits are not available in this daemon', problems: [] };

/** `changed`: called after every edit that took effect, so that clients see it at once. */
export function registerMappingEditRoutes(app: TypedApp, edits: MappingEditApi | undefined, changed: () => void = () => undefined): void {
  /** Sends a result: the value, or the error with its status. */
  const answer = async <T>(reply: { code(n: number): unknown }, run: (e: MappingEditApi) => Promise<Result<T, MappingEditError>>) => {
    if (edits === undefined) {
      reply.code(503);
      return UNAVAILABLE;
    }
    const r = await run(edits);
    if (r.ok) {
      changed();
      return r.value;
    }
    reply.code(editStatus(r.error.code));
    return { error: r.error.code, message: r.error.message, problems: [...r.error.problems] };
  };

  app.get('/api/mappings/:id', { schema: { params: Params, response: { 200: MappingEntrySchema, ...errors } } }, (request, reply) =>
    answer(reply, (e) => e.entry(request.params.id)),
  );
  app.put('/api/mappings/:id', { schema: { params: Params, body: Type.Unknown(), response: { 200: MappingEntrySchema, ...errors } } }, (request, reply) =>
    answer(reply, (e) => e.put(request.params.id, request.body)),
  );
  app.delete('/api/mappings/:id', { schema: { params: Params, response: { 200: Type.Union([MappingEntrySchema, Type.Null()]), ...errors } } }, (request, reply) =>
    answer(reply, (e) => e.remove(request.params.id)),
  );
  app.post('/api/mappings/:id/restore', { schema: { params: Params, response: { 200: MappingEntrySchema, ...errors } } }, (request, reply) =>
    answer(reply, (e) => e.restore(request.params.id)),
  );
}
