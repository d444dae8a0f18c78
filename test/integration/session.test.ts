import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Daemon } from '../../bridge/daemon/index.js';
import { createWebAudioEngine } from '../../bridge/engine/webaudio/engine.js';
import type { RecallResult, SessionList } from '../../bridge/session/api.js';
import type { Session } from '../../bridge/session/model/schema.js';
import { getJson, oscListener, startTestDaemon, until } from './harness.js';

const CLI = fileURLToPath(new URL('../../dist/bridge/cli.js', import.meta.url));
const run = promisify(execFile);
type Param = { id: string; value: number; norm: number };

describe('sessions on the real daemon', () => {
  let daemon: Daemon;
  let feedback: Awaited<ReturnType<typeof oscListener>>;
  const ramps: { id: string; value: number }[] = [];

  beforeAll(async () => {
    feedback = await oscListener();
    const dir = await mkdtemp(join(tmpdir(), 'detent-cfg-'));
    const config = join(dir, 'config.json');
    await writeFile(config, JSON.stringify({ schemaVersion: 1, osc: { host: '127.0.0.1', feedback: [{ host: '127.0.0.1', port: feedback.port }] } }));
    // The real embedded engine (headless), instrumented where each ramp is put on its AudioParam.
    const engine = createWebAudioEngine({ output: 'none', source: 'demo', log: { warn: () => {}, info: () => {} }, onScheduled: (id, value) => ramps.push({ id, value }) });
    daemon = await startTestDaemon(['--config', config], { engine });
  });

  afterAll(async () => {
    feedback?.close();
    await daemon?.close();
  });

  const url = (p: string) => `${daemon.httpUrl}${p}`;
  const send = (method: string, p: string, body?: unknown) =>
    fetch(url(p), body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const put = (id: string, value: number) => send('PUT', `/api/params/${id}`, { value });
  const param = (id: string) => getJson<Param>(url(`/api/params/${id}`));

  it('creates a session, recalls a snapshot: parameters come back and every controller gets feedback', async () => {
    await put('input.gain', -6);
    await put('eq.band2.gain', 3);
    const created = await send('POST', '/api/sessions', { name: 'Integration job', client: 'Test' });
    expect(created.status).toBe(201);
    const s = (await created.json()) as Session;
    expect(s.tracks[0]?.snapshots[0]?.params['input.gain']).toBe(-6);
    // The controller set-up in use is captured with the job.
    expect(s.rig.mappingSet?.file).toMatch(/default\.json$/);
    expect(s.rig.profiles.length).toBeGreaterThan(0);

    await put('input.gain', 12);
    await put('eq.band2.gain', -4);
    await until(async () => (await param('input.gain')).value === 12);
    await new Promise((r) => setTimeout(r, 50));
    feedback.messages.length = 0;
    ramps.length = 0;

    const recalled = await send('POST', `/api/sessions/${s.id}/snapshots/A/recall`);
    expect(recalled.status).toBe(200);
    const r = (await recalled.json()) as RecallResult;
    expect(r).toMatchObject({ session: 'integration-job', snapshot: 'A', changed: 2, rigDrift: [] });
    expect(r.applied).toBe(daemon.store.list().length);
    expect((await param('input.gain')).value).toBe(-6);
    expect((await param('eq.band2.gain')).value).toBe(3);
    // The engine ramps every parameter to its recalled value (moved or not), once each (coalesced per turn).
    await until(() => ramps.length >= daemon.store.list().length);
    expect(ramps).toContainEqual({ id: 'input.gain', value: -6 });
    expect(ramps).toContainEqual({ id: 'eq.band2.gain', value: 3 });
    expect(new Set(ramps.map((r) => r.id)).size).toBe(daemon.store.list().length);
    // OSC feedback: the Detent namespace for every parameter and the TouchOSC fader mapped to input.gain.
    await until(() => feedback.messages.some((m) => m.address === '/1/fader1'));
    await until(() => daemon.store.list().every((d) => feedback.messages.some((m) => m.address === `/detent/param/${d.id}`)));
    expect(feedback.messages).toContainEqual({ address: '/detent/param/input.gain', args: [{ type: 'f', value: -6 }] });
    expect(feedback.messages).toContainEqual({ address: '/1/fader1', args: [{ type: 'f', value: 0.375 }] });
  });

  // Four node processes of the built CLI: slow on a loaded two-core machine (measured 6 s alone, 30 s beside the crash test).
  it('the CLI (built) lists, saves, recalls and exports against the daemon', { timeout: 90_000 }, async () => {
    const cli = (...args: string[]) => run(process.execPath, [CLI, 'session', ...args, '--url', daemon.httpUrl]);
    await put('output.gain', -3);
    expect((await cli('save', 'B')).stdout).toMatch(/stored snapshot B in session integration-job/);
    expect((await cli('list')).stdout).toMatch(/^\* integration-job {2}Integration job \(Test\) .* integration-job: A B/m);
    expect((await cli('recall', 'A')).stdout).toMatch(/^recalled A of integration-job/);
    expect((await param('output.gain')).value).toBe(0);
    const out = join(await mkdtemp(join(tmpdir(), 'detent-sheet-')), 'sheet.csv');
    await cli('export', 'integration-job', '--format', 'csv', '--out', out);
    const csv = await readFile(out, 'utf8');
    expect(csv).toMatch(/integration-job,Integration job,B,.*,output,output.gain,Output gain,-3,dB,-3.0 dB,/);
    // The hardware-recall hook on the running daemon.
    const hw = await daemon.sessions.sessions.recallSnapshot('B');
    expect(hw.ok).toBe(true);
    expect((await param('output.gain')).value).toBe(-3);
    const list = await getJson<SessionList>(url('/api/sessions'));
    expect(list).toMatchObject({ open: 'integration-job', writable: true });
  });
});
