import type { FastifyInstance } from 'fastify';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../bridge/server/app.js';
import type { RecallResult, SessionList } from '../../bridge/session/api.js';
import type { CompareState } from '../../bridge/session/compare/compare.js';
import type { HistoryView } from '../../bridge/session/history/history.js';
import type { Session } from '../../bridge/session/model/schema.js';
import { API, sessionRig, type Rig } from './fixtures.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function server(rig?: Rig): Promise<{ app: FastifyInstance; rig: Rig | undefined }> {
  app = await buildServer({
    store: rig?.store ?? (await sessionRig()).store,
    meters: rig?.meters ?? { onMeters: () => () => {} },
    devices: () => [],
    mappings: () => [],
    version: 'test',
    dashboardDir: '/nonexistent',
    logger: false,
    sessions: rig?.sessions,
  });
  return { app, rig };
}

const post = (a: FastifyInstance, url: string, payload?: object) => a.inject({ method: 'POST', url, ...(payload === undefined ? {} : { payload }) });

describe('/api/sessions', () => {
  it('create → list → get → store B → recall A → sheet, over HTTP', async () => {
    const rig = await sessionRig();
    const { app: a } = await server(rig);
    rig.store.set('input.gain', -3, API);
    const created = await post(a, '/api/sessions', { name: 'Smith Album', client: 'Smith', delivery: { preset: 'apple-music' } });
    expect(created.statusCode).toBe(201);
    const s = created.json<Session>();
    expect(s).toMatchObject({ id: 'smith-album', client: 'Smith', delivery: { preset: 'apple-music', lufs: -16, truePeakDb: -1 } });
    expect(s.tracks[0]?.snapshots[0]?.params['input.gain']).toBe(-3);

    const list = (await a.inject('/api/sessions')).json<SessionList>();
    expect(list).toMatchObject({ open: 'smith-album', writable: true, lock: null, invalid: [] });
    expect(list.sessions[0]).toMatchObject({ id: 'smith-album', open: true, tracks: [{ id: 'smith-album', snapshots: ['A'] }] });

    expect((await a.inject('/api/sessions/smith-album')).json<Session>().name).toBe('Smith Album');
    rig.clock.advance(1000);
    rig.store.set('input.gain', 6, API);
    expect((await post(a, '/api/sessions/smith-album/snapshots', { name: 'B' })).statusCode).toBe(201);
    const dup = await post(a, '/api/sessions/smith-album/snapshots', { name: 'B' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ error: 'SNAPSHOT_EXISTS' });
    expect((await post(a, '/api/sessions/smith-album/snapshots', { name: 'B', replace: true })).statusCode).toBe(201);

    const recalled = await post(a, '/api/sessions/smith-album/snapshots/A/recall');
    expect(recalled.statusCode).toBe(200);
    expect(recalled.json<RecallResult>()).toMatchObject({ session: 'smith-album', snapshot: 'A', changed: 1, assist: { allCaught: true } });
    expect(rig.store.get('input.gain')).toBe(-3);

    const html = await a.inject('/api/sessions/smith-album/sheet');
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.body).toContain('<h2>Smith Album: snapshot B</h2>');
    const csv = await a.inject('/api/sessions/smith-album/sheet?format=csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="smith-album-recall.csv"');
    expect(csv.body.split('\r\n')).toHaveLength(1 + 2 * 5 + 1);
  });

  it('edits, tracks, open with the working state; 404s, 400s and the error shape', async () => {
    const rig = await sessionRig();
    const { app: a } = await server(rig);
    await post(a, '/api/sessions', { name: 'Job' });
    const patched = await a.inject({ method: 'PATCH', url: '/api/sessions/job', payload: { notes: 'revision 2', delivery: { preset: 'custom', lufs: -9, truePeakDb: -0.5 } } });
    expect(patched.json<Session>()).toMatchObject({ notes: 'revision 2', delivery: { preset: 'custom', lufs: -9, truePeakDb: -0.5 } });
    const track = await post(a, '/api/sessions/job/tracks', { name: 'Second song' });
    expect(track.statusCode).toBe(201);
    expect(track.json<Session>().current).toEqual({ track: 'second-song', snapshot: null });
    const retitled = await a.inject({ method: 'PATCH', url: '/api/sessions/job/tracks/second-song', payload: { name: 'Second Song (edit)', notes: 'vocal up 0.5 dB' } });
    expect(retitled.statusCode).toBe(200);
    expect(retitled.json<Session>().tracks.map((t) => [t.id, t.name, t.notes])).toEqual([
      ['job', 'Job', ''],
      ['second-song', 'Second Song (edit)', 'vocal up 0.5 dB'],
    ]);
    expect((await a.inject({ method: 'PATCH', url: '/api/sessions/job/tracks/zz', payload: { notes: 'x' } })).json()).toMatchObject({ error: 'TRACK_NOT_FOUND' });
    expect((await a.inject({ method: 'PATCH', url: '/api/sessions/job/tracks/job', payload: { id: 'x' } })).statusCode).toBe(400);
    rig.store.set('output.gain', -2, API);
    await rig.sessions.sessions.flush();
    rig.store.set('output.gain', 5, API);
    const opened = await post(a, '/api/sessions/job/open');
    expect(opened.json<RecallResult>()).toMatchObject({ snapshot: null, track: 'second-song' });
    expect(rig.store.get('output.gain')).toBe(-2);

    expect((await a.inject('/api/sessions/nope')).statusCode).toBe(404);
    expect((await a.inject('/api/sessions/..%2Fetc')).json()).toMatchObject({ error: 'SESSION_NAME_INVALID' });
    expect((await post(a, '/api/sessions/job/snapshots/Z/recall')).json()).toMatchObject({ error: 'SNAPSHOT_NOT_FOUND' });
    expect((await post(a, '/api/sessions/job/snapshots/A/recall?track=zz')).json()).toMatchObject({ error: 'TRACK_NOT_FOUND' });
    expect((await post(a, '/api/sessions/job/snapshots', { name: '../x' })).statusCode).toBe(400);
    expect((await post(a, '/api/sessions', { name: '' })).json()).toMatchObject({ error: 'REQUEST_INVALID' });
    expect((await post(a, '/api/sessions', { name: 'x', colour: 'red' })).statusCode).toBe(400);
  });

  it('a corrupt file is listed with its path and field, answers 422, and is left as it is', async () => {
    const rig = await sessionRig();
    const { app: a } = await server(rig);
    const file = join(rig.dir, 'sessions', 'bad.json');
    await writeFile(file, '{"schemaVersion": 2, "id": "bad"}');
    const list = (await a.inject('/api/sessions')).json<SessionList>();
    expect(list.invalid[0]).toMatchObject({ id: 'bad', file });
    expect(list.invalid[0]?.problems.map((p) => p.path)).toContain('/name');
    const get = await a.inject('/api/sessions/bad');
    expect(get.statusCode).toBe(422);
    expect(get.json<{ message: string }>().message).toContain(file);
    // A new session with the same name gets another id, never that file.
    expect((await post(a, '/api/sessions', { name: 'Bad' })).json<Session>().id).toBe('bad-2');
  });

  it('answers 423 from a daemon without the lock, and 503 without sessions', async () => {
    const first = await sessionRig();
    const second = await sessionRig({ dir: first.dir });
    const { app: a } = await server(second);
    const r = await post(a, '/api/sessions', { name: 'Job' });
    expect(r.statusCode).toBe(423);
    expect(r.json()).toMatchObject({ error: 'SESSION_STORE_LOCKED' });
    await app?.close();
    const { app: none } = await server();
    expect((await none.inject('/api/sessions')).statusCode).toBe(503);
    expect((await none.inject('/api/history')).json()).toMatchObject({ error: 'SESSIONS_UNAVAILABLE' });
  });

  it('delivery targets and recall assist', async () => {
    const rig = await sessionRig();
    const { app: a } = await server(rig);
    const targets = (await a.inject('/api/delivery-targets')).json<{ id: string; lufs: number | null }[]>();
    expect(targets.map((t) => t.id)).toEqual(['spotify', 'apple-music', 'youtube', 'amazon', 'tidal', 'deezer', 'ebu-r128', 'cd', 'vinyl', 'custom']);
    expect((await a.inject('/api/recall-assist')).json()).toEqual({ allCaught: true, pending: [], unseen: [] });
  });
});

