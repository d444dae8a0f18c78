import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceSnapshot } from '../../bridge/core/devices.js';
import type { Daemon } from '../../bridge/daemon/index.js';
import { FakeEngine } from '../../bridge/engine/fake.js';
import { ptyPair } from '../drivers/pty.js';
import { openKnobBox, type BoxProtocol, type KnobBox } from '../serial/knob-box.js';
import { getJson, startTestDaemon, until } from './harness.js';

/** knob/1 (channel 0 of most profiles) and fader/1 (deej's first slider) both drive the output gain, without takeover. */
async function mappingSet(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'detent-serial-set-'));
  const file = join(dir, 'set.json');
  const glue = { takeover: 'off' };
  await writeFile(
    file,
    JSON.stringify({
      schemaVersion: 1,
      name: 'serial test',
      mappings: [
        { control: 'knob/1', target: 'output.gain', glue },
        { control: 'fader/1', target: 'output.gain', glue },
      ],
    }),
  );
  return file;
}

const FULL: Record<BoxProtocol, number> = { deej: 1023, 'text-lines': 1023, firmata: 1023, 'midi-serial': 127, 'detent-hr': 4095 };

describe('each built-in firmware profile drives the chain over a real PTY', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function rig(protocol: BoxProtocol): Promise<{ daemon: Daemon; box: KnobBox; pty: Awaited<ReturnType<typeof ptyPair>> }> {
    const pty = await ptyPair();
    cleanups.push(() => pty.close());
    // The device end is open first: socat gives up on a PTY nobody holds.
    const box = await openKnobBox(pty.b, protocol);
    cleanups.push(() => box.close());
    const set = await mappingSet();
    const cfgDir = await mkdtemp(join(tmpdir(), 'detent-serial-cfg-'));
    const config = join(cfgDir, 'config.json');
    await writeFile(config, JSON.stringify({ schemaVersion: 1, midi: { ports: false }, mappings: { set } }));
    const daemon = await startTestDaemon(['--config', config, '--serial', `${pty.a}:${protocol}`], { engine: new FakeEngine() });
    cleanups.push(() => daemon.close());
    return { daemon, box, pty };
  }

  const norm = (d: Daemon) => d.store.norm('output.gain' as never) ?? -1;

  it.each<BoxProtocol>(['deej', 'text-lines', 'midi-serial', 'firmata', 'detent-hr'])('%s', async (protocol) => {
    const { daemon, box } = await rig(protocol);
    const device = async () => (await getJson<DeviceSnapshot[]>(`${daemon.httpUrl}/api/devices`)).find((d) => d.kind === 'serial');
    await until(async () => (await device())?.status.state === 'up');
    const full = FULL[protocol];
    // Keep reporting (as real boards do) until the daemon has the value: the first line after open
    // is dropped for line protocols, and Firmata reports only after its handshake.
    const reach = async (raw: number, want: number) => {
      await until(async () => {
        await box.set(0, raw);
        return Math.abs(norm(daemon) - want) < 0.01;
      }, 8000);
    };
    await reach(full, 1);
    await reach(0, 0);
    await reach(Math.round(full / 2), Math.round(full / 2) / full);
    const d = await device();
    expect(d?.counters['frames']).toBeGreaterThan(0);
    expect(d?.counters['applied']).toBeGreaterThan(0);
  });

  it('survives an unplug and recovers on replug without a restart', async () => {
    const { daemon, box, pty } = await rig('detent-hr');
    const device = async () => (await getJson<DeviceSnapshot[]>(`${daemon.httpUrl}/api/devices`)).find((d) => d.kind === 'serial');
    await until(async () => (await device())?.status.state === 'up');
    await until(async () => {
      await box.set(0, 4095);
      return norm(daemon) > 0.99;
    });
    await box.close();
    await pty.close(); // socat dies: the port vanishes
    await until(async () => (await device())?.status.state === 'down');
    const again = await ptyPair(pty.dir);
    cleanups.push(() => again.close());
    const box2 = await openKnobBox(again.b, 'detent-hr');
    cleanups.push(() => box2.close());
    await until(async () => (await device())?.status.state === 'up');
    await until(async () => {
      await box2.set(0, 0);
      return norm(daemon) < 0.01;
    });
    expect((await device())?.counters['reconnects']).toBe(1);
  });
});
