/**
 * The dashboard's side of the sessions REST API (README "Sessions"): typed fetches that never
 * throw (../api.ts): each resolves `{ok: true, value}` or `{ok: false, message}` with the
 * daemon's message (or "cannot be reached"), ready for the notice line.
 */
import type { RecallResult, SessionList } from '../../../bridge/session/api.js';
import type { CompareState } from '../../../bridge/session/compare/compare.js';
import type { HistoryStep, HistoryView } from '../../../bridge/session/history/history.js';
import type { RecallAssist } from '../../../bridge/session/recall/assist.js';
import type { Session } from '../../../bridge/session/model/schema.js';
import { apiCall } from '../api.js';

export type { ApiResult } from '../api.js';

const call = apiCall;
const seg = encodeURIComponent;

export const sessionApi = {
  list: () => call<SessionList>('GET', '/api/sessions'),
  create: (name: string) => call<Session>('POST', '/api/sessions', { name }),
  get: (id: string) => call<Session>('GET', `/api/sessions/${seg(id)}`),
  edit: (id: string, info: { readonly name: string; readonly client: string; readonly notes: string }) => call<Session>('PATCH', `/api/sessions/${seg(id)}`, info),
  addTrack: (id: string, name: string) => call<Session>('POST', `/api/sessions/${seg(id)}/tracks`, { name }),
  editTrack: (id: string, track: string, info: { readonly notes: string }) => call<Session>('PATCH', `/api/sessions/${seg(id)}/tracks/${seg(track)}`, info),
  open: (id: string) => call<RecallResult>('POST', `/api/sessions/${seg(id)}/open`),
  store: (id: string, track: string | null, name: string, replace: boolean) =>
    call<Session>('POST', `/api/sessions/${seg(id)}/snapshots`, { name, replace, ...(track === null ? {} : { track }) }),
  recall: (id: string, track: string | null, snapshot: string) =>
    call<RecallResult>('POST', `/api/sessions/${seg(id)}/snapshots/${seg(snapshot)}/recall${track === null ? '' : `?track=${seg(track)}`}`),
  assist: () => call<RecallAssist>('GET', '/api/recall-assist'),
  compare: () => call<CompareState>('GET', '/api/compare'),
  startCompare: (slots: readonly string[] | 'bypass') =>
    call<CompareState>('POST', '/api/compare', slots === 'bypass' ? { mode: 'bypass' } : { mode: 'snapshots', slots }),
  select: (slot: string) => call<CompareState>('POST', '/api/compare/select', { slot }),
  stopCompare: () => call<CompareState>('DELETE', '/api/compare'),
  history: () => call<HistoryView>('GET', '/api/history'),
  undo: () => call<HistoryStep>('POST', '/api/history/undo'),
  redo: () => call<HistoryStep>('POST', '/api/history/redo'),
};
