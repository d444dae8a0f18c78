/**
 * Sessions benchmark (issue 8): recall of a session with 200 parameters and 4 snapshots, from the
 * API call to every parameter applied to the engine and every feedback datagram sent; and save
 * times (a snapshot stored over HTTP: rig capture, backup rotation, atomic write with fsyncs; and
 * the autosave write alone). `say` prints a line and adds it to bench/RESULTS.md.
 */
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../bridge/config/load.js';
import { fromNorm, type ParamDescriptor } from '../bridge/core/param/descriptor.js';
import { clampUnit } from '../bridge/core/unit.js';
import { startDaemon } from '../bridge/daemon/index.js';
import { FakeOscTransport } from '../bridge/drivers/osc/fake.js';
import type { OscEndpoint } from '../bridge/drivers/osc/interface.js';
import { FakeEngine } from '../bridge/engine/fake.js';
import { ms, summarise } from './stats.js';

const PARAMS = 200;
const SNAPSHOTS = ['A', 'B', 'C', 'D'] as const;
const RECALLS = 200;
const SAVES = 50;
const API = { kind: 'api' } as const;

/** 200 parameters of every unit and scale, as an engine would describe a big chain. */
function descriptors(): ParamDescriptor[] {
  return Array.from({ length: PARAMS }, (_, i) => {
    const id = `bench.m${Math.floor(i / 10)}.p${i % 10}`;
    const kind = i % 4;
    if (kind === 0) return { id, name: id, module: 'bench', unit: 'dB', min: -24, max: 24, default: 0, scale: 'db', step: 0 };
    if (kind === 1) return { id, name: id, module: 'bench', unit: 'Hz', min: 20, max: 20000, default: 1000, scale: 'log', step: 0 };
    if (kind === 2) return { id, name: id, module: 'bench', unit: 'ms', min: 0.1, max: 1000, default: 10, scale: 'log', step: 0 };
    return { id, name: id, module: 'bench', unit: 'on/off', min: 0, max: 1, default: 0, scale: 'linear', step: 1 };
  });
}

/** Counts engine writes and feedback sends, with the time the count reached a mark. */
class Probe {
  applied = 0;
  sent = 0;
  appliedAllAt = 0;
  sentAllAt = 0;
  reset(): void {
    this.applied = this.sent = this.appliedAllAt = this.sentAllAt = 0;
  }
}

export async function sessionBench(say: (l: string) => void): Promise<void> {
  const params = descriptors();
  const probe = new Probe();
  const engine = new (class extends FakeEngine {
    override apply(id: string, value: number): void {
      if (++probe.applied === PARAMS) probe.appliedAllAt = performance.now();
      super.apply(id, value);
      this.applied.length = 0;
    }
  })(params);
  // Two datagrams per parameter (Detent's namespace, plain and normalised) to the feedback target.
  const transport = new (class extends FakeOscTransport {
    override send(data: Uint8Array, to: OscEndpoint): Promise<void> {
      if (++probe.sent === 2 * PARAMS) probe.sentAllAt = performance.now();
      return super.send(data, to).then(() => void this.sent.splice(0));
    }
  })();
  const stateDir = await mkdtemp(join(tmpdir(), 'detent-bench-sessions-'));
  const config = join(stateDir, 'config.json');
  await writeFile(config, JSON.stringify({ schemaVersion: 1, osc: { feedback: [{ host: '127.0.0.1', port: 9999 }] } }));
  const loaded = await loadConfig(['--config', config, '--state-dir', stateDir, '--http-port', '0', '--osc-port', '0', '--audio', 'none', '--log-level', 'error'], {});
  if (loaded.kind !== 'ok') throw new Error(`bench config: ${loaded.kind === 'error' ? loaded.message : loaded.kind}`);
  const daemon = await startDaemon(loaded.config, { logger: pino({ level: 'silent' }), engine, oscTransport: transport });
  const post = async (path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${daemon.httpUrl}${path}`, body === undefined ? { method: 'POST' } : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json: unknown = await res.json();
    if (res.status >= 300) throw new Error(`${path}: ${JSON.stringify(json)}`);
    return json;
  };
  const randomState = () => {
    for (const d of params) daemon.store.set(d.id, fromNorm(d, clampUnit(Math.random())), API);
  };

  randomState();
  await post('/api/sessions', { name: 'Bench' });
  for (const name of SNAPSHOTS.slice(1)) {
    randomState();
    await post('/api/sessions/bench/snapshots', { name });
  }
  const file = join(stateDir, 'sessions', 'bench.json');
  const size = (await stat(file)).size;

  const response: number[] = [];
  const applied: number[] = [];
  const feedback: number[] = [];
  const inProcess: number[] = [];
  for (let i = -20; i < RECALLS; i++) {
    const name = SNAPSHOTS[(i + 20) % SNAPSHOTS.length] ?? 'A';
    await new Promise((r) => setTimeout(r, 10)); // let the previous feedback flush go out
    probe.reset();
    const t0 = performance.now();
    const r = (await post(`/api/sessions/bench/snapshots/${name}/recall`)) as { durationMs: number };
    const t1 = performance.now();
    while (probe.sentAllAt === 0) await new Promise((res) => setTimeout(res, 1));
    if (i < 0) continue; // warm-up
    response.push(t1 - t0);
    applied.push(probe.appliedAllAt - t0);
    feedback.push(Math.max(t1, probe.sentAllAt) - t0);
    inProcess.push(r.durationMs);
  }

  const saves: number[] = [];
  for (let i = 0; i < SAVES; i++) {
    randomState();
    const t0 = performance.now();
    await post('/api/sessions/bench/snapshots', { name: SNAPSHOTS[i % SNAPSHOTS.length], replace: true });
    saves.push(performance.now() - t0);
  }
  // The daemon's own autosave, run at once instead of after its quiet time.
  const autosaves: number[] = [];
  for (let i = 0; i < SAVES; i++) {
    randomState();
    const t0 = performance.now();
    await daemon.sessions.sessions.flush();
    autosaves.push(performance.now() - t0);
  }
  await daemon.close();

  const row = (label: string, xs: number[]) => {
    const s = summarise(xs);
    say(`| ${label} | ${s.n} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.max)} |`);
  };
  say(`## Sessions: recall and save (${PARAMS} parameters × ${SNAPSHOTS.length} snapshots)`);
  say('');
  say(`The real daemon (HTTP over loopback, fake engine with ${PARAMS} parameters, OSC feedback to one target through an in-memory`);
  say(`transport), recalling A, B, C, D in turn (every parameter moves each time). Session file ${(size / 1024).toFixed(1)} kB in ${tmpdir()}.`);
  say('Recall: "applied" is the last of the 200 engine writes, "feedback sent" the last of the 400 feedback datagrams');
  say('(they wait up to 5 ms to coalesce), both from the API call. Save: a snapshot stored over HTTP (controller set-up');
  say('captured, 3 backups rotated, temporary file fsynced, renamed, directory fsynced); autosave: the write alone, no rotation.');
  say('');
  say('| | n | p50 | p99 | max |');
  say('|---|---|---|---|---|');
  row('recall: parameters applied to the store, engine and feedback queue (in process)', inProcess);
  row('recall: API call → every parameter applied to the engine', applied);
  row('recall: API call → HTTP response', response);
  row('recall: API call → every feedback datagram sent', feedback);
  row('save: store a snapshot over HTTP', saves);
  row('save: autosave of the working state (atomic, fsync, no rotation)', autosaves);
}
