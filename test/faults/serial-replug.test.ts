/**
 * Fault: a serial knob box unplugged and replugged fifty times while it is sending. The PTY pair
 * is socat's; killing socat is a real unplug (the daemon's end of the port dies under it), and a
 * new socat at the same paths is the replug. The box (test/serial/knob-box.ts, detent-hr) keeps
 * sending a new value every few ms throughout, including at the moment of the unplug.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Daemon } from '../../bridge/daemon/index.js';
import { FakeEngine } from '../../bridge/engine/fake.js';
import { ptyPair } from '../drivers/pty.js';
import { getJson, startTestDaemon, until } from '../integration/harness.js';
import { openKnobBox } from '../serial/knob-box.js';
import { device, jsonFile, Pump, sleep, tempDir } from './helpers.js';

const REPLUGS = 50;
const FULL = 4095; // detent-hr: 12-bit

describe('serial: unplug and replug during traffic', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  });

  it(`survives ${REPLUGS} unplugs of a sending box, reconnects every time, and ends on the box's last value`, { timeout: 300_000 }, async () => {
    const dir = await tempDir('replug');
    const set = await jsonFile(dir, 'set.json', { schemaVersion: 1, name: 'replug', mappings: [{ control: 'knob/1', target: 'output.gain', glue: { takeover: 'off' } }] });
    const config = await jsonFile(dir, 'config.json', { schemaVersion: 1, midi: { ports: false }, mappings: { set } });

    let pty = await ptyPair();
    cleanups.push(() => pty.close());
    // The device end is open first: socat gives up on a PTY nobody holds.
    let box = await openKnobBox(pty.b, 'detent-hr');
    const daemon: Daemon = await startTestDaemon(['--config', config, '--serial', `${pty.a}:detent-hr`], { engine: new FakeEngine() });
    cleanups.push(() => daemon.close());
    const serial = () => device(daemon, (d) => d.kind === 'serial');
    const gain = (): number => daemon.store.norm('output.gain' as never) ?? -1;

    let pump = new Pump(box, 0, { full: FULL, stride: 37, everyMs: 3 });
    let applied = 0;
    for (let i = 0; i <= REPLUGS; i++) {
      // Plugged (again): the daemon reopens it and values flow from this connection.
      await until(async () => {
        const d = await serial();
        return d?.status.state === 'up' && d.counters['reconnects'] === i && (d.counters['applied'] ?? 0) > applied;
      }, 20_000).catch(async (e: Error) => {
        throw new Error(`plug ${i}: ${e.message}; the device: ${JSON.stringify(await serial())}`);
      });
      applied = (await serial())?.counters['applied'] ?? 0;
      if (i === REPLUGS) break;
      // Unplug while the box is still sending: socat dies under both ends.
      await pty.close();
      await until(async () => (await serial())?.status.state === 'down', 20_000);
      await pump.stop({ unplugged: true });
      const next = pump.next;
      await box.close();
      pty = await ptyPair(pty.dir);
      box = await openKnobBox(pty.b, 'detent-hr');
      pump = new Pump(box, next, { full: FULL, stride: 37, everyMs: 3 });
    }
    cleanups.push(() => box.close());

    // After the last replug: the parameter ends on the last value the box sent. The box then
    // repeats its position every second, as the Detent HR firmware's keep-alive does (without it,
    // a busy machine can leave the output a count short: see serial-settle-lag.test.ts).
    const last = await pump.stop();
    expect(last).toBeDefined();
    await until(async () => {
      if (Math.round(gain() * FULL) === last) return true;
      await sleep(1000);
      await box.set(0, last ?? 0);
      return Math.round(gain() * FULL) === last;
    }, 60_000);
    expect(gain()).toBeCloseTo((last ?? -1) / FULL, 9);
    const d = await serial();
    expect(d?.counters['reconnects']).toBe(REPLUGS);
    expect(d?.status.state).toBe('up');
    expect((await getJson<{ ok: boolean }>(`${daemon.httpUrl}/api/health`)).ok).toBe(true);
  });
});
