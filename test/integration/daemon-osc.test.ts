import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Daemon } from '../../bridge/daemon/index.js';
import { encodeFloatMessage } from '../../bridge/drivers/osc/codec.js';
import type { ServerMessage } from '../../bridge/server/messages.js';
import type { DeviceSnapshot } from '../../bridge/core/devices.js';
import { getJson, oscListener, sendUdp, startTestDaemon, until } from './harness.js';

const run = promisify(execFile);
type Param = { id: string; value: number; norm: number };

describe('daemon end to end over real UDP', () => {
  let daemon: Daemon;
  let feedback: Awaited<ReturnType<typeof oscListener>>;
  let ws: WebSocket;
  const wsMessages: ServerMessage[] = [];

  beforeAll(async () => {
    feedback = await oscListener();
    const dir = await mkdtemp(join(tmpdir(), 'detent-cfg-'));
    const config = join(dir, 'config.json');
    await writeFile(config, JSON.stringify({ schemaVersion: 1, osc: { host: '127.0.0.1', feedback: [{ host: '127.0.0.1', port: feedback.port }] } }));
    daemon = await startTestDaemon(['--config', config]);
    ws = new WebSocket(`${daemon.httpUrl.replace('http', 'ws')}/ws`);
    ws.on('message', (d) => wsMessages.push(JSON.parse(String(d)) as ServerMessage));
    await until(() => wsMessages.some((m) => m.type === 'hello'));
  });

  afterAll(async () => {
    ws?.close();
    feedback?.close();
    await daemon?.close();
  });

  const param = (id: string) => getJson<Param>(`${daemon.httpUrl}/api/params/${id}`);

  it('oscsend (liblo) sets output.gain, seen by the API, the WebSocket and the feedback target', async () => {
    await run('oscsend', ['127.0.0.1', String(daemon.oscPort), '/detent/param/output.gain', 'f', '-6']);
    await until(async () => (await param('output.gain')).value === -6);
    await until(() => wsMessages.some((m) => m.type === 'param' && m.id === 'output.gain' && m.value === -6));
    await until(() => feedback.messages.some((m) => m.address === '/detent/param/output.gain'));
    const fb = feedback.messages.filter((m) => m.address.startsWith('/detent/param/output.gain'));
    expect(fb).toContainEqual({ address: '/detent/param/output.gain', args: [{ type: 'f', value: -6 }] });
    expect(fb).toContainEqual({ address: '/detent/param/output.gain/norm', args: [{ type: 'f', value: 0.375 }] });
  });

  it('the osc package as a client: normalised address and a mapped TouchOSC fader', async () => {
    const s = createSocket('udp4');
    await sendUdp(s, encodeFloatMessage('/detent/param/eq.band2.freq/norm', 0), daemon.oscPort);
    // The default set picks faders up (soft takeover): the fader first lands on input.gain's
    // position (0 dB = 0.5), then moves it.
    await sendUdp(s, encodeFloatMessage('/1/fader1', 0.5), daemon.oscPort);
    await sendUdp(s, encodeFloatMessage('/1/fader1', 1), daemon.oscPort);
    await until(async () => (await param('eq.band2.freq')).value === 200);
    await until(async () => (await param('input.gain')).value === 24);
    s.close();
  });

  it('does not echo a moved fader back to the peer that moves it', async () => {
    // The feedback target itself sends: it must get /detent/param/... updates but not /1/fader1 back.
    // Let feedback from earlier tests land first (it is sent within 5 ms).
    await new Promise((r) => setTimeout(r, 100));
    feedback.messages.length = 0;
    // input.gain is at +24 dB (position 1): the fader catches it there, then moves it to 0 dB.
    await sendUdp(feedback.socket, encodeFloatMessage('/1/fader1', 1), daemon.oscPort);
    await sendUdp(feedback.socket, encodeFloatMessage('/1/fader1', 0.5), daemon.oscPort);
    await until(async () => (await param('input.gain')).value === 0);
    await until(() => feedback.messages.some((m) => m.address === '/detent/param/input.gain'));
    // Past the echo window too: the fader already shows the value, so nothing follows either.
    await new Promise((r) => setTimeout(r, 400));
    expect(feedback.messages.filter((m) => m.address === '/1/fader1')).toEqual([]);
    const out = (await getJson<DeviceSnapshot[]>(`${daemon.httpUrl}/api/devices`)).find((d) => d.kind === 'osc-out');
    expect(out?.counters['echoSuppressed']).toBeGreaterThan(0);
    // A change from elsewhere does move that fader.
    await fetch(`${daemon.httpUrl}/api/params/input.gain`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value: 12 }) });
    await until(() => feedback.messages.some((m) => m.address === '/1/fader1' && m.args[0]?.type === 'f' && m.args[0].value === 0.75));
  });

  it('survives garbage, truncated packets and a flood, counts them, and stays healthy', async () => {
    const s = createSocket('udp4');
    const valid = encodeFloatMessage('/detent/param/output.gain', -3);
    const junk: Uint8Array[] = [Buffer.from('hello'), valid.subarray(0, valid.length - 2), Buffer.alloc(0), Buffer.from([0x23, 0x62, 0x75, 0x6e])];
    for (let i = 0; i < 2000; i++) junk.push(Uint8Array.from({ length: 1 + (i % 200) }, (_, j) => (i * 31 + j * 7) & 0xff));
    for (const j of junk) s.send(j, daemon.oscPort, '127.0.0.1');
    await sendUdp(s, encodeFloatMessage('/detent/param/output.gain', Number.NaN), daemon.oscPort);
    await sendUdp(s, encodeFloatMessage('/detent/param/output.gain', 99), daemon.oscPort);
    await sendUdp(s, valid, daemon.oscPort);
    await until(async () => (await param('output.gain')).value === -3);
    s.close();
    expect(await getJson(`${daemon.httpUrl}/api/health`)).toMatchObject({ ok: true });
    const devices = await getJson<DeviceSnapshot[]>(`${daemon.httpUrl}/api/devices`);
    const osc = devices.find((d) => d.id === 'osc');
    expect(osc?.status).toEqual({ state: 'up' });
    expect(osc?.counters['malformed']).toBeGreaterThan(1900);
    expect(osc?.counters['rejected']).toBeGreaterThanOrEqual(2);
    expect((await getJson<Param[]>(`${daemon.httpUrl}/api/params`)).every((p) => Number.isFinite(p.value))).toBe(true);
  });

  it('keeps the last value of a burst: 5,000 messages, final value applied', async () => {
    // Sent in chunks of 250 (tens of thousands a second): one synchronous loop of 5,000 can
    // overflow the kernel's UDP receive queue, which drops datagrams before any receiver sees them.
    const s = createSocket('udp4');
    for (let i = 1; i <= 5000; i++) {
      s.send(encodeFloatMessage('/detent/param/eq.band1.gain', -12 + (24 * i) / 5000), daemon.oscPort, '127.0.0.1');
      if (i % 250 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await sendUdp(s, encodeFloatMessage('/detent/param/eq.band1.gain', 1.5), daemon.oscPort);
    await until(async () => (await param('eq.band1.gain')).value === 1.5);
    s.close();
  });
});
