import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../bridge/server/app.js';
import { METER_WINDOW } from '../../bridge/server/ws/channel.js';
import { DEVICES, fixture, frame, MAPPINGS, PARAMS, type Fixture } from './fixtures.js';
import { TestClient } from './ws-client.js';

let fx: Fixture;
let app: FastifyInstance;
let url: string;
const clients: TestClient[] = [];

beforeEach(async () => {
  fx = fixture();
  app = await buildServer(fx.deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/ws`;
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await app.close();
});

async function connect(): Promise<TestClient> {
  const c = await TestClient.connect(url);
  clients.push(c);
  await c.until(() => c.of('hello').length === 1);
  return c;
}

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('WebSocket /ws', () => {
  it('sends hello first, with params, mappings, devices and version', async () => {
    const c = await connect();
    const hello = c.messages[0];
    if (hello?.type !== 'hello') throw new Error(`first message was ${hello?.type}`);
    expect(hello.version).toBe('9.9.9-test');
    expect(hello.client).toMatch(/^127\.0\.0\.1#\d+$/);
    expect(hello.params.map((p) => p.id)).toEqual(PARAMS.map((p) => p.id));
    expect(hello.mappings).toEqual(MAPPINGS);
    expect(hello.devices).toEqual(DEVICES);
  });

  it('a PUT shows up as a param message labelled api', async () => {
    const c = await connect();
    const res = await app.inject({ method: 'PUT', url: '/api/params/eq.band1.gain', payload: { value: -4 } });
    expect(res.statusCode).toBe(200);
    await c.until(() => c.of('param').length > 0);
    expect(c.of('param')).toEqual([{ type: 'param', id: 'eq.band1.gain', value: -4, norm: (8 / 24), origin: 'api' }]);
  });

  it('origins of other sources are labelled by who sent them', async () => {
    const c = await connect();
    fx.store.set('input.gain', 2, { kind: 'osc', peer: '127.0.0.1:5000', address: '/detent/param/input.gain' });
    await c.until(() => c.of('param').length > 0);
    expect(c.of('param')[0]?.origin).toBe('osc 127.0.0.1:5000');
  });

  it('set and set-norm from a client change the store, and every client sees them', async () => {
    const a = await connect();
    const b = await connect();
    const helloA = a.of('hello')[0];
    a.send({ type: 'set', id: 'eq.band1.gain', value: 6 });
    await b.until(() => b.of('param').length === 1);
    expect(fx.store.get('eq.band1.gain')).toBe(6);
    expect(b.of('param')[0]).toMatchObject({ id: 'eq.band1.gain', value: 6, origin: `dashboard ${helloA?.client}` });
    a.send({ type: 'set-norm', id: 'eq.band1.freq', norm: 1 });
    await a.until(() => a.of('param').some((m) => m.id === 'eq.band1.freq'));
    expect(fx.store.get('eq.band1.freq')).toBe(20000);
  });

  it.each([
    ['not JSON', 'hello?', /not JSON/, 'WS_BAD_MESSAGE'],
    ['unknown type', JSON.stringify({ type: 'reboot' }), /unknown message type "reboot"/, 'WS_BAD_MESSAGE'],
    ['wrong field type', JSON.stringify({ type: 'set', id: 'input.gain', value: '3' }), /invalid 'set' message at \/value/, 'WS_BAD_MESSAGE'],
    ['out of range', JSON.stringify({ type: 'set', id: 'eq.band1.gain', value: 20 }), /outside -12\.\.12 dB/, 'PARAM_OUT_OF_RANGE'],
    ['norm out of range', JSON.stringify({ type: 'set-norm', id: 'eq.band1.gain', norm: 2 }), /norm 2 is outside 0\.\.1/, 'PARAM_OUT_OF_RANGE'],
    ['unknown parameter', JSON.stringify({ type: 'set', id: 'nope', value: 1 }), /unknown parameter 'nope'/, 'PARAM_UNKNOWN'],
  ])('invalid message (%s) gets an error and the connection lives on', async (_name, text, message, code) => {
    const c = await connect();
    c.ws.send(text);
    await c.until(() => c.of('error').length === 1);
    expect(c.of('error')[0]).toEqual({ type: 'error', code, message: expect.stringMatching(message) });
    c.send({ type: 'set', id: 'input.gain', value: 1 });
    await c.until(() => c.of('param').length === 1);
    expect(fx.store.get('input.gain')).toBe(1);
  });

  it('binary frames get an error', async () => {
    const c = await connect();
    c.ws.send(Buffer.from([1, 2, 3]));
    await c.until(() => c.of('error').length === 1);
    expect(c.of('error')[0]?.message).toMatch(/binary/);
  });

  it('streams meter frames to a client that acknowledges them', async () => {
    const c = await connect();
    for (let i = 0; i < 20; i++) {
      fx.meters.emit(frame(i));
      await c.until(() => c.of('meters').length === i + 1);
    }
    expect(c.of('meters').map((m) => m.t)).toEqual(Array.from({ length: 20 }, (_, i) => frame(i).t));
  });

  it('a slow client gets every final parameter value and only the newest meters', async () => {
    const c = await connect();
    c.ws.pause(); // stops reading: neither messages nor acks get through
    const sent = new Map<string, number[]>();
    const set = (id: string, value: number): void => {
      expect(fx.store.set(id, value, { kind: 'api' }).ok).toBe(true);
      sent.set(id, [...(sent.get(id) ?? []), fx.store.get(id) ?? Number.NaN]);
    };
    const FRAMES = 5000;
    for (let i = 0; i < FRAMES; i++) {
      fx.meters.emit(frame(i));
      if (i % 50 === 0) set('input.gain', -24 + ((i / 50) % 48));
      if (i % 70 === 0) set('eq.band1.freq', 20 + i);
      if (i % 100 === 0) await turn(); // let the server actually write
    }
    set('comp.ratio', 4);
    const last = frame(FRAMES - 1);
    c.ws.resume();

    const final = (id: string): number => fx.store.get(id) ?? Number.NaN;
    const lastParam = (id: string) => c.of('param').filter((m) => m.id === id).at(-1)?.value;
    await c.until(() => [...sent.keys()].every((id) => lastParam(id) === final(id)) && c.of('meters').at(-1)?.t === last.t);

    for (const [id, values] of sent) {
      const got = c.of('param').filter((m) => m.id === id).map((m) => m.value);
      expect(got.at(-1)).toBe(final(id));
      // In order, nothing invented: what arrived is a subsequence of what was set.
      let k = 0;
      for (const v of got) {
        k = values.indexOf(v, k);
        expect(k, `${id} = ${v} was never set, or arrived out of order`).toBeGreaterThanOrEqual(0);
      }
    }
    // The first frames fill the window; everything after that collapses into the newest one.
    expect(c.of('meters').length).toBeLessThanOrEqual(METER_WINDOW + 1);
  });

  it('closing a client releases it; the server keeps serving others', async () => {
    const a = await connect();
    const b = await connect();
    await a.close();
    fx.meters.emit(frame(1));
    fx.store.set('input.gain', 3, { kind: 'api' });
    await b.until(() => b.of('param').length === 1 && b.of('meters').length === 1);
    expect(a.of('param')).toEqual([]);
  });

  it('server close closes the sockets', async () => {
    const c = await connect();
    const closed = new Promise<number>((r) => c.ws.once('close', (code) => r(code)));
    await app.close();
    expect(await closed).toBeGreaterThan(0);
  });
});
