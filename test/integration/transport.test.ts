/**
 * The transport over the HTTP API, against the real embedded engine (node-web-audio-api, none
 * sink) playing a WAV file: pause silences the meters, seek moves the playhead, play resumes, loop
 * switches, load plays another source, and a source that cannot be played is refused while the
 * previous one plays on.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Daemon } from '../../bridge/daemon/index.js';
import { encodeWav } from '../../bridge/engine/export/wav.js';
import type { MeterFrame } from '../../bridge/engine/interface.js';
import type { TransportState } from '../../bridge/engine/source/transport.js';
import { FakeEngine } from '../../bridge/engine/fake.js';
import { getJson, startTestDaemon, until } from './harness.js';

const RATE = 48000;

async function post(base: string, body: unknown): Promise<{ status: number; body: TransportState & { error?: string; message?: string } }> {
  const r = await fetch(`${base}/api/transport`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: r.status, body: (await r.json()) as TransportState & { error?: string; message?: string } };
}

describe('transport over the API (embedded engine, WAV file)', { timeout: 120_000 }, () => {
  let daemon: Daemon;
  let wav = '';
  const peak = async (): Promise<number> => {
    const r = await fetch(`${daemon.httpUrl}/api/meters`);
    if (r.status !== 200) return -Infinity;
    return Math.max(...((await r.json()) as MeterFrame).peakDb);
  };

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'detent-transport-'));
    const n = 4 * RATE;
    const sine = new Float32Array(n);
    for (let i = 0; i < n; i++) sine[i] = 0.5 * Math.sin((2 * Math.PI * 1000 * i) / RATE);
    wav = join(dir, 'sine.wav');
    await writeFile(wav, encodeWav([sine, sine], RATE, 'float32'));
    daemon = await startTestDaemon(['--source', wav]);
  }, 60_000);
  afterAll(async () => {
    await daemon?.close();
  });

  it('plays the file from the start, looping', async () => {
    const s = await getJson<TransportState>(`${daemon.httpUrl}/api/transport`);
    expect(s).toMatchObject({ playing: true, loop: true, source: wav });
    expect(s.duration).toBeCloseTo(4, 6);
    await until(async () => (await peak()) > -7, 30_000);
  });

  it('pause silences the chain and holds the playhead; seek moves it; play resumes', async () => {
    const paused = await post(daemon.httpUrl, { action: 'pause' });
    expect(paused.status).toBe(200);
    expect(paused.body.playing).toBe(false);
    await until(async () => (await peak()) < -100, 30_000);
    const held = await getJson<TransportState>(`${daemon.httpUrl}/api/transport`);
    expect(held.position).toBe(paused.body.position);
    const sought = await post(daemon.httpUrl, { action: 'seek', position: 2.5 });
    expect(sought.body).toMatchObject({ playing: false, position: 2.5 });
    const played = await post(daemon.httpUrl, { action: 'play' });
    expect(played.body.playing).toBe(true);
    await until(async () => (await peak()) > -7, 30_000);
    const later = await getJson<TransportState>(`${daemon.httpUrl}/api/transport`);
    expect(later.position === 2.5 ? 'not moving' : 'moving').toBe('moving');
  });

  it('switches loop off and on', async () => {
    expect((await post(daemon.httpUrl, { action: 'loop', loop: false })).body.loop).toBe(false);
    expect((await post(daemon.httpUrl, { action: 'loop', loop: true })).body.loop).toBe(true);
  });

  it('refuses bad commands with the reason, and a source that cannot play leaves the old one playing', async () => {
    expect((await post(daemon.httpUrl, { action: 'seek', position: -1 })).status).toBe(400);
    expect((await post(daemon.httpUrl, { action: 'rewind' })).status).toBe(400);
    const missing = join(tmpdir(), 'detent-no-such-file.wav');
    const r = await post(daemon.httpUrl, { action: 'load', source: missing });
    expect(r.status).toBe(409);
    expect(r.body.error).toBe('TRANSPORT_REFUSED');
    expect(r.body.message).toContain(missing);
    const s = await getJson<TransportState>(`${daemon.httpUrl}/api/transport`);
    expect(s).toMatchObject({ playing: true, source: wav });
    await until(async () => (await peak()) > -7, 30_000);
  });

  it('loads another source, keeping the parameters', async () => {
    await fetch(`${daemon.httpUrl}/api/params/output.gain`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value: -3 }) });
    const r = await post(daemon.httpUrl, { action: 'load', source: 'demo' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ playing: true, source: 'demo', position: expect.any(Number) });
    expect(daemon.store.get('output.gain' as never)).toBe(-3);
    const live = await post(daemon.httpUrl, { action: 'load', source: 'input' });
    // This machine has no audio input: refused with the reason, the demo plays on.
    if (live.status === 409) {
      expect(live.body.message).toMatch(/no live audio input/);
      expect((await getJson<TransportState>(`${daemon.httpUrl}/api/transport`)).source).toBe('demo');
    } else expect(live.body.source).toBe('input');
  });
});

describe('transport with an engine that has none', () => {
  it('answers 503 TRANSPORT_UNAVAILABLE', async () => {
    const d = await startTestDaemon([], { engine: new FakeEngine() });
    try {
      const r = await fetch(`${d.httpUrl}/api/transport`);
      expect(r.status).toBe(503);
      expect(((await r.json()) as { error: string }).error).toBe('TRANSPORT_UNAVAILABLE');
    } finally {
      await d.close();
    }
  });
});
