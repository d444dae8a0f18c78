/**
 * Learn end to end: the real daemon on real ports, OSC over real UDP, the HTTP API and the built
 * `detent learn` command: a control no profile names is learned, written to the state directory's
 * overlay, reloaded, and then drives its parameter (after soft takeover picks it up).
 */
import { execFile } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Daemon } from '../../bridge/daemon/index.js';
import { encodeFloatMessage } from '../../bridge/drivers/osc/codec.js';
import { FakeEngine } from '../../bridge/engine/fake.js';
import { getJson, sendUdp, startTestDaemon, until } from '../integration/harness.js';

const CLI = fileURLToPath(new URL('../../dist/bridge/cli.js', import.meta.url));
const run = promisify(execFile);
type Param = { id: string; value: number; norm: number };

let daemon: Daemon;
let stateDir: string;
let osc: Socket;

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'detent-learn-e2e-'));
  daemon = await startTestDaemon(['--state-dir', stateDir], { engine: new FakeEngine() });
  osc = createSocket('udp4');
});

afterAll(async () => {
  osc?.close();
  await daemon?.close();
});

const param = (id: string) => getJson<Param>(`${daemon.httpUrl}/api/params/${id}`);
const learnState = () => getJson<{ state: string }>(`${daemon.httpUrl}/api/learn`);

/** Sends a fader sweep, one message every 10 ms. */
async function sweep(address: string, from: number, to: number, steps = 10): Promise<void> {
  for (let i = 0; i <= steps; i++) {
    await sendUdp(osc, encodeFloatMessage(address, from + ((to - from) * i) / steps), daemon.oscPort);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('learn over real UDP OSC', () => {
  it('POST /api/learn learns an unknown fader; the fader then drives the parameter', async () => {
    const answer = fetch(`${daemon.httpUrl}/api/learn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ param: 'eq.band2.gain', timeoutMs: 10_000 }) });
    await until(async () => (await learnState()).state === 'listening');
    await sweep('/x/fader9', 0.3, 0.4);
    const res = await answer;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      param: 'eq.band2.gain',
      control: 'learned/x-fader9',
      kind: 'absolute',
      input: 'osc /x/fader9',
      createdControl: true,
      mapping: { id: 'learned:eq.band2.gain', control: 'learned/x-fader9', target: 'eq.band2.gain' },
    });
    const overlay = JSON.parse(await readFile(join(stateDir, 'learned', 'set.json'), 'utf8')) as { mappings: unknown[] };
    expect(overlay.mappings).toEqual([{ id: 'learned:eq.band2.gain', control: 'learned/x-fader9', target: 'eq.band2.gain' }]);
    const mappings = await getJson<{ id: string; input: string | null }[]>(`${daemon.httpUrl}/api/mappings`);
    expect(mappings).toContainEqual(expect.objectContaining({ id: 'learned:eq.band2.gain', input: 'osc /x/fader9' }));

    // Band 2 gain sits at 0 dB (position 0.5): the fader catches it on the way through, then follows.
    await sweep('/x/fader9', 0.4, 0.75, 7);
    await until(async () => Math.abs((await param('eq.band2.gain')).value - 6) < 0.01);
  });

  it('`detent learn` learns a button and prints it; a learn with nothing moving times out with 408', async () => {
    const cli = run(process.execPath, [CLI, 'learn', 'stereo.width', '--url', daemon.httpUrl, '--timeout', '60']);
    // A fresh node process loads the whole command bundle: give it time on a busy machine.
    await until(async () => (await learnState()).state === 'listening', 45_000);
    await sendUdp(osc, encodeFloatMessage('/x/push1', 1), daemon.oscPort);
    await new Promise((r) => setTimeout(r, 100));
    await sendUdp(osc, encodeFloatMessage('/x/push1', 0), daemon.oscPort);
    const { stdout } = await cli;
    expect(stdout).toContain('learned: learned/x-push1 \u2192 stereo.width (button, osc /x/push1)');

    const res = await fetch(`${daemon.httpUrl}/api/learn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ param: 'input.gain', timeoutMs: 300 }) });
    expect(res.status).toBe(408);
    expect(await learnState()).toEqual({ state: 'timeout', param: 'input.gain' });
  }, 90_000);
});
