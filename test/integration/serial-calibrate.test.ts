import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCalibrateCommand } from '../../bridge/commands/calibrate.js';
import type { Daemon } from '../../bridge/daemon/index.js';
import { FakeSerialBackend } from '../../bridge/drivers/serial/fake.js';
import { FakeEngine } from '../../bridge/engine/fake.js';
import { gaussian } from '../serial/noise.js';
import { startTestDaemon, until } from './harness.js';

/**
 * `detent calibrate` against a running daemon with a deej box (fake serial driver): rest, sweep,
 * centre, save; the calibration file is written per box and applied at once, so a fader whose
 * wiper only reaches 40..980 now covers the whole parameter.
 */
describe('calibrating a knob box through the daemon', () => {
  let daemon: Daemon;
  const backend = new FakeSerialBackend();
  const noise = gaussian(3);
  let fader = 500;
  let timer: ReturnType<typeof setInterval>;

  beforeAll(async () => {
    backend.plug({ path: '/dev/ttyACM0', serialNumber: '95635333930351F0A1C1' });
    daemon = await startTestDaemon(['--serial', '/dev/ttyACM0:deej'], { engine: new FakeEngine(), serialBackend: backend });
    await until(() => backend.isOpen('/dev/ttyACM0'));
    // deej: every 10 ms, all sliders, whether or not anything moved; 1.5 LSB of noise.
    timer = setInterval(() => {
      const v = Math.min(1023, Math.max(0, Math.round(fader + 1.5 * noise())));
      backend.feed('/dev/ttyACM0', new TextEncoder().encode(`${v}|0|0|0|0\r\n`));
    }, 10);
  });

  afterAll(async () => {
    clearInterval(timer);
    await daemon.close();
  });

  it('measures, saves per box and applies the calibration at once', async () => {
    const out: string[] = [];
    const lines: (() => void)[] = [];
    const io = {
      out: (l: string) => out.push(l),
      err: (l: string) => out.push(`ERR ${l}`),
      fetch,
      nextLine: () => new Promise<void>((r) => lines.push(r)),
      sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
      onInterrupt: () => () => {},
    };
    const run = runCalibrateCommand(['/dev/ttyACM0', '--url', daemon.httpUrl, '--rest', '1'], io);
    await until(() => lines.length === 1); // sweep phase: the fader travels 40..980
    for (let x = 500; x >= 40; x -= 5) await step(x);
    for (let x = 40; x <= 980; x += 5) await step(x);
    lines.shift()?.();
    await until(() => lines.length === 1);
    lines.shift()?.();
    expect(await run).toBe(0);
    expect(out.join('\n')).toMatch(/saved .*deej--95635333930351F0A1C1\.json \(channels 0\); in use now/);

    const dir = join(daemon.stateDir, 'calibration');
    const [file] = await readdir(dir);
    const saved = JSON.parse(await readFile(join(dir, file ?? ''), 'utf8')) as { channels: Record<string, { min: number; max: number; noise: { sd: number } }> };
    expect(saved.channels['0']?.min).toBeGreaterThan(40);
    expect(saved.channels['0']?.min).toBeLessThan(54);
    expect(saved.channels['0']?.max).toBeLessThan(980);
    expect(saved.channels['0']?.max).toBeGreaterThan(966);
    expect(saved.channels['0']?.noise.sd).toBeGreaterThan(1);

    // In use now: the fader's top stop (980) is the top of the parameter.
    fader = 980;
    await until(() => daemon.store.norm('input.gain' as never) === 1).catch((e: Error) => {
      throw new Error(`${e.message}: input.gain at ${daemon.store.norm('input.gain' as never)}`);
    });
  });

  it('answers clear errors: unknown box, nothing running, saving too early, a second box while one runs', async () => {
    const api = (method: string, path = '', body?: unknown) =>
      fetch(`${daemon.httpUrl}/api/serial/calibration${path}`, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) }).then(
        async (r) => [r.status, ((await r.json()) as { error?: string }).error ?? 'ok'],
      );
    expect(await api('POST', '', { device: '/dev/ttyNOPE' })).toEqual([404, 'CALIBRATION_NO_DEVICE']);
    expect(await api('GET')).toEqual([404, 'CALIBRATION_NONE']);
    expect(await api('POST', '', { device: 'serial:/dev/ttyACM0' })).toEqual([200, 'ok']);
    expect(await api('POST', '/save')).toEqual([409, 'CALIBRATION_NOT_DONE']);
    expect(await api('DELETE')).toEqual([200, 'ok']);
    const ports = (await (await fetch(`${daemon.httpUrl}/api/serial/ports`)).json()) as { ports: { path: string; profiles: string[]; open: boolean }[] };
    expect(ports.ports.map((p) => [p.path, p.profiles, p.open])).toEqual([['/dev/ttyACM0', ['deej'], true]]);
  });

  async function step(x: number): Promise<void> {
    fader = x;
    await new Promise((r) => setTimeout(r, 12));
  }
});
