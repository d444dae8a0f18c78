/** `/api/learn` through fastify inject with the real LearnService (fake clock, temp state dir), and `learn` messages over a real WebSocket. */
import type { FastifyInstance } from 'fastify';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { LearnService } from '../../bridge/learn/service.js';
import { buildServer } from '../../bridge/server/app.js';
import { FakeLearnClock, osc, stateDir } from '../learn/fakes.js';
import { fixture, PARAMS } from './fixtures.js';
import { TestClient } from './ws-client.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function setup() {
  const fx = fixture();
  const clock = new FakeLearnClock();
  const learn = new LearnService({
    stateDir: await stateDir(),
    paramExists: (id) => PARAMS.some((p) => p.id === id),
    controlFor: (key) => (key === 'osc /knob_1' ? 'knob/1' : undefined),
    reload: () => Promise.resolve(),
    clock,
  });
  app = await buildServer({ ...fx.deps, learn });
  return { app, clock, learn };
}

const post = (a: FastifyInstance, payload: object) => a.inject({ method: 'POST', url: '/api/learn', payload });
/** Lets the request reach the handler (inject is asynchronous). */
const tick = () => new Promise((r) => setTimeout(r, 20));

function sweep(learn: LearnService, clock: FakeLearnClock, address: string): void {
  for (let i = 0; i < 6; i++) {
    learn.observe(osc(address, 0.3 + i * 0.01));
    clock.advance(16);
  }
}

describe('/api/learn', () => {
  it('GET is idle at first; POST answers 200 with the learned mapping once a control moves', async () => {
    const { app, clock, learn } = await setup();
    expect((await app.inject('/api/learn')).json()).toEqual({ state: 'idle' });
    const res = post(app, { param: 'eq.band1.gain' });
    await tick();
    expect((await app.inject('/api/learn')).json()).toEqual({ state: 'listening', param: 'eq.band1.gain', timeoutMs: 30_000 });
    sweep(learn, clock, '/knob_1');
    const r = await res;
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      param: 'eq.band1.gain',
      control: 'knob/1',
      kind: 'absolute',
      input: 'osc /knob_1',
      createdControl: false,
      mapping: { id: 'learned:eq.band1.gain', control: 'knob/1', target: 'eq.band1.gain' },
    });
    expect((await app.inject('/api/learn')).json()).toMatchObject({ state: 'learned', control: 'knob/1', mapping: 'learned:eq.band1.gain' });
  });

  it('408 LEARN_TIMEOUT when nothing moves; a resent request with the same requestId gets the same answer without learning again', async () => {
    const { app, clock } = await setup();
    const res = post(app, { param: 'input.gain', timeoutMs: 1000, requestId: 'r1' });
    await tick();
    clock.advance(1000);
    const r = await res;
    expect(r.statusCode).toBe(408);
    expect(r.json()).toEqual({ error: 'LEARN_TIMEOUT', message: "no control moved for 'input.gain' in time" });
    const again = await post(app, { param: 'input.gain', timeoutMs: 1000, requestId: 'r1' });
    expect([again.statusCode, (again.json() as { error: string }).error]).toEqual([408, 'LEARN_TIMEOUT']);
    expect((await app.inject('/api/learn')).json()).toEqual({ state: 'timeout', param: 'input.gain' });
  });

  it('DELETE cancels: the waiting POST answers 409 LEARN_CANCELLED', async () => {
    const { app } = await setup();
    const res = post(app, { param: 'input.gain' });
    await tick();
    const del = await app.inject({ method: 'DELETE', url: '/api/learn' });
    expect(del.json()).toEqual({ cancelled: true, learn: { state: 'cancelled', param: 'input.gain' } });
    const r = await res;
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ error: 'LEARN_CANCELLED' });
    expect((await app.inject({ method: 'DELETE', url: '/api/learn' })).json()).toEqual({ cancelled: false, learn: { state: 'cancelled', param: 'input.gain' } });
  });

  it('404 for an unknown parameter; 400 for a bad body', async () => {
    const { app } = await setup();
    const r = await post(app, { param: 'nope.gain' });
    expect([r.statusCode, r.json()]).toEqual([404, { error: 'PARAM_UNKNOWN', message: "unknown parameter 'nope.gain'" }]);
    for (const body of [{}, { param: '' }, { param: 'input.gain', timeoutMs: 10 }, { param: 'input.gain', timeoutMs: 1e9 }, { param: 'input.gain', extra: 1 }]) {
      const bad = await post(app, body);
      expect([bad.statusCode, (bad.json() as { error: string }).error]).toEqual([400, 'REQUEST_INVALID']);
    }
  });

  it('503 LEARN_UNAVAILABLE when the daemon has no learn', async () => {
    app = await buildServer(fixture().deps);
    for (const method of ['GET', 'DELETE'] as const) expect((await app.inject({ method, url: '/api/learn' })).statusCode).toBe(503);
    const r = await post(app, { param: 'input.gain' });
    expect([r.statusCode, r.json()]).toEqual([503, { error: 'LEARN_UNAVAILABLE', message: 'learn is not available in this daemon' }]);
  });

  it('a client that goes away while its learn listens cancels it (real socket)', async () => {
    const { app, learn } = await setup();
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const req = request({ host: '127.0.0.1', port, path: '/api/learn', method: 'POST', headers: { 'content-type': 'application/json' } });
    req.on('error', () => undefined);
    req.end(JSON.stringify({ param: 'input.gain' }));
    for (let i = 0; i < 100 && learn.state().state !== 'listening'; i++) await tick();
    expect(learn.state().state).toBe('listening');
    req.destroy();
    for (let i = 0; i < 100 && learn.state().state === 'listening'; i++) await tick();
    expect(learn.state()).toEqual({ state: 'cancelled', param: 'input.gain' });
  });

  it('pushes learn states to dashboards: the current one after hello, then each change', async () => {
    const { app, clock, learn } = await setup();
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const c = await TestClient.connect(`ws://127.0.0.1:${port}/ws`);
    await c.until(() => c.of('learn').length === 1);
    expect(c.messages.slice(0, 3).map((m) => m.type)).toEqual(['hello', 'mappings', 'learn']);
    const done = learn.start('eq.band1.gain', 5000);
    sweep(learn, clock, '/knob_1');
    await done;
    await c.until(() => c.of('learn').length === 3);
    expect(c.of('learn').map((m) => m.learn)).toEqual([
      { state: 'idle' },
      { state: 'listening', param: 'eq.band1.gain', timeoutMs: 5000 },
      { state: 'learned', param: 'eq.band1.gain', control: 'knob/1', kind: 'absolute', input: 'osc /knob_1', mapping: 'learned:eq.band1.gain' },
    ]);
    await c.close();
  });
});
