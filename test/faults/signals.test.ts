/**
 * Fault: the daemon stopped by a signal while OSC traffic flows into it. The built CLI
 * (dist/bridge/cli.js) runs as a child process with a session open; a sender moves output.gain
 * through an increasing ramp, so a later value is a larger one.
 * - SIGTERM and SIGINT: the process exits 0 (within a generous limit: a hang fails the test), and
 *   the open session's working state is written on the way out: a restart reopens the session
 *   with a value at least as new as the last one seen applied before the signal.
 * - SIGKILL: nothing runs on the way out; a restart reopens the last state the autosave wrote
 *   (and takes over the lock the killed process left). Whether a file can be torn by a kill in
 *   mid-write is test/session/crash.test.ts (a hundred SIGKILLs of a writer); here it is the
 *   daemon's path from traffic through the autosave to the reopen.
 */
import { createSocket, type Socket } from 'node:dgram';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFloatMessage } from '../../bridge/drivers/osc/codec.js';
import { FakeEngine } from '../../bridge/engine/fake.js';
import { checkSessionText } from '../../bridge/session/model/check.js';
import { ptyPair } from '../drivers/pty.js';
import { startTestDaemon, until } from '../integration/harness.js';
import { openKnobBox } from '../serial/knob-box.js';
import { jsonFile, killCli, sleep, startCli, tempDir, type CliDaemon } from './helpers.js';

/** The ramp's i-th value: -24 dB up in 0.01 dB steps (float32-exact enough to compare as sent). */
const ramp = (i: number): number => Math.fround(-24 + (i % 4800) / 100);
const QUIET = 7.25; // input.gain, set once before the traffic

interface Working {
  working: { params: Record<string, number> } | null;
}

/** Sends the ramp to `port` until stopped, about one message a millisecond. */
function traffic(port: number): { stop(): Promise<number>; readonly sent: number } {
  const socket: Socket = createSocket('udp4');
  let i = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      for (let k = 0; k < 5 && running; k++) {
        socket.send(encodeFloatMessage('/detent/param/output.gain', ramp(i)), port, '127.0.0.1');
        i++;
      }
      await sleep(5);
    }
  })();
  return {
    get sent() {
      return i;
    },
    stop: async () => {
      running = false;
      await done;
      socket.close();
      return i;
    },
  };
}

const param = async (d: CliDaemon, id: string): Promise<number> => ((await (await fetch(`${d.url}/api/params/${id}`)).json()) as { value: number }).value;

async function sessionFile(file: string): Promise<Working> {
  const text = await readFile(file, 'utf8');
  const r = checkSessionText(text, 'signals', file);
  if (!r.ok) throw new Error(`${file} is not a valid session: ${r.problems.map((p) => p.message).join('; ')}`);
  return JSON.parse(text) as Working;
}

/**
 * A daemon with the session `signals` open and input.gain at QUIET. `embedded`: the real audio
 * engine (`--audio none`: it renders, to no device), whose close is part of a clean exit; else an
 * external engine over OSC aimed at a port nobody listens on: no audio thread, which takes about a
 * core and is not what the other cases are about.
 */
