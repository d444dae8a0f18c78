import type { FastifyInstance } from 'fastify';
import type { RawData } from 'ws';
import { errorBody, ServerErrorCode } from '../http-errors.js';
import { errorMessage } from '../ws/dispatch.js';
import type { Hub } from '../ws/hub.js';

const text = (data: RawData): string =>
  (Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)).toString('utf8');

const BINARY_REFUSED = errorMessage(ServerErrorCode.WsBadMessage, 'binary frames are not supported; send JSON text');
const NOT_AN_UPGRADE = errorBody(ServerErrorCode.UpgradeRequired, '/ws is a WebSocket endpoint; connect with a WebSocket client');

/**
 * `GET /ws`: the dashboard's live connection. Each socket becomes a hub client; binary frames are
 * refused with an `error`, and `close` (from either side, or server shutdown) releases the client.
 */
export function registerWsRoute(app: FastifyInstance, hub: Hub): void {
  app.route({
    method: 'GET',
    url: '/ws',
    // A plain HTTP request gets the one error shape instead of the plugin's empty 404.
    handler: (_request, reply) => {
      void reply.code(426).header('upgrade', 'websocket').send(NOT_AN_UPGRADE);
    },
    wsHandler: (socket, request) => {
      const client = hub.connect(socket, request.ip);
      socket.on('message', (data, isBinary) => {
        if (isBinary) client.channel.reply(BINARY_REFUSED);
        else client.receive(text(data));
      });
      socket.on('close', () => client.close());
      socket.on('error', (e) => request.log.warn({ err: e, client: client.id }, 'websocket error'));
    },
  });
}
