/**
 * The embedded engine playing to a real JACK server (jackd's dummy driver, no sound card): output
 * `jack` waits headless for the server and plays to it once it starts; what a JACK client records
 * from the engine's ports is the chain's output at its level; stopping the server under the engine
 * is an unplug (headless, one warning) and starting it again a replug. Output `default` plays to
 * JACK when a server runs, which makes the "no device, then one appears" fault real.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebAudioEngine } from '../../bridge/engine/webaudio/engine.js';
import type { ParamId } from '../../bridge/core/param/descriptor.js';
import { killCli, startCli, type CliDaemon } from '../faults/helpers.js';
import { until } from '../integration/harness.js';
import { blockLevel, haveJackd, jackConnections, jackRecord, startJackd, type Jackd } from './jackd.js';
import { writeToneWav } from './signal.js';

const RATE = 48_000;
const OUT = ['cpal_client_out:out_0', 'cpal_client_out:out_1'];
/** A sine of peak 0.5 reads −9.03 dBFS RMS; the chain at its defaults is unity within 0.01 dB. */
const SINE_RMS_DB = 20 * Math.log10(0.5 / Math.SQRT2);
let dir = '';
let tonePath = '';
let servers = 0;
const serverName = (): string => `detent-test-${process.pid}-${++servers}`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'detent-jack-'));
  tonePath = join(dir, 'sine.wav');
  await writeToneWav(tonePath, 1000, 0.5, RATE, 3);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  // libjack's per-client semaphores of this file's servers (a client that never closed leaves its own).
  const mine = (await readdir('/dev/shm').catch(() => [])).filter((f) => f.includes(`detent-test-${process.pid}-`));
  await Promise.all(mine.map((f) => rm(join('/dev/shm', f), { force: true })));
});

/**
 * Records the engine's two JACK ports for a second; per channel the median RMS of its 10 ms blocks
 * (ten whole cycles of the 1 kHz tone each), dBFS (jackd.ts blockLevel); at least 90 % of the
 * blocks must carry the tone.
 */
async function recordedLevels(name: string, tag: string): Promise<number[]> {
  const rec = await jackRecord(name, OUT, 1, join(dir, `${tag}.wav`));
  expect(rec.sampleRate).toBe(RATE);
  expect(rec.channels).toHaveLength(2);
  return rec.channels.map((c) => {
    const { medianDb, steady } = blockLevel(c, RATE / 100);
    expect(steady).toBeGreaterThanOrEqual(0.9);
    return medianDb;
  });
}

describe.skipIf(!haveJackd)('the engine on a real JACK server (jackd, dummy driver)', () => {
  it('output jack: headless until the server starts, then plays to it; server stopped and restarted = unplug and replug', { timeout: 90_000 }, async () => {
    const name = serverName();
    process.env['JACK_DEFAULT_SERVER'] = name;
    const warnings: string[] = [];
    const infos: string[] = [];
    const e = createWebAudioEngine({ output: 'jack', source: tonePath, log: { warn: (m) => warnings.push(m), info: (m) => infos.push(m) }, outputRetryMs: 100, stallMs: 1000 });
    let jack: Jackd | undefined;
    try {
      expect(await e.start()).toMatchObject({ state: 'running', sink: 'none' });
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(new RegExp(`no JACK server running \\(looked for /dev/shm/jack_${name}_\\d+_0`));

      jack = await startJackd(name, RATE);
      await until(() => e.status().state === 'running' && (e.status() as { sink: string }).sink === 'jack', 15_000);
      expect(infos.some((m) => /JACK output is available again/.test(m))).toBe(true);
      // The engine's ports are connected to the server's playback ports.
      const ports = await jackConnections(name);
      expect(ports).toMatch(/cpal_client_out:out_0\n\s+system:playback_1/);
      expect(ports).toMatch(/cpal_client_out:out_1\n\s+system:playback_2/);
      for (const db of await recordedLevels(name, 'unity')) expect(Math.abs(db - SINE_RMS_DB)).toBeLessThan(0.05);

      e.apply('output.gain' as ParamId, -12);
      await new Promise((r) => setTimeout(r, 500)); // the ramp settles well within this
      for (const db of await recordedLevels(name, 'minus12')) expect(Math.abs(db - (SINE_RMS_DB - 12))).toBeLessThan(0.05);

      // Unplug: the server goes away under the engine.
      await jack.stop();
      jack = undefined;
      await until(() => warnings.some((m) => /JACK output stopped/.test(m)), 15_000);
      await until(() => e.status().state === 'running' && (e.status() as { sink: string }).sink === 'none', 15_000);

      // Replug: the same server again; the engine comes back on it with its parameters.
      jack = await startJackd(name, RATE);
      await until(() => (e.status() as { sink?: string }).sink === 'jack', 15_000);
      for (const db of await recordedLevels(name, 'replug')) expect(Math.abs(db - (SINE_RMS_DB - 12))).toBeLessThan(0.05);
    } finally {
      await e.close();
      await jack?.stop();
    }
  });

  it('output default: headless without a device, on JACK as soon as a server runs (the fault "no device, then one" with a real server)', { timeout: 60_000 }, async () => {
    const name = serverName();
    process.env['JACK_DEFAULT_SERVER'] = name;
    const warnings: string[] = [];
    const infos: string[] = [];
    const e = createWebAudioEngine({ output: 'default', source: tonePath, log: { warn: (m) => warnings.push(m), info: (m) => infos.push(m) }, outputRetryMs: 100 });
    let jack: Jackd | undefined;
    try {
      const st = await e.start();
      if (st.state === 'running' && st.sink === 'default') return; // a machine with a sound card
      expect(st).toMatchObject({ state: 'running', sink: 'none' });
      expect(warnings[0]).toMatch(/no default audio output/);
      jack = await startJackd(name, RATE);
      await until(() => (e.status() as { sink?: string }).sink === 'jack', 15_000);
      expect(infos.some((m) => /default output is available again/.test(m))).toBe(true);
      for (const db of await recordedLevels(name, 'default')) expect(Math.abs(db - SINE_RMS_DB)).toBeLessThan(0.05);
    } finally {
      await e.close();
      await jack?.stop();
    }
  });

  it('the daemon (the built CLI) with --audio jack shows the JACK sink; with the server stopped under it, SIGTERM still ends it, exit 0', { timeout: 90_000 }, async () => {
    const name = serverName();
    const state = await mkdtemp(join(dir, 'state-'));
    let jack: Jackd | undefined = await startJackd(name, RATE);
    let d: CliDaemon | undefined;
    const endpoint = async (): Promise<string> => JSON.stringify(await (await fetch(`${d?.url}/api/devices`)).json());
    try {
      const config = join(state, 'config.json');
      await writeFile(config, JSON.stringify({ schemaVersion: 1, midi: { ports: false } }));
      d = await startCli(state, config, ['--audio', 'jack'], { env: { ...process.env, JACK_DEFAULT_SERVER: name } });
      await until(async () => (await endpoint()).includes('sink jack @ 48000 Hz'), 20_000);
      await jack.stop();
      jack = undefined;
      await until(async () => (await endpoint()).includes('sink none @ 48000 Hz'), 20_000);
      expect(d.log()).toMatch(/the JACK output stopped/);
      // The lost output's context never finishes closing (the library's close() stays pending):
      // the daemon exits anyway.
      d.child.kill('SIGTERM');
      expect(await d.exited).toEqual({ code: 0, signal: null });
    } finally {
      await killCli(d);
      await jack?.stop();
    }
  });
});
