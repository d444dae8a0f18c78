import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { buildServer, BODY_LIMIT_BYTES } from '../../bridge/server/app.js';
import type { AccessOptions } from '../../bridge/server/access.js';
import { fixture } from './fixtures.js';

const TOKEN = 'k3y-0123456789abcdef';
let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function server(access?: AccessOptions): Promise<FastifyInstance> {
  app = await buildServer({ ...fixture().deps, ...(access === undefined ? {} : { access }) });
  return app;
}

const status = async (a: FastifyInstance, url: string, headers: Record<string, string> = {}) => {
  const r = await a.inject({ url, headers });
  return [r.statusCode, r.statusCode === 200 ? 'ok' : (r.json() as { error: string }).error];
};

describe('access control', () => {
  it('on loopback: answers loopback host names only (no DNS rebinding)', async () => {
    const a = await server();
    expect(await status(a, '/api/health', { host: 'localhost:7400' })).toEqual([200, 'ok']);
    expect(await status(a, '/api/health', { host: '127.0.0.1:7400' })).toEqual([200, 'ok']);
    expect(await status(a, '/api/health', { host: '[::1]:7400' })).toEqual([200, 'ok']);
    expect(await status(a, '/api/health', { host: 'attacker.example:7400' })).toEqual([403, 'HOST_REFUSED']);
  });

  it('refuses requests from another origin (another web site open in the browser)', async () => {
    const a = await server();
    expect(await status(a, '/api/params', { host: '127.0.0.1:7400', origin: 'http://127.0.0.1:7400' })).toEqual([200, 'ok']);
    expect(await status(a, '/api/params', { host: '127.0.0.1:7400', origin: 'https://evil.example' })).toEqual([403, 'ORIGIN_REFUSED']);
    expect(await status(a, '/api/params', { host: '127.0.0.1:7400', origin: 'null' })).toEqual([403, 'ORIGIN_REFUSED']);
    const put = await a.inject({ method: 'PUT', url: '/api/params/output.gain', headers: { host: '127.0.0.1:7400', origin: 'http://localhost:9999' }, payload: { value: -3 } });
    expect(put.statusCode).toBe(403);
  });

  it('off loopback: every request needs the token (header, cookie, or ?token= which sets the cookie)', async () => {
    const a = await server({ token: TOKEN, loopback: false });
    const host = { host: '192.168.1.10:7400' };
    expect(await status(a, '/api/params', host)).toEqual([401, 'TOKEN_REQUIRED']);
    expect(await status(a, '/api/params', { ...host, authorization: 'Bearer wrong-token-0000000' })).toEqual([401, 'TOKEN_REQUIRED']);
    expect(await status(a, '/api/params', { ...host, authorization: `Bearer ${TOKEN}` })).toEqual([200, 'ok']);
    expect(await status(a, '/api/params', { ...host, cookie: `other=1; detent_token=${TOKEN}` })).toEqual([200, 'ok']);
    const first = await a.inject({ url: `/api/health?token=${TOKEN}`, headers: host });
    expect(first.statusCode).toBe(200);
    expect(first.headers['set-cookie']).toBe(`detent_token=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`);
  });

  it('refuses a WebSocket handshake from another origin, and without the token off loopback', async () => {
    const a = await server({ token: TOKEN, loopback: false });
    await a.listen({ host: '127.0.0.1', port: 0 });
    const port = (a.server.address() as { port: number }).port;
    const open = (url: string, headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, { headers });
        ws.once('open', () => {
          ws.once('close', () => resolve(101));
          ws.terminate();
        });
        ws.once('unexpected-response', (req, res) => {
          resolve(res.statusCode ?? 0);
          req.destroy();
        });
        ws.once('error', () => resolve(-1));
      });
    const url = `ws://127.0.0.1:${port}/ws`;
    expect(await open(url, {})).toBe(401);
    expect(await open(url, { origin: 'https://evil.example', authorization: `Bearer ${TOKEN}` })).toBe(403);
    expect(await open(url, { origin: `http://127.0.0.1:${port}`, cookie: `detent_token=${TOKEN}` })).toBe(101);
  });

  it(`refuses a body larger than ${BODY_LIMIT_BYTES} bytes with 413, and keeps running`, async () => {
    const a = await server();
    const big = JSON.stringify({ value: 1, pad: 'x'.repeat(BODY_LIMIT_BYTES) });
    const r = await a.inject({ method: 'PUT', url: '/api/params/output.gain', headers: { 'content-type': 'application/json' }, payload: big });
    expect(r.statusCode).toBe(413);
    expect(await status(a, '/api/health')).toEqual([200, 'ok']);
  });
});
