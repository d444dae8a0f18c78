import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSessionArgs } from '../../bridge/commands/session-args.js';
import { runSessionCommand, type SessionCliIo } from '../../bridge/commands/session.js';
import { buildServer } from '../../bridge/server/app.js';
import { API, sessionRig } from './fixtures.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
});

/** The CLI against the real routes in process: fetch is answered by fastify's inject. */
async function cli() {
  const rig = await sessionRig();
  app = await buildServer({ store: rig.store, meters: rig.meters, devices: () => [], mappings: () => [], version: 't', dashboardDir: '/x', logger: false, sessions: rig.sessions });
  const a = app;
  const out: string[] = [];
  const err: string[] = [];
  const written = new Map<string, string>();
  const fetchVia = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const res = await a.inject({ method: (init?.method ?? 'GET') as 'GET', url: url.pathname + url.search, headers: init?.headers as Record<string, string>, ...(init?.body === undefined ? {} : { payload: String(init.body) }) });
    return new Response(res.body, { status: res.statusCode });
  }) as typeof fetch;
  const io: SessionCliIo = { out: (t) => out.push(t), err: (t) => err.push(t), fetch: fetchVia, writeFile: async (p, t) => void written.set(p, t) };
  const run = (...argv: string[]) => runSessionCommand(argv, io);
  return { rig, out, err, written, run };
}

describe('detent session', () => {
  it('parses its arguments; bad usage exits 2 without a request', async () => {
    expect(parseSessionArgs(['list'])).toEqual({ kind: 'list', url: 'http://127.0.0.1:7400' });
    expect(parseSessionArgs(['save', 'B', '--replace', '--url', 'http://h:1/'])).toEqual({ kind: 'save', url: 'http://h:1', snapshot: 'B', replace: true, session: undefined, track: undefined, notes: undefined });
    expect(parseSessionArgs(['export', 'job', '--format', 'pdf'])).toMatchObject({ kind: 'error', message: expect.stringMatching(/--format/) });
    expect(parseSessionArgs(['frobnicate'])).toMatchObject({ kind: 'error' });
    expect(parseSessionArgs(['recall'])).toMatchObject({ kind: 'error', message: expect.stringMatching(/snapshot name/) });
    expect(parseSessionArgs(['list', '--bogus'])).toMatchObject({ kind: 'error' });
    const c = await cli();
    expect(await c.run('--help')).toBe(0);
    expect(c.out[0]).toMatch(/^Usage: detent session list/);
    expect(await c.run('save')).toBe(2);
  });

  it('create, save, list, recall, export through the API', async () => {
    const c = await cli();
    c.rig.store.set('input.gain', -4, API);
    expect(await c.run('create', 'Smith Album', '--client', 'Smith', '--delivery', 'youtube')).toBe(0);
    expect(c.out.at(-1)).toBe('created session smith-album with the current state as snapshot A');
    c.rig.clock.advance(1000);
    c.rig.store.set('input.gain', 2, API);
    expect(await c.run('save', 'B')).toBe(0);
    expect(await c.run('save', 'B')).toBe(1);
    expect(c.err.at(-1)).toMatch(/already has a snapshot "B".*\(SNAPSHOT_EXISTS\)$/);
    expect(await c.run('list')).toBe(0);
    expect(c.out.at(-1)).toMatch(/^\* smith-album {2}Smith Album \(Smith\) {2}modified .* {2}smith-album: A B$/);
    expect(await c.run('recall', 'A')).toBe(0);
    expect(c.out.at(-1)).toMatch(/^recalled A of smith-album\/smith-album: 1 of 5 parameters moved in [\d.]+ ms\nrecall assist: all controls caught$/);
    expect(c.rig.store.get('input.gain')).toBe(-4);
    expect(await c.run('export', 'smith-album', '--format', 'csv', '--out', '/tmp/x.csv')).toBe(0);
    expect(c.written.get('/tmp/x.csv')).toMatch(/^track,track_name,snapshot/);
    expect(await c.run('export', 'smith-album')).toBe(0);
    expect(c.out.at(-1)).toMatch(/^<!doctype html>/);
    expect(await c.run('recall', 'A', '--session', 'nope')).toBe(1);
    expect(c.err.at(-1)).toMatch(/SESSION_NOT_FOUND/);
  });

  it('save without an open session says so; an unreachable daemon exits 1', async () => {
    const c = await cli();
    expect(await c.run('save', 'A')).toBe(1);
    expect(c.err.at(-1)).toMatch(/no session is open/);
    const down = await runSessionCommand(['list', '--url', 'http://127.0.0.1:1'], { out: () => {}, err: (t) => c.err.push(t), fetch, writeFile: async () => {} });
    expect(down).toBe(1);
    expect(c.err.at(-1)).toMatch(/cannot reach the daemon at http:\/\/127.0.0.1:1/);
  });
});
