import { createSocket } from 'node:dgram';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { pino } from 'pino';
import { loadConfig } from '../bridge/config/load.js';
import { startDaemon } from '../bridge/daemon/index.js';
import { FakeEngine } from '../bridge/engine/fake.js';
import { createWebAudioEngine } from '../bridge/engine/webaudio/engine.js';
import { seqOf, valueOf, type SenderJob } from './sender.js';
import { summarise, type LatencySummary } from './stats.js';

export interface RunResult {
  readonly rate: number;
  readonly sent: number;
  readonly received: number;
  readonly engineWrites: number;
  readonly latency: LatencySummary;
  readonly finalOk: boolean;
}

const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function send(job: SenderJob): Promise<Float64Array> {
  // Workers do not inherit the tsx loader: register it inside the worker, then load the TS module.
  const boot = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(new URL('./sender.ts', import.meta.url).href)}); });`;
  const w = new Worker(boot, { eval: true, workerData: job });
  return new Promise((resolve, reject) => {
    w.once('message', (m: Float64Array) => resolve(m));
    w.once('error', reject);
  });
}

/**
 * Latency of message k: from its send to the first engine write of message k or any later one
 * (a later value supersedes it). NaN when neither ever arrived (lost).
 */
function latencies(sentAt: Float64Array, appliedAt: Float64Array): number[] {
  const out: number[] = [];
  let next = Number.NaN;
  for (let k = sentAt.length - 1; k >= 0; k--) {
    if (appliedAt[k]! > 0) next = appliedAt[k]!;
    if (!Number.isNaN(next)) out.push(next - sentAt[k]!);
  }
  return out;
}

/** Bare UDP in Node: the same paced sender, a plain socket that notes each arrival. */
export async function baselineRun(rate: number, count: number): Promise<RunResult> {
  const socket = createSocket({ type: 'udp4', recvBufferSize: 4 * 1024 * 1024 });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  const recvAt = new Float64Array(count);
  let received = 0;
  socket.on('message', (m) => {
    recvAt[m.readUInt32LE(0)] = now();
    received++;
  });
  const sentAt = await send({ port: socket.address().port, address: '', rate, count, raw: true });
  await sleep(300);
  socket.close();
  return { rate, sent: count, received, engineWrites: received, latency: summarise(latencies(sentAt, recvAt)), finalOk: recvAt[count - 1]! > 0 };
}

/** The real daemon (embedded engine on the `none` sink, real UDP), instrumented at the engine. */
export interface DetentRig {
  run(rate: number, count: number): Promise<RunResult>;
  close(): Promise<void>;
}

/**
 * `webaudio`: the embedded engine, measured when a ramp is scheduled on its AudioParam.
 * `fake`: the same daemon with the fake engine (no audio thread), measured when the engine is
 * handed the value: the control path's own cost, without the render thread competing for a core.
 */
export async function detentRig(engineKind: 'webaudio' | 'fake'): Promise<DetentRig> {
  const stateDir = await mkdtemp(join(tmpdir(), 'detent-bench-'));
  const loaded = await loadConfig(['--state-dir', stateDir, '--http-port', '0', '--osc-port', '0', '--audio', 'none', '--log-level', 'error'], {});
  if (loaded.kind !== 'ok') throw new Error(`bench config: ${loaded.kind === 'error' ? loaded.message : loaded.kind}`);
  // Per run: when each sequence number first reached the engine, and the last value it got.
  let appliedAt = new Float64Array(0);
  let engineWrites = 0;
  let lastApplied = Number.NaN;
  const onScheduled = (id: string, value: number): void => {
    if (id !== 'input.gain') return;
    const k = seqOf(value);
    if (k >= 0 && k < appliedAt.length && appliedAt[k] === 0) appliedAt[k] = now();
    engineWrites++;
    lastApplied = value;
  };
  const engine =
    engineKind === 'webaudio'
      ? createWebAudioEngine({ output: 'none', source: 'demo', log: { warn: () => {}, info: () => {} }, onScheduled })
      : new (class extends FakeEngine {
          override apply(id: string, value: number): void {
            onScheduled(id, value);
          }
        })();
  const daemon = await startDaemon(loaded.config, { logger: pino({ level: 'error' }), engine });
  let received = 0;
  daemon.store.subscribe((c) => {
    if (c.id === 'input.gain') received++;
  });

  const run = async (rate: number, count: number): Promise<RunResult> => {
    appliedAt = new Float64Array(count);
    engineWrites = 0;
    received = 0;
    const sentAt = await send({ port: daemon.oscPort, address: '/detent/param/input.gain', rate, count, raw: false });
    await sleep(300);
    const want = Math.fround(valueOf(count - 1));
    const finalOk = daemon.store.get('input.gain') === want && lastApplied === want;
    return { rate, sent: count, received, engineWrites, latency: summarise(latencies(sentAt, appliedAt)), finalOk };
  };
  // Warm-up: let the audio thread settle and the JIT compile the hot path before measuring.
  await sleep(1000);
  await run(1000, 1000);
  return { run, close: () => daemon.close() };
}
