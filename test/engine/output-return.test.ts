/**
 * Fault: no audio output, then one appears. The real engine asked for the default output on a
 * machine without one plays headless (none sink, one warning), keeps looking for the device, and
 * when the probe says it is there reopens on it: here the device is still absent, so the reopen
 * exercises the whole path (close, reopen, fall back again) and the engine must come out of it
 * running, with the transport where it was. The probe stands in for a sound card being plugged in
 * (this machine has none); everything else is real.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebAudioEngine } from '../../bridge/engine/webaudio/engine.js';
import { defaultOutputPresent } from '../../bridge/engine/webaudio/output-probe.js';
import { until } from '../integration/harness.js';
import { writeToneWav } from './signal.js';

const RATE = 44100;
let dir = '';
let tonePath = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'detent-output-'));
  tonePath = join(dir, 'sine.wav');
  await writeToneWav(tonePath, 441, 0.5, RATE, 3);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the default output missing, then back', () => {
  it('the probe answers without throwing (and no on a machine without a playback device)', () => {
    const present = defaultOutputPresent();
    expect(typeof present).toBe('boolean');
  });

  it('plays headless, keeps looking, and reopens where the transport was when the output appears', { timeout: 60_000 }, async () => {
    const infos: string[] = [];
    const warnings: string[] = [];
    let probes = 0;
    const e = createWebAudioEngine({
      output: 'default',
      source: tonePath,
      log: { warn: (m) => warnings.push(m), info: (m) => infos.push(m) },
      probeOutput: () => ++probes === 2, // absent once, then "plugged in"
      outputRetryMs: 50,
    });
    try {
      const st = await e.start();
      expect(st.state).toBe('running');
      if (st.state !== 'running' || st.sink === 'default') return; // a machine with a sound card
      expect(warnings).toHaveLength(1);
      const paused = await e.controlTransport?.({ action: 'pause' });
      await e.controlTransport?.({ action: 'seek', position: 1.5 });
      await e.controlTransport?.({ action: 'loop', loop: false });
      expect(paused?.ok).toBe(true);
      await until(() => infos.some((m) => /default output is available again/.test(m)), 20_000);
      await until(() => e.status().state === 'running' && infos.filter((m) => /^audio: playing/.test(m)).length === 2, 20_000);
      // Still no device here: the reopen fell back again, said so, and plays on headless.
      expect(e.status()).toMatchObject({ state: 'running', sink: 'none', source: tonePath });
      expect(warnings).toHaveLength(2);
      expect(e.transportState?.()).toEqual({ playing: false, loop: false, position: 1.5, duration: 3, source: tonePath });
      expect(probes).toBeGreaterThanOrEqual(2);
    } finally {
      await e.close();
    }
  });
});
