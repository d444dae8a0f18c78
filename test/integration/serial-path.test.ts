import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFirmwareProfileDirs } from '../../bridge/config/firmware-profile.js';
import { encodeValues, slipEncode } from '../../bridge/core/serial/decoders/detent-hr/index.js';
import { startSerialPath, type SerialPath } from '../../bridge/daemon/serial/index.js';
import { FakeSerialBackend } from '../../bridge/drivers/serial/fake.js';
import { map, rig } from '../core/mapping-fixtures.js';
import { until } from './harness.js';

const shipped = join(fileURLToPath(new URL('../../', import.meta.url)), 'firmware-profiles');
const hr = (channel: number, value: number, seq: number) => slipEncode(encodeValues({ deviceId: 1, seq, bits: 12, entries: [{ channel, value }] }));

describe('the serial path: discovery, reconnection and counters (fake driver, real timers)', () => {
  let path: SerialPath | undefined;
  afterEach(async () => {
    await path?.close();
    path = undefined;
  });

  async function start(backend: FakeSerialBackend, configured: { path: string; profile?: string }[]) {
    const { profiles, problems } = await loadFirmwareProfileDirs([{ path: shipped }]);
    expect(problems).toEqual([]);
    const { store, runtime } = rig([], [map('k1', 'knob/1', 'input.gain')]);
    path = await startSerialPath({ backend, configured, profiles, calibrationFor: async () => new Map(), runtime, clock: { now: () => performance.now() }, log: pino({ level: 'silent' }), pollMs: 50 });
    const device = (p: string) => path?.devices().find((d) => d.endpoint.startsWith(p));
    return { store, device };
  }

  it('opens a port whose identity matches a profile by itself, and names what it opened', async () => {
    const backend = new FakeSerialBackend();
    backend.plug({ path: '/dev/ttyACM3', vendorId: '2e8a', productId: '000a', manufacturer: 'Detent Audio' });
    backend.plug({ path: '/dev/ttyUSB0', vendorId: '1a86', productId: '7523' });
    const { store } = await start(backend, []);
    await until(() => backend.isOpen('/dev/ttyACM3'));
    expect(backend.isOpen('/dev/ttyUSB0')).toBe(false); // an Arduino running who knows what is left alone
    expect(path?.ports().map((p) => [p.path, p.profiles, p.open])).toEqual([
      ['/dev/ttyACM3', ['detent-hr'], true],
      ['/dev/ttyUSB0', [], false],
    ]);
    backend.feed('/dev/ttyACM3', new Uint8Array([0x13, 0x37, ...hr(0, 4095, 0)])); // boot noise before the first END is dropped
    await until(() => store.norm('input.gain' as never) === 1);
  });

  it('a busy port is reported and retried until it is free', async () => {
    const backend = new FakeSerialBackend();
    backend.plug({ path: '/dev/ttyACM0' });
    backend.setBusy('/dev/ttyACM0', true);
    const { device } = await start(backend, [{ path: '/dev/ttyACM0', profile: 'deej' }]);
    await until(() => device('/dev/ttyACM0')?.status.state === 'down' && /busy/.test(JSON.stringify(device('/dev/ttyACM0')?.status)));
    expect(device('/dev/ttyACM0')?.lastError).toMatch(/Cannot lock port/);
    backend.setBusy('/dev/ttyACM0', false);
    await until(() => device('/dev/ttyACM0')?.status.state === 'up');
    expect(backend.optionsOf('/dev/ttyACM0')?.baudRate).toBe(9600);
  });

  it('an unplug is followed by reopening with back-off from 250 ms, and counted on replug', async () => {
    const backend = new FakeSerialBackend();
    backend.plug({ path: '/dev/ttyACM0' });
    const { device } = await start(backend, [{ path: '/dev/ttyACM0', profile: 'detent-hr' }]);
    await until(() => device('/dev/ttyACM0')?.status.state === 'up');
    backend.unplug('/dev/ttyACM0');
    await until(() => /unplugged; retrying in 250 ms/.test(JSON.stringify(device('/dev/ttyACM0')?.status)));
    await until(() => /no such port; retrying in 500 ms/.test(JSON.stringify(device('/dev/ttyACM0')?.status)));
    backend.plug({ path: '/dev/ttyACM0' });
    await until(() => device('/dev/ttyACM0')?.status.state === 'up');
    expect(device('/dev/ttyACM0')?.counter('reconnects')).toBe(1);
    // The host asks a reopened Detent HR board for everything (request packet, PROTOCOL.md type 0x10).
    expect(backend.written('/dev/ttyACM0').map((b) => [...b])).toContainEqual([0xc0, 0x01, 0x10, 0x00, 0x00, 0x17, 0xb1, 0xc0]);
  });

  it('counts bytes, frames, bad frames (with the byte offset) and lost packets', async () => {
    const backend = new FakeSerialBackend();
    backend.plug({ path: '/dev/ttyACM0' });
    const { device } = await start(backend, [{ path: '/dev/ttyACM0', profile: 'detent-hr' }]);
    await until(() => backend.isOpen('/dev/ttyACM0'));
    const good = hr(0, 100, 0);
    const bad = hr(0, 200, 1);
    bad[bad.length - 2] = (bad[bad.length - 2] as number) ^ 0xff; // CRC broken
    const afterGap = hr(0, 300, 5); // 2, 3 and 4 never arrived
    backend.feed('/dev/ttyACM0', new Uint8Array([...good, ...bad, ...afterGap]));
    const d = () => device('/dev/ttyACM0');
    await until(() => (d()?.counter('frames') ?? 0) >= 2);
    expect(d()?.counter('bytes')).toBe(good.length + bad.length + afterGap.length);
    expect(d()?.counter('badFrames')).toBe(1);
    expect(d()?.counter('lost')).toBe(4); // 1 (the bad one) and 2..4
    // The offset is the bad frame's first byte after its opening END.
    expect(d()?.lastError).toMatch(new RegExp(`/dev/ttyACM0 byte ${good.length + 1}\\b.*CRC`, 'i'));
  });

  it('a configured port no profile matches is shown unavailable with what to do', async () => {
    const backend = new FakeSerialBackend();
    backend.plug({ path: '/dev/ttyUSB7' });
    const { device } = await start(backend, [{ path: '/dev/ttyUSB7' }, { path: '/dev/ttyUSB8', profile: 'nope' }]);
    await until(() => device('/dev/ttyUSB7')?.status.state === 'unavailable');
    expect(JSON.stringify(device('/dev/ttyUSB7')?.status)).toMatch(/--serial \/dev\/ttyUSB7:<profile>/);
    expect(JSON.stringify(device('/dev/ttyUSB8')?.status)).toMatch(/unknown firmware profile 'nope' \(known: .*deej/);
  });

  it('without udev, lists configured paths and says why once', async () => {
    const backend = new FakeSerialBackend();
    backend.systemList = { fails: 'spawn udevadm ENOENT' };
    backend.plug({ path: '/dev/ttyACM0' });
    await start(backend, [{ path: '/dev/ttyACM0', profile: 'deej' }]);
    await until(() => path?.fallback() !== null);
    expect(path?.fallback()).toBe('spawn udevadm ENOENT');
    expect(path?.ports().map((p) => [p.path, p.source])).toEqual([['/dev/ttyACM0', 'config']]);
  });
});