async function rig(engine: 'embedded' | 'osc'): Promise<{ state: string; config: string; d: CliDaemon; file: string }> {
  const state = await tempDir('signals');
  const external = { kind: 'osc', template: { kind: 'generic', host: '127.0.0.1', port: 9 } };
  const config = await jsonFile(state, 'config.json', { schemaVersion: 1, midi: { ports: false }, ...(engine === 'osc' ? { engine: external } : {}) });
  const d = await startCli(state, config);
  const r = await fetch(`${d.url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Signals' }) });
  expect(r.status).toBe(201);
  const osc = createSocket('udp4');
  await until(async () => {
    osc.send(encodeFloatMessage('/detent/param/input.gain', QUIET), d.oscPort, '127.0.0.1');
    return (await param(d, 'input.gain')) === QUIET;
  }, 30_000);
  osc.close();
  return { state, config, d, file: join(state, 'sessions', 'signals.json') };
}

/** Waits for the exit, failing (not hanging) when it does not come within `ms`. */
async function exitWithin(d: CliDaemon, ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const t0 = Date.now();
  const r = await Promise.race([d.exited, sleep(ms).then(() => undefined)]);
  if (r === undefined) throw new Error(`detent did not exit within ${ms} ms of the signal; log:\n${d.log().slice(-2000)}`);
  return { ...r, ms: Date.now() - t0 };
}

describe('signals during traffic (the built CLI)', () => {
  const running: CliDaemon[] = [];
  afterEach(async () => {
    for (const d of running.splice(0)) await killCli(d);
  });

  for (const [signal, engine] of [
    ['SIGTERM', 'embedded'],
    ['SIGINT', 'osc'],
  ] as const) {
    it(`${signal} (${engine} engine): exits 0 and the working state is saved; a restart reopens it`, { timeout: 240_000 }, async () => {
      const { state, config, d, file } = await rig(engine);
      running.push(d);
      const t = traffic(d.oscPort);
      await until(() => t.sent > 500, 10_000);
      // The newest value applied before the signal (the ramp only goes up).
      const seen = await param(d, 'output.gain');
      expect(seen).toBeGreaterThan(-24);
      d.child.kill(signal);
      const exit = await exitWithin(d, 30_000);
      const sent = await t.stop();
      expect(exit, d.log().slice(-2000)).toMatchObject({ code: 0, signal: null });
      console.log(`${signal}: exited 0 in ${exit.ms} ms with ${sent} messages sent`);

      const saved = await sessionFile(file);
      const value = saved.working?.params['output.gain'] ?? NaN;
      expect(value).toBeGreaterThanOrEqual(seen);
      expect(value).toBeLessThanOrEqual(ramp(sent - 1));
      expect(saved.working?.params['input.gain']).toBe(QUIET);

      const again = await startCli(state, config);
      running.push(again);
      const list = (await (await fetch(`${again.url}/api/sessions`)).json()) as { open: string | null; writable: boolean };
      expect(list).toMatchObject({ open: 'signals', writable: true });
      expect(await param(again, 'output.gain')).toBe(value);
      expect(await param(again, 'input.gain')).toBe(QUIET);
      again.child.kill('SIGTERM');
      expect((await exitWithin(again, 30_000)).code).toBe(0);
    });
  }

  it('SIGKILL: a restart reopens the last state the autosave wrote, and takes over the lock', { timeout: 240_000 }, async () => {
    const { state, config, d, file } = await rig('osc');
    running.push(d);
    // Traffic, then a pause long enough for the autosave (2 s after the last change) to write it.
    let t = traffic(d.oscPort);
    await until(() => t.sent > 500, 10_000);
    const firstSent = await t.stop();
    await until(async () => (await sessionFile(file)).working?.params['output.gain'] === ramp(firstSent - 1), 20_000);
    // More traffic, killed in the middle of it.
    t = traffic(d.oscPort);
    await until(() => t.sent > 500, 10_000);
    d.child.kill('SIGKILL');
    const exit = await exitWithin(d, 30_000);
    await t.stop();
    expect(exit.signal).toBe('SIGKILL');

    // What the autosave had written when the kill came: whole, and no older than the first burst.
    const saved = await sessionFile(file);
    const value = saved.working?.params['output.gain'] ?? NaN;
    expect(value).toBeGreaterThanOrEqual(ramp(firstSent - 1));
    expect(saved.working?.params['input.gain']).toBe(QUIET);

    const again = await startCli(state, config);
    running.push(again);
    const list = (await (await fetch(`${again.url}/api/sessions`)).json()) as { open: string | null; writable: boolean };
    expect(list).toMatchObject({ open: 'signals', writable: true });
    expect(await param(again, 'output.gain')).toBe(value);
    expect(await param(again, 'input.gain')).toBe(QUIET);
    again.child.kill('SIGTERM');
    expect((await exitWithin(again, 30_000)).code).toBe(0);
  });
});

describe('shutdown order (in process)', () => {
  // Daemon.close() stops the serial, MIDI and OSC inputs before the sessions write the working
  // state for the last time, so input that arrives while the daemon closes is either not heard or
  // saved: after a restart the session reopens on the value the engine last played. Three daemons
  // are stopped during OSC traffic with a serial box attached.
  it('input applied while the daemon closes is in the state saved at close', { timeout: 240_000 }, async () => {
    const results: { saved: number | undefined; applied: number | undefined }[] = [];
    for (let run = 0; run < 3; run++) {
      const pty = await ptyPair();
      const box = await openKnobBox(pty.b, 'detent-hr');
      const dir = await tempDir('close-order');
      const config = await jsonFile(dir, 'config.json', { schemaVersion: 1, midi: { ports: false } });
      const engine = new FakeEngine();
      const d = await startTestDaemon(['--config', config, '--serial', `${pty.a}:detent-hr`], { engine });
      const r = await fetch(`${d.httpUrl}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Order' }) });
      const id = ((await r.json()) as { id: string }).id;
      const socket = createSocket('udp4');
      let i = 0;
      let running = true;
      const pump = (async () => {
        while (running) {
          socket.send(encodeFloatMessage('/detent/param/output.gain', ramp(i++)), d.oscPort, '127.0.0.1');
          await new Promise((res) => setImmediate(res));
        }
      })();
      await until(() => engine.last('output.gain' as never) !== undefined, 30_000);
      await d.close();
      running = false;
      await pump;
      socket.close();
      const saved = JSON.parse(await readFile(join(d.stateDir, 'sessions', `${id}.json`), 'utf8')) as Working;
      results.push({ saved: saved.working?.params['output.gain'], applied: engine.last('output.gain' as never) });
      await box.close();
      await pty.close();
    }
    console.log(`close during traffic, saved vs last applied: ${results.map((x) => `${x.saved} vs ${x.applied}`).join('; ')}`);
    for (const x of results) {
      expect(x.saved, 'something was saved').toBeTypeOf('number');
      expect(x.saved).toBe(x.applied);
    }
  });
});
