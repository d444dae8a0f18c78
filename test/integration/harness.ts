import { createSocket, type Socket } from 'node:dgram';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../bridge/config/load.js';
import { startDaemon, type Daemon, type DaemonOptions } from '../../bridge/daemon/index.js';
import { decodePacket, type DecodedMessage } from '../../bridge/drivers/osc/codec.js';

/** Starts the real daemon on ephemeral ports with the engine headless; extra CLI flags allowed. */
export async function startTestDaemon(flags: string[] = [], opts: Partial<DaemonOptions> = {}): Promise<Daemon> {
  const stateDir = await mkdtemp(join(tmpdir(), 'detent-test-'));
  const loaded = await loadConfig(['--state-dir', stateDir, '--http-host', '127.0.0.1', '--http-port', '0', '--osc-port', '0', '--audio', 'none', ...flags], {});
  if (loaded.kind !== 'ok') throw new Error(`test config: ${loaded.kind === 'error' ? loaded.message : loaded.kind}`);
  return startDaemon(loaded.config, { logger: pino({ level: 'silent' }), ...opts });
}

/** A UDP socket that collects decoded OSC messages (a feedback target). */
export async function oscListener(): Promise<{ port: number; messages: DecodedMessage[]; socket: Socket; close(): void }> {
  const socket = createSocket('udp4');
  const messages: DecodedMessage[] = [];
  socket.on('message', (m) => {
    const d = decodePacket(m);
    if (d.ok) messages.push(...d.value);
  });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  return { port: socket.address().port, messages, socket, close: () => socket.close() };
}

export function sendUdp(socket: Socket, data: Uint8Array, port: number): Promise<void> {
  return new Promise((r, j) => socket.send(data, port, '127.0.0.1', (e) => (e ? j(e) : r())));
}

/**
 * Waits until `cond` holds, polling every 10 ms. The deadline only bounds a failure: what is
 * awaited takes milliseconds, but a loaded CI machine may stall a process for seconds.
 */
export async function until(cond: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  return (await res.json()) as T;
}
