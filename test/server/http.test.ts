import type { FastifyInstance } from 'fastify';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../bridge/server/app.js';
import { DEVICES, fixture, frame, MAPPINGS, PARAMS, type Fixture } from './fixtures.js';

let fx: Fixture;
let app: FastifyInstance;

beforeEach(async () => {
  fx = fixture();
  app = await buildServer(fx.deps);
});
afterEach(async () => {
  await app.close();
});

const put = (id: string, payload: unknown) => app.inject({ method: 'PUT', url: `/api/params/${id}`, payload: payload as object });

describe('GET routes', () => {
  it('health names the version', async () => {
    const res = await app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, version: '9.9.9-test' });
  });

  it('lists every parameter with value and norm', async () => {
    const res = await app.inject('/api/params');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { id: string; value: number; norm: number }[];
    expect(body.map((p) => p.id)).toEqual(PARAMS.map((p) => p.id));
    expect(body[1]).toEqual({ ...PARAMS[1], value: 0, norm: 0.5 });
  });

  it('reads one parameter, 404 for an unknown one', async () => {
    expect((await app.inject('/api/params/eq.band1.freq')).json()).toMatchObject({ id: 'eq.band1.freq', value: 1000, unit: 'Hz' });
    const res = await app.inject('/api/params/x');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'PARAM_UNKNOWN', message: "unknown parameter 'x'" });
  });

  it('lists mappings and devices as given', async () => {
    expect((await app.inject('/api/mappings')).json()).toEqual(MAPPINGS);
    expect((await app.inject('/api/devices')).json()).toEqual(DEVICES);
  });

  it('meters: 503 before the first frame, then the latest frame', async () => {
    const none = await app.inject('/api/meters');
    expect(none.statusCode).toBe(503);
    expect(none.json()).toMatchObject({ error: 'METERS_UNAVAILABLE' });
    fx.meters.emit(frame(1));
    fx.meters.emit(frame(2));
    const res = await app.inject('/api/meters');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(frame(2));
  });

  it('unknown routes get the JSON error shape', async () => {
    const res = await app.inject('/api/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'NOT_FOUND', message: 'no route GET /api/nope' });
  });

  it('a plain HTTP request to /ws gets 426 in the error shape', async () => {
    const res = await app.inject('/ws');
    expect(res.statusCode).toBe(426);
    expect(res.json()).toEqual({ error: 'UPGRADE_REQUIRED', message: expect.stringMatching(/WebSocket/) });
  });

  it('without a built dashboard, / says how to build it', async () => {
    const res = await app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toContain('npm run build');
  });
});

describe('dashboard files', () => {
  it('serves index.html at / and the JSON 404 for missing files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'detent-dash-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Detent</title>');
    await writeFile(join(dir, 'main.js'), 'export {};');
    const own = fixture(dir);
    const server = await buildServer(own.deps);
    try {
      const index = await server.inject('/');
      expect(index.statusCode).toBe(200);
      expect(index.headers['content-type']).toMatch(/^text\/html/);
      expect(index.body).toContain('<title>Detent</title>');
      expect((await server.inject('/main.js')).headers['content-type']).toMatch(/javascript/);
      const missing = await server.inject('/nope.js');
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ error: 'NOT_FOUND' });
      expect((await server.inject('/api/health')).json()).toMatchObject({ ok: true });
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('PUT /api/params/:id', () => {
  it('sets a plain value, quantised, with origin api', async () => {
    const origins: string[] = [];
    fx.store.subscribe((c) => origins.push(c.origin.kind));
    const res = await put('eq.band1.gain', { value: 3.2 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: 'eq.band1.gain', value: 3, norm: 0.625 });
    expect(fx.store.get('eq.band1.gain')).toBe(3);
    expect(origins).toEqual(['api']);
  });

  it('sets a normalised position on a log scale', async () => {
    const res = await put('eq.band1.freq', { norm: 0 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ value: 20, norm: 0 });
    expect(fx.store.get('eq.band1.freq')).toBe(20);
  });

  it('out of range names the range and leaves the value alone', async () => {
    const res = await put('eq.band1.gain', { value: 20 });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'PARAM_OUT_OF_RANGE', message: 'eq.band1.gain: 20 is outside -12..12 dB' });
    expect(fx.store.get('eq.band1.gain')).toBe(0);
    const norm = await put('eq.band1.gain', { norm: 1.5 });
    expect(norm.statusCode).toBe(400);
    expect(norm.json()).toEqual({ error: 'PARAM_OUT_OF_RANGE', message: 'eq.band1.gain: norm 1.5 is outside 0..1' });
  });

  it('unknown id is 404', async () => {
    const res = await put('nope', { value: 1 });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'PARAM_UNKNOWN', message: "unknown parameter 'nope'" });
  });

  it.each([
    ['both fields', { value: 1, norm: 0.5 }, /exactly one of 'value'.*'norm'/],
    ['neither field', {}, /exactly one of 'value'.*'norm'/],
  ])('%s → 400 REQUEST_INVALID', async (_name, body, message) => {
    const res = await put('eq.band1.gain', body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'REQUEST_INVALID', message: expect.stringMatching(message) });
  });

  it.each([
    ['a string value (no coercion)', { value: '5' }, /body\/value must be number/],
    ['an unknown field', { value: 1, extra: true }, /must NOT have additional properties/],
    ['null', { value: null }, /body\/value must be number/],
  ])('schema error: %s → 400 REQUEST_INVALID', async (_name, body, message) => {
    const res = await put('eq.band1.gain', body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'REQUEST_INVALID', message: expect.stringMatching(message) });
    expect(fx.store.get('eq.band1.gain')).toBe(0);
  });

  it('non-finite numbers (1e999 parses to Infinity) are refused', async () => {
    const res = await app.inject({
      method: 'PUT',
      url: '/api/params/eq.band1.gain',
      headers: { 'content-type': 'application/json' },
      payload: '{"value": 1e999}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'REQUEST_INVALID', message: 'body/value must be number' });
  });

  it('malformed JSON and a missing body get the same error shape', async () => {
    const bad = await app.inject({
      method: 'PUT',
      url: '/api/params/eq.band1.gain',
      headers: { 'content-type': 'application/json' },
      payload: '{"value":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'BAD_REQUEST', message: expect.any(String) });
    const missing = await app.inject({ method: 'PUT', url: '/api/params/eq.band1.gain' });
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json() as object).sort()).toEqual(['error', 'message']);
  });
});

describe('lifecycle', () => {
  it('close releases the meter subscription and the store subscription', async () => {
    const own = fixture();
    let storeListeners = 0;
    const subscribe = own.store.subscribe.bind(own.store);
    own.store.subscribe = (listener) => {
      storeListeners++;
      const off = subscribe(listener);
      return () => {
        storeListeners--;
        off();
      };
    };
    const server = await buildServer(own.deps);
    expect(own.meters.listenerCount).toBe(1);
    expect(storeListeners).toBe(1);
    await server.close();
    expect(own.meters.listenerCount).toBe(0);
    expect(storeListeners).toBe(0);
  });
});
