/**
 * Fault: OSC feedback targets that cannot be reached, while OSC input traffic flows over real UDP.
 * Targets: a closed port on this host; 192.0.2.1 (TEST-NET-1, RFC 5737: documentation only, never
 * a real peer; with a default route the kernel sends it into the void, without one it refuses);
 * 255.255.255.255 (the broadcast address: the kernel refuses every send with EACCES on a socket
 * without SO_BROADCAST, so this is the target whose failures are certain everywhere); and one
 * reachable listener, which must keep getting its feedback.
 * UDP on an unconnected socket does not report ICMP "port unreachable", so the closed port looks
 * like a target that is listening: its sends count as sent, and that is all the daemon can know.
 */
import { createSocket } from 'node:dgram';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceSnapshot } from '../../bridge/core/devices.js';
import type { Daemon } from '../../bridge/daemon/index.js';
import { encodeFloatMessage } from '../../bridge/drivers/osc/codec.js';
import { FakeEngine } from '../../bridge/engine/fake.js';
import { getJson, oscListener, sendUdp, startTestDaemon, until } from '../integration/harness.js';
import { devices, jsonFile, sleep, tempDir } from './helpers.js';

const MESSAGES = 3000;

async function closedPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('OSC feedback to unreachable targets', () => {
  let daemon: Daemon;
  let good: Awaited<ReturnType<typeof oscListener>>;
  let sender: Awaited<ReturnType<typeof oscListener>>;
  let closed = 0;
  const out = async (host: string): Promise<DeviceSnapshot | undefined> => (await devices(daemon)).find((d) => d.kind === 'osc-out' && d.endpoint.includes(`${host}:`));

  beforeAll(async () => {
    good = await oscListener();
    sender = await oscListener();
    closed = await closedPort();
    const dir = await tempDir('feedback');
    const controllers = join(dir, 'controllers');
    await mkdir(controllers);
    await jsonFile(controllers, 'surface.json', {
      schemaVersion: 1,
      id: 'surface',
      name: 'Surface',
      controls: [{ id: 'fader/1', kind: 'absolute', osc: { address: '/1/fader1' } }],
    });
    const set = await jsonFile(dir, 'set.json', { schemaVersion: 1, name: 'fb', mappings: [{ control: 'fader/1', target: 'eq.band2.gain', glue: { takeover: 'off' } }] });
    const config = await jsonFile(dir, 'config.json', {
      schemaVersion: 1,
      midi: { ports: false },
      mappings: { controllers, set },
      osc: {
        feedback: [
          { host: '127.0.0.1', port: closed },
          { host: '192.0.2.1', port: 9 },
          { host: '255.255.255.255', port: 9 },
          { host: '127.0.0.1', port: good.port },
        ],
      },
    });
    daemon = await startTestDaemon(['--config', config], { engine: new FakeEngine() });
    expect((await getJson<{ problems: string[] }>(`${daemon.httpUrl}/api/mappings/problems`)).problems).toEqual([]);
  });

  afterAll(async () => {
    good?.close();
    sender?.close();
    await daemon?.close();
  });

  it('input keeps flowing and applying, failures are counted on the failing target, the reachable target gets its feedback', { timeout: 120_000 }, async () => {
    const values: number[] = [];
    for (let i = 0; i < MESSAGES; i++) {
      // Alternating: the namespace (plain dB) and a mapped control (0..1), both changing every time.
      const gain = Math.fround(-24 + ((i * 7) % 480) / 10);
      const fader = Math.fround(((i * 13) % 1000) / 999);
      await sendUdp(sender.socket, encodeFloatMessage('/detent/param/output.gain', gain), daemon.oscPort);
      await sendUdp(sender.socket, encodeFloatMessage('/1/fader1', fader), daemon.oscPort);
      values.push(gain);
      // Paced in bursts, so the kernel's receive buffer never overflows (this test is not about UDP loss).
      if (i % 50 === 49) await sleep(2);
    }
    const lastGain = values.at(-1) ?? NaN;
    const lastFader = Math.fround((((MESSAGES - 1) * 13) % 1000) / 999);
    const input = async () => (await devices(daemon)).find((d) => d.kind === 'osc-in');
    await until(async () => ((await input())?.counters['applied'] ?? 0) >= 2 * MESSAGES, 30_000);
    expect((await input())?.counters['applied']).toBe(2 * MESSAGES);
    expect(daemon.store.get('output.gain' as never)).toBe(lastGain);
    expect(daemon.store.norm('eq.band2.gain' as never)).toBeCloseTo(lastFader, 6);

    // The reachable target ends on the last values (coalesced: not every step, but the last one).
    const lastOf = (address: string) => {
      const arg = good.messages.filter((m) => m.address === address).at(-1)?.args[0];
      return arg !== undefined && 'value' in arg ? arg.value : undefined;
    };
    await until(() => lastOf('/detent/param/output.gain') === lastGain, 10_000);
    await until(() => lastOf('/detent/param/eq.band2.gain/norm') === Math.fround(daemon.store.norm('eq.band2.gain' as never) ?? NaN), 10_000);

    // Broadcast: refused by the kernel on every send; counted, shown, never thrown.
    await until(async () => ((await out('255.255.255.255'))?.counters['errors'] ?? 0) > 0, 10_000);
    const broadcast = await out('255.255.255.255');
    expect(broadcast?.counters['sent']).toBe(0);
    expect(broadcast?.status).toMatchObject({ state: 'down' });
    expect(broadcast?.lastError).toMatch(/255\.255\.255\.255:9/);
    expect(broadcast?.lastError).toMatch(/EACCES/);

    // TEST-NET and the closed port: every send accounted for, as sent or as an error naming the target.
    for (const host of ['192.0.2.1', '127.0.0.1']) {
      const d = (await devices(daemon)).find((x) => x.kind === 'osc-out' && x.endpoint === `udp ${host}:${host === '127.0.0.1' ? closed : 9}`);
      expect(d, host).toBeDefined();
      expect((d?.counters['sent'] ?? 0) + (d?.counters['errors'] ?? 0), host).toBeGreaterThan(0);
      if ((d?.counters['errors'] ?? 0) > 0) expect(d?.lastError).toContain(host);
    }
    // Every target was offered the same changes: the good one's sends equal each other's attempts.
    // (Send callbacks are asynchronous: wait for the last ones.)
    const attempts = async () => (await devices(daemon)).filter((d) => d.kind === 'osc-out').map((d) => (d.counters['sent'] ?? 0) + (d.counters['errors'] ?? 0));
    await until(async () => new Set(await attempts()).size === 1, 10_000);
    for (const d of (await devices(daemon)).filter((x) => x.kind === 'osc-out')) console.log(`feedback ${d.endpoint}: sent ${d.counters['sent']}, errors ${d.counters['errors']}, coalesced ${d.counters['coalesced']}, ${d.status.state}${d.lastError === null ? '' : ` (${d.lastError})`}`);

    // Still alive and serving, and still applying input after all that.
    expect((await getJson<{ ok: boolean }>(`${daemon.httpUrl}/api/health`)).ok).toBe(true);
    await sendUdp(sender.socket, encodeFloatMessage('/detent/param/output.gain', -3), daemon.oscPort);
    await until(() => daemon.store.get('output.gain' as never) === -3);
  });
});
