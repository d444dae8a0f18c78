import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceSnapshot } from '../../bridge/core/devices.js';
import type { Daemon } from '../../bridge/daemon/index.js';
import { FakeEngine } from '../../bridge/engine/fake.js';
import { startFirmwareSim, type FirmwareSim } from '../serial/sim.js';
import { getJson, startTestDaemon, until } from './harness.js';
import { HOLD_MS } from '../../bridge/core/routing/serial-input.js';

/**
 * The reference firmware (firmware-profiles/detent-hr/firmware, avr-gcc) runs in simavr with its
 * UART on a PTY; the daemon opens that PTY with the detent-hr profile. Turning a simulated knob
 * (a voltage on the ATmega328P's ADC) moves the parameter: real firmware into the real daemon.
 * Needs gcc-avr, avr-libc and libsimavr-dev (CI installs them); DETENT_SKIP_SIM=1 skips.
 */
describe.skipIf(process.env['DETENT_SKIP_SIM'] === '1')('the simulated reference firmware drives a parameter end to end', () => {
  let sim: FirmwareSim;
  let daemon: Daemon;

  beforeAll(async () => {
    sim = await startFirmwareSim({ resetOnOpen: true });
    const dir = await mkdtemp(join(tmpdir(), 'detent-fw-'));
    const set = join(dir, 'set.json');
    await writeFile(
      set,
      JSON.stringify({
        schemaVersion: 1,
        name: 'firmware test',
        mappings: [
          { control: 'knob/1', target: 'output.gain', glue: { takeover: 'off' } },
          { control: 'knob/3', target: 'input.gain', glue: { takeover: 'off' } },
        ],
      }),
    );
    const config = join(dir, 'config.json');
    await writeFile(config, JSON.stringify({ schemaVersion: 1, midi: { ports: false }, mappings: { set } }));
    daemon = await startTestDaemon(['--config', config, '--serial', `${sim.pty}:detent-hr`], { engine: new FakeEngine() });
  }, 60_000);

  afterAll(async () => {
    await daemon?.close();
    await sim?.close();
  });

  const norm = (id: string) => daemon.store.norm(id as never) ?? -1;
  /** Resolves once the store has seen no change for `ms`; fails after `limit` ms. */
  const quiet = (ms: number, limit: number) =>
    new Promise<void>((resolve, reject) => {
      let timer = setTimeout(done, ms);
      const off = daemon.store.subscribe(() => {
        clearTimeout(timer);
        timer = setTimeout(done, ms);
      });
      const giveUp = setTimeout(() => {
        clearTimeout(timer);
        off();
        reject(new Error(`the store was never quiet for ${ms} ms within ${limit} ms`));
      }, limit);
      function done(): void {
        clearTimeout(giveUp);
        off();
        resolve();
      }
    });
  const device = async () => (await getJson<DeviceSnapshot[]>(`${daemon.httpUrl}/api/devices`)).find((d) => d.kind === 'serial');

  it('turning simulated knobs moves their parameters, at 12-bit resolution', async () => {
    await until(async () => (await device())?.status.state === 'up');
    sim.setAdc(0, 5000);
    await until(() => norm('output.gain') > 0.999);
    sim.setAdc(0, 0);
    await until(() => norm('output.gain') < 0.001);
    // A quarter turn on knob 3: 1250 mV of 5000 is 1/4 of the travel, within a few 12-bit counts.
    sim.setAdc(2, 1250);
    await until(() => Math.abs(norm('input.gain') - 0.25) < 0.003);
    const d = await device();
    expect(d?.endpoint).toMatch(/detent-hr device 1/);
    expect(d?.counters['badFrames']).toBe(0);
    expect(d?.counters['lost']).toBe(0);
    expect(d?.counters['frames']).toBeGreaterThan(2);
  });

  it('a resting knob sends nothing to the chain', async () => {
    sim.setAdc(0, 3000);
    await until(() => Math.abs(norm('output.gain') - 0.6) < 0.003);
    // The filter settles where the knob rests while the last reading is held (SerialRouter
    // HOLD_READINGS, counted, so a loaded machine stretches it): wait for a quiet spell longer than
    // the hold, however long the settling took.
    await quiet(HOLD_MS + 200, 10_000);
    const rest = norm('output.gain');
    // simavr's 10-bit ADC truncates (no noise to dither the 16× oversampling): within one 10-bit count.
    expect(Math.abs(rest - 3000 / 5000)).toBeLessThan(5 / 4095);
    const changes: number[] = [];
    const off = daemon.store.subscribe((c) => changes.push(c.norm));
    // Two keep-alives (about a second apart) arrive while the knob rests.
    await new Promise((r) => setTimeout(r, 2200));
    off();
    expect(changes).toEqual([]);
  });
});
