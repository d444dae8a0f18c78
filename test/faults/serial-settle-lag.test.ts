/**
 * Fault: a busy event loop (other work blocking it ~25 ms at a time, as a loaded machine or a
 * flood of other input does) while a serial knob comes to rest.
 * Send-on-change boards stop reporting when a knob stops; the daemon then feeds the held reading
 * again every REFEED_MS (12 ms) for HOLD_MS (1 s) so that the sleep gate sees the knob rest and
 * puts the output exactly on it (core/routing/serial-input.ts). The hold is bounded in time, the
 * gate's settling in readings (about 60 after a large move): when the refeed timer runs late,
 * fewer readings fit in the second, the gate never settles, and the output stays where the
 * hysteresis left it, one count short of where the knob rests.
 * - KNOWN BUG (reported, not fixed here): a box without keep-alive ends one count off the last
 *   value it sent. The test asserts the bug is there; once the hold counts readings rather than
 *   time (or equivalent), it fails: then assert the exact value instead.
 * - A box with a keep-alive (the Detent HR firmware sends all channels about every second)
 *   recovers: each keep-alive starts another hold, and the output settles exactly.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { HOLD_MS } from '../../bridge/core/routing/serial-input.js';
import type { Daemon } from '../../bridge/daemon/index.js';
import { FakeEngine } from '../../bridge/engine/fake.js';
import { ptyPair } from '../drivers/pty.js';
import { startTestDaemon, until } from '../integration/harness.js';
import { openKnobBox, type KnobBox } from '../serial/knob-box.js';
import { device, jsonFile, sleep, tempDir } from './helpers.js';

const FULL = 4095;
const BLOCK_MS = 25;

/** Blocks the event loop for BLOCK_MS at a time, with a breath in between, until stopped. */
function busyLoop(): { stop(): void } {
  const timer = setInterval(() => {
    const end = performance.now() + BLOCK_MS;
    while (performance.now() < end) {
      // other work
    }
  }, 1);
  return { stop: () => clearInterval(timer) };
}

describe('serial: a knob coming to rest while the event loop is busy', () => {
  const cleanups: (() => Promise<void>)[] = [];
  let daemon: Daemon;
  let box: KnobBox;
  afterAll(async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  });
  const step = (): number => Math.round((daemon.store.norm('output.gain' as never) ?? -1) * FULL);

  /** Turns the knob quickly from the top down to `to` (a large move), then stops sending. */
  async function turnTo(to: number): Promise<void> {
    for (let v = FULL; v > to; v -= 97) {
      await box.set(0, v);
      await sleep(3);
    }
    await box.set(0, to);
  }

  it('sets up a daemon with a Detent HR box', { timeout: 120_000 }, async () => {
    const dir = await tempDir('settle');
    const set = await jsonFile(dir, 'set.json', { schemaVersion: 1, name: 'settle', mappings: [{ control: 'knob/1', target: 'output.gain', glue: { takeover: 'off' } }] });
    const config = await jsonFile(dir, 'config.json', { schemaVersion: 1, midi: { ports: false }, mappings: { set } });
    const pty = await ptyPair();
    cleanups.push(() => pty.close());
    box = await openKnobBox(pty.b, 'detent-hr');
    cleanups.push(() => box.close());
    daemon = await startTestDaemon(['--config', config, '--serial', `${pty.a}:detent-hr`], { engine: new FakeEngine() });
    cleanups.push(() => daemon.close());
    await until(async () => (await device(daemon, (d) => d.kind === 'serial'))?.status.state === 'up', 20_000);
    // The box reports its position again every second (the firmware's keep-alive) until it is applied.
    await turnTo(1000);
    await until(async () => {
      await sleep(1000);
      await box.set(0, 1000);
      return step() === 1000;
    }, 60_000);
  });

  it('KNOWN BUG: without keep-alive the output ends one count off where the knob rests', { timeout: 60_000 }, async () => {
    const ends: number[] = [];
    for (const to of [21, 1500, 333]) {
      const busy = busyLoop();
      await turnTo(to);
      await sleep(HOLD_MS + 500); // the hold is over
      busy.stop();
      await sleep(200);
      ends.push(step() - to);
    }
    console.log(`busy loop, no keep-alive: output minus resting position: ${ends.join(', ')} counts`);
    for (const e of ends) expect(Math.abs(e)).toBeLessThanOrEqual(1);
    expect(ends.some((e) => e !== 0)).toBe(true);
  });

  it('with a keep-alive every second (as the Detent HR firmware sends) it settles exactly', { timeout: 120_000 }, async () => {
    for (const to of [21, 1500]) {
      const busy = busyLoop();
      await turnTo(to);
      try {
        await until(async () => {
          await sleep(1000);
          await box.set(0, to); // keep-alive: the same position again
          return step() === to;
        }, 50_000);
      } finally {
        busy.stop();
      }
    }
  });
});