describe('/api/compare and /api/history', () => {
  it('A/B between two snapshots, undo over HTTP', async () => {
    const rig = await sessionRig();
    const { app: a } = await server(rig);
    await post(a, '/api/sessions', { name: 'Job' });
    rig.clock.advance(1000);
    rig.store.set('output.gain', -6, API);
    await post(a, '/api/sessions/job/snapshots', { name: 'B' });
    const started = await post(a, '/api/compare', { mode: 'snapshots', slots: ['A', 'B'], match: { method: 'short-term', windowS: 0 } });
    expect(started.statusCode).toBe(200);
    expect(started.json<CompareState>()).toMatchObject({ active: true, selected: 'A', matched: false, monitor: 'engine', match: { method: 'short-term', windowS: 0 } });
    expect(rig.store.get('output.gain')).toBe(0);
    // Meter frames: A reads -14 LUFS short-term after its settle time.
    const frame = (t: number, st: number) => ({ t, peakDb: [-3, -3], rmsDb: [-17, -17], loudness: { momentary: st, shortTerm: st, integrated: st, range: 0, maxMomentary: st, maxShortTerm: st, truePeakDb: [-3, -3], truePeakMaxDb: -3, correlation: 1, reductionDb: { dyneq: 0, comp: 0, limiter: 0 } } });
    for (let t = 0; t <= 4; t += 0.1) rig.meters.emit(frame(t, -14));
    expect((await post(a, '/api/compare/select', { slot: 'B' })).json<CompareState>()).toMatchObject({ selected: 'B', measuring: true });
    for (let t = 5; t <= 9; t += 0.1) rig.meters.emit(frame(t, -20));
    const state = (await a.inject('/api/compare')).json<CompareState>();
    expect(state).toMatchObject({ matched: true, monitorGainDb: 0, slots: [{ name: 'A', loudness: -14, offsetLu: 6, gainDb: -6 }, { name: 'B', loudness: -20, offsetLu: 0, gainDb: 0 }] });
    await post(a, '/api/compare/select', { slot: 'A' });
    expect(rig.monitor.at(-1)).toBe(-6);
    expect((await post(a, '/api/compare/select', { slot: 'C' })).statusCode).toBe(404);
    expect((await a.inject({ method: 'DELETE', url: '/api/compare' })).json()).toEqual({ active: false });
    expect(rig.monitor.at(-1)).toBe(0);
    expect((await post(a, '/api/compare/select', { slot: 'A' })).json()).toMatchObject({ error: 'COMPARE_INACTIVE' });

    const history = (await a.inject('/api/history')).json<HistoryView>();
    expect(history.steps.map((s) => s.label)).toEqual(['output.gain', 'compare A', 'compare B', 'compare A']);
    const undo = await post(a, '/api/history/undo');
    expect(undo.json()).toMatchObject({ label: 'compare A' });
    expect(rig.store.get('output.gain')).toBe(-6);
    expect((await post(a, '/api/history/redo')).statusCode).toBe(200);
    expect(rig.store.get('output.gain')).toBe(0);
  });
});
