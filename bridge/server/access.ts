/**
 * Who may use the API, the WebSocket and the dashboard (an onRequest hook, before any route):
 * - Host: on a loopback bind, the Host header must name loopback (`localhost`, `127.0.0.1`,
 *   `[::1]`), which defeats DNS rebinding (a web page whose name resolves to 127.0.0.1);
 * - Origin: a browser request that carries an Origin (every cross-site fetch, every WebSocket
 *   handshake, every form POST) must come from the page's own origin, so another site open in
 *   the engineer's browser can neither read nor move anything;
 * - token: when one is required (always off loopback), `Authorization: Bearer <token>`, the
 *   `detent_token` cookie, or `?token=<token>` (for the first visit of the dashboard: the answer
 *   sets the cookie, HttpOnly and SameSite=Strict, so the page's own requests carry it).
 * Tokens are compared in constant time.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const TOKEN_COOKIE = 'detent_token';

export interface AccessOptions {
  /** The token every request must carry, or null when none is needed (loopback, not configured). */
  readonly token: string | null;
  /** The server listens on loopback only: the Host header must say so. */
  readonly loopback: boolean;
}

export const LOOPBACK_NAMES: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_NAMES.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function installAccessControl(app: FastifyInstance, opts: AccessOptions): void {
  const want = opts.token === null ? null : Buffer.from(opts.token);
  app.addHook('onRequest', async (req, reply) => {
    const host = hostName(req.headers.host ?? '');
    if (opts.loopback && !isLoopbackHost(host)) return refuse(req, reply, 403, 'HOST_REFUSED', `this server answers only on loopback, not for host ${JSON.stringify(host)}`);
    const origin = req.headers.origin;
    if (origin !== undefined && !sameOrigin(origin, req.headers.host ?? '')) return refuse(req, reply, 403, 'ORIGIN_REFUSED', `requests from ${origin} are refused (only this server's own pages may call it)`);
    if (want === null) return;
    const given = presented(req);
    if (given === undefined || !equal(Buffer.from(given), want)) return refuse(req, reply, 401, 'TOKEN_REQUIRED', 'a valid access token is required (Authorization: Bearer <token>, or open the dashboard with ?token=<token>)');
    if (tokenFromQuery(req) !== undefined) void reply.header('set-cookie', `${TOKEN_COOKIE}=${given}; HttpOnly; SameSite=Strict; Path=/`);
  });
}

function refuse(req: FastifyRequest, reply: FastifyReply, status: 401 | 403, error: string, message: string): FastifyReply {
  // A refused WebSocket handshake owns its socket: close it, or it lingers (and server close waits).
  if (req.headers.upgrade !== undefined) reply.raw.once('finish', () => req.raw.socket.destroy());
  return reply.code(status).header('content-type', 'application/json; charset=utf-8').header('connection', 'close').send({ error, message });
}

/** The host part of a Host header (`[::1]:7400` → `::1`, `localhost:7400` → `localhost`). */
function hostName(hostHeader: string): string {
  const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(hostHeader);
  if (v6 !== null) return v6[1] as string;
  return hostHeader.replace(/:\d+$/, '').toLowerCase();
}

function sameOrigin(origin: string, hostHeader: string): boolean {
  try {
    const o = new URL(origin);
    return (o.protocol === 'http:' || o.protocol === 'https:') && o.host.toLowerCase() === hostHeader.toLowerCase();
  } catch {
    return false; // `null` (a sandboxed page, file://) or garbage
  }
}

function presented(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (auth !== undefined && /^Bearer /i.test(auth)) return auth.slice(7).trim();
  const cookie = (req.headers.cookie ?? '').split(/;\s*/).find((c) => c.startsWith(`${TOKEN_COOKIE}=`));
  if (cookie !== undefined) return cookie.slice(TOKEN_COOKIE.length + 1);
  return tokenFromQuery(req);
}

function tokenFromQuery(req: FastifyRequest): string | undefined {
  const q = req.query as Record<string, unknown> | undefined;
  const t = q?.['token'];
  return typeof t === 'string' ? t : undefined;
}

function equal(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
