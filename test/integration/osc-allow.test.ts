import { createSocket } from 'node:dgram';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeviceSnapshot } from '../../bridge/core/devices.js';
import { encodeFloatMessage } from '../../bridge/drivers/osc/codec.js';
import { FakeEngine } from '../../bridge/engine/fake.js';
import { getJson, sendUdp, startTestDaemon, until } from './harness.js';

/** osc.allow over real UDP: a sender outside the blocks is refused and counted; one inside drives the chain. */
describe('OSC sender allow-list', () => {
  it.each([
    [['10.0.0.0/8'], false],
    [['10.0.0.0/8', '127.0.0.0/8'], true],
  ])('allow %j: a packet from 127.0.0.1 applied: %s', async (allow, applied) => {
    const dir = await mkdtemp(join(tmpdir(), 'detent-allow-'));
    const config = join(dir, 'config.json');
    await writeFile(config, JSON.stringify({ schemaVersion: 1, midi: { ports: false }, osc: { allow } }));
    const daemon = await startTestDaemon(['--config', config], { engine: new FakeEngine() });
    const socket = createSocket('udp4');
    try {
      await sendUdp(socket, encodeFloatMessage('/detent/param/output.gain', -6), daemon.oscPort);
      const osc = async () => (await getJson<DeviceSnapshot[]>(`${daemon.httpUrl}/api/devices`)).find((d) => d.id === 'osc');
      await until(async () => ((await osc())?.counters['packets'] ?? 0) > 0);
      const d = await osc();
      if (applied) {
        await until(() => daemon.store.get('output.gain' as never) === -6);
        expect(d?.counters['refused']).toBe(0);
      } else {
        expect(d?.counters['refused']).toBe(1);
        expect(d?.lastError).toMatch(/refused a packet from 127\.0\.0\.1:\d+: not in osc\.allow/);
        expect(daemon.store.get('output.gain' as never)).toBe(0);
      }
    } finally {
      socket.close();
      await daemon.close();
    }
  });

  it('a malformed block in the config is an error naming its path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'detent-allow-'));
    const config = join(dir, 'config.json');
    await writeFile(config, JSON.stringify({ schemaVersion: 1, osc: { allow: ['192.168.1.0/24', '192.168.1/33'] } }));
    await expect(startTestDaemon(['--config', config])).rejects.toThrow(/\/osc\/allow\/1: not an address block like 192\.168\.1\.0\/24: "192\.168\.1\/33"/);
  });
});
