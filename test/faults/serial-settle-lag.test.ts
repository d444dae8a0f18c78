/**
 * Fault: a busy event loop (other work blocking it ~25 ms at a time, as a loaded machine or a
 * flood of other input does) while a serial knob comes to rest.
 * Send-on-change boards stop reporting when a knob stops; the daemon then feeds the held reading
 * again on a REFEED_MS (12 ms) grid, HOLD_READINGS times (about HOLD_MS, 1 s), so that the sleep
 * gate sees the knob rest and puts the output exactly on it (core/routing/serial-input.ts). The
 * gate settles in readings (about 60 after a large move); a refeed timer that runs late (here
 * every ~25 ms or more instead of 12) catches up: each tick feeds every held reading due by then,
 * so the gate gets all of them within the hold's second, not two or three seconds later.
 * - A box without keep-alive: once the hold is over the output is exactly where the knob rests
 *   (before the catch-up, the late timer left it one count short for seconds: the hysteresis).
 * - A box with a keep-alive (the Detent HR firmware sends all channels about every second)
 *   settles exactly too: each keep-alive starts another hold.
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

  it('without keep-alive the output ends exactly where the knob rests, once the hold is over', { timeout: 60_000 }, async () => {
    const whileBusy: number[] = [];
    const ends: number[] = [];
    for (const to of [21, 1500, 333]) {
      const busy = busyLoop();
      await turnTo(to);
      await sleep(HOLD_MS + 500); // the hold is over (its grid ends 1008 ms after the last reading)
      whileBusy.push(step() - to);
      busy.stop();
      await sleep(200);
      ends.push(step() - to);
    }
    console.log(`busy loop, no keep-alive: output minus resting position: ${whileBusy.join(', ')} counts while busy, ${ends.join(', ')} after`);
    // Exactly on it (as with the keep-alive below), already while the loop is still busy.
    expect(whileBusy).toEqual([0, 0, 0]);
    expect(ends).toEqual([0, 0, 0]);
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
