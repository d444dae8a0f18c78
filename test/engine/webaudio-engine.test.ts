import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebAudioEngine } from '../../bridge/engine/webaudio/engine.js';
import { frameWhere } from './contract.js';
import { sine, wav16 } from './signal.js';

const quiet = { warn: (): void => {}, info: (): void => {} };
const RATE = 44100;
let dir = '';
let tonePath = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'detent-engine-'));
  tonePath = join(dir, 'sine-6dBFS.wav');
  const tone = sine(441, 0.5, RATE, RATE); // 100 samples a cycle: a seamless loop
  await writeFile(tonePath, wav16([tone, tone], RATE));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const activeTimers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout' || r === 'Immediate').length;

describe('web audio engine', () => {
  it('with output default and no device, falls back to headless and warns once with the reason', async () => {
    const warnings: string[] = [];
    const e = createWebAudioEngine({ output: 'default', source: 'demo', log: { warn: (m) => warnings.push(m), info: () => {} } });
    const st = await e.start();
    await e.close();
    expect(st.state).toBe('running');
    if (st.state !== 'running') return;
    if (st.sink === 'none') {
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/no default audio output \(.+\)/);
    } else {
      expect(warnings).toEqual([]); // a machine with a sound card
    }
  });

  it('plays a file at its own sample rate and meters it: -6 dBFS sine reads -6.02 peak, -9.03 RMS', async () => {
    const e = createWebAudioEngine({ output: 'none', source: tonePath, log: quiet });
    const st = await e.start();
    expect(st).toEqual({ state: 'running', sink: 'none', sampleRate: RATE, source: tonePath });
    // After the 300 ms RMS window has filled with the tone (and the chain's latency has passed).
    const f = await frameWhere(e, (x) => x.t > 0.8);
    await e.close();
    for (const p of f?.peakDb ?? [0]) expect(p).toBeCloseTo(-6.02, 1);
    for (const r of f?.rmsDb ?? [0]) expect(r).toBeCloseTo(-9.03, 1);
  });

  it('an applied gain reaches the meters', async () => {
    const e = createWebAudioEngine({ output: 'none', source: tonePath, log: quiet });
    await e.start();
    const first = await frameWhere(e, () => true);
    e.apply('output.gain', -12);
    const t0 = first?.t ?? 0;
    // 0.5 s of audio time: the ramp and the 300 ms RMS window have settled. On a loaded machine
    // the render thread can run behind the wall clock, so allow it time.
    const f = await frameWhere(e, (x) => x.t > t0 + 0.5, 20_000);
    await e.close();
    expect(f, 'no meter frame 0.5 s (audio time) after the change').toBeDefined();
    for (const r of f?.rmsDb ?? []) expect(r).toBeCloseTo(-21.03, 1);
  }, 30_000);

  it('coalesces: a burst of values in one turn schedules one ramp per parameter, with the last value', async () => {
    const scheduled: [string, number][] = [];
    const e = createWebAudioEngine({ output: 'none', source: 'demo', log: quiet, onScheduled: (id, v) => scheduled.push([id, v]) });
    await e.start();
    for (let i = 0; i < 100; i++) e.apply('input.gain', -i / 10);
    e.apply('eq.band2.freq', 2500);
    await new Promise((r) => setImmediate(r));
    await e.close();
    expect(scheduled).toEqual([
      ['input.gain', -9.9],
      ['eq.band2.freq', 2500],
    ]);
  });

  it('ignores an unknown id or a non-finite value with one warning each, never throwing', async () => {
    const warnings: string[] = [];
    const e = createWebAudioEngine({ output: 'none', source: 'demo', log: { warn: (m) => warnings.push(m), info: () => {} } });
    await e.start();
    e.apply('eq.band9.gain', 1);
    e.apply('eq.band9.gain', 2);
    e.apply('output.gain', Number.NaN);
    await e.close();
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('eq.band9.gain');
  });

  it('a missing file fails the start with a reason naming the path', async () => {
    const path = join(dir, 'missing.flac');
    const e = createWebAudioEngine({ output: 'none', source: path, log: quiet });
    const st = await e.start();
    expect(st.state).toBe('failed');
    expect(st.state === 'failed' ? st.reason : '').toContain(path);
    await e.close();
  });

  it('close leaves no timer behind and can be called twice', async () => {
    const before = activeTimers();
    const e = createWebAudioEngine({ output: 'none', source: 'demo', log: quiet });
    await e.start();
    e.apply('output.gain', -1); // a pending flush, dropped by close
    await e.close();
    await e.close();
    // At most what was there before: a timer left over from an earlier test may have fired meanwhile.
    expect(activeTimers()).toBeLessThanOrEqual(before);
  });

  it('close during start leaves the engine stopped', async () => {
    const e = createWebAudioEngine({ output: 'none', source: 'demo', log: quiet });
    const starting = e.start();
    await e.close();
    await starting;
    expect(e.status().state).toBe('stopped');
  });
});
