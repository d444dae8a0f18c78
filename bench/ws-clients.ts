/**
 * Dashboard benchmark: the real daemon (embedded engine, demo source, headless sink, so real meter
 * frames flow from the audio thread) with twenty WebSocket clients that read and ack promptly, then
 * the same with one more client that reads very slowly, and a parameter burst that must reach every
 * client. The clients run in a worker thread of this process (this same file, `runClients`), so frame
 * times compare on one clock; the daemon's CPU is the process's CPU (every thread: event loop, audio
 * render thread, GC) minus the worker thread's own (/proc/thread-self/stat, Linux). When the audio
 * thread cannot hold 30 frames a second here, a second run replays its recorded frames at 30 Hz.
 * One file, worker included, so bench/run.ts needs only `wsClientsSection`. Runnable alone:
 *   node --import tsx -e "import('./bench/ws-clients.ts').then(async (m) => console.log((await m.wsClientsSection()).join('\n')))"
 */
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { WebSocket, type RawData } from 'ws';
import type { MeterFrame } from '../bridge/engine/interface.js';
import { METER_WINDOW } from '../bridge/server/ws/channel.js';
import { percentile } from './stats.js';

const NORMAL_CLIENTS = 20;
const MEASURE_MS = 10_000;
const IDLE_MS = 5_000;
const SETTLE_MS = 1_500;
/** The slow client reads (socket resumed) for SLOW_READ_MS once every SLOW_EVERY_MS; paused otherwise. */
const SLOW_EVERY_MS = 1_000;
const SLOW_READ_MS = 20;
const PARAM = 'input.gain';
const BURST = 1_000;

/** Wall-clock ms on a clock shared by every thread of the process. */
const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ClientJob {
  readonly role: 'ws-clients';
  readonly url: string;
  readonly slow: boolean;
}
type ToWorker = { readonly type: 'start' } | { readonly type: 'stop' } | { readonly type: 'param-check'; readonly value: number; readonly timeoutMs: number };
/** Per client: each meter frame received in the window (its audio time `t`, arrival `at`) and wire bytes. */
interface ClientStats {
  readonly slow: boolean;
  readonly t: number[];
  readonly at: number[];
  bytes: number;
}
type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'stopped'; readonly clients: readonly ClientStats[]; readonly cpuMs: number }
  /** When each client (same order) got the checked value, or null if it never did. */
  | { readonly type: 'param'; readonly at: readonly (number | null)[] };

/** CPU time of the calling thread, ms (Linux: utime + stime in USER_HZ ticks, 100 a second). NaN elsewhere. */
function threadCpuMs(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** A server-to-client WebSocket frame's size on the wire (unmasked header + payload), bytes. */
const wireBytes = (n: number): number => n + 2 + (n > 65535 ? 8 : n > 125 ? 2 : 0);

/** Worker side: opens the clients, records while told to, answers the checks. */
async function runClients(job: ClientJob, port: NonNullable<typeof parentPort>): Promise<void> {
  const reply = (m: FromWorker): void => port.postMessage(m);
  let recording = false;
  let cpuAtStart = 0;
  const lastParam: { value: number; at: number }[] = [];
  const open = (slow: boolean, index: number): Promise<{ ws: WebSocket; stats: ClientStats }> => {
    const ws = new WebSocket(job.url);
    const stats: ClientStats = { slow, t: [], at: [], bytes: 0 };
    lastParam[index] = { value: Number.NaN, at: 0 };
    ws.on('message', (data: RawData) => {
      const at = now();
      const text = String(data);
      if (recording) stats.bytes += wireBytes(Buffer.byteLength(text));
      const m = JSON.parse(text) as { type: string; t?: number; id?: string; value?: number };
      if (m.type === 'meters') {
        if (recording) {
          stats.t.push(m.t ?? Number.NaN);
          stats.at.push(at);
        }
        ws.send('{"type":"meters-ack"}');
      } else if (m.type === 'param' && m.id === PARAM) {
        lastParam[index] = { value: m.value ?? Number.NaN, at };
      }
    });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve({ ws, stats }));
      ws.once('error', reject);
    });
  };
  const clients = await Promise.all(Array.from({ length: NORMAL_CLIENTS + (job.slow ? 1 : 0) }, (_, i) => open(i === NORMAL_CLIENTS, i)));
  const slow = clients.find((c) => c.stats.slow);
  if (slow !== undefined) {
    // Paused: its socket is not read (what arrives waits in the kernel's buffers); each second it reads for a moment.
    slow.ws.pause();
    setInterval(() => {
      slow.ws.resume();
      setTimeout(() => slow.ws.pause(), SLOW_READ_MS);
    }, SLOW_EVERY_MS).unref();
  }
  port.on('message', (m: ToWorker) => {
    if (m.type === 'start') {
      recording = true;
      cpuAtStart = threadCpuMs();
    } else if (m.type === 'stop') {
      recording = false;
      reply({ type: 'stopped', clients: clients.map((c) => c.stats), cpuMs: threadCpuMs() - cpuAtStart });
    } else {
      const end = now() + m.timeoutMs;
      const check = (): void => {
        const got = lastParam.map((p) => (p.value === m.value ? p.at : null));
        if (got.every((g) => g !== null) || now() > end) reply({ type: 'param', at: got });
        else setTimeout(check, 5);
      };
      check();
    }
  });
  reply({ type: 'ready' });
}

if (!isMainThread && parentPort !== null && (workerData as Partial<ClientJob> | null)?.role === 'ws-clients') {
  void runClients(workerData as ClientJob, parentPort);
}

// ---- main side -------------------------------------------------------------------------------

function startWorker(job: ClientJob): { worker: Worker; next: <T extends FromWorker['type']>(type: T) => Promise<Extract<FromWorker, { type: T }>> } {
  // Workers do not inherit the tsx loader: register it inside the worker, then load this module.
  const boot = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(import.meta.url)}); });`;
  const worker = new Worker(boot, { eval: true, workerData: job });
  const next = <T extends FromWorker['type']>(type: T): Promise<Extract<FromWorker, { type: T }>> =>
    new Promise((resolve, reject) => {
      const on = (m: FromWorker): void => {
        if (m.type !== type) return;
        worker.off('message', on);
        worker.off('error', reject);
        resolve(m as Extract<FromWorker, { type: T }>);
      };
      worker.on('message', on);
      worker.once('error', reject);
    });
  return { worker, next };
}

interface Phase {
  readonly label: string;
  readonly wallMs: number;
  readonly daemonCpuMs: number;
  readonly clientsCpuMs: number;
  readonly engineFrames: number;
  /** Longest wait between two meter frames reaching the main thread in the window, ms (audio-thread stalls). */
  readonly longestGapMs: number;
  readonly clients: readonly ClientStats[];
  /** Param check: set time and when each client got the final value (slow-client phase only). */
  readonly param: { readonly setAt: number; readonly at: readonly (number | null)[] } | null;
}

interface Rig {
  readonly url: string;
  /** Wall times at which meter frames reached the daemon's main thread, in order. */
  readonly arrivals: readonly number[];
  burst(): { setAt: number; value: number };
}

async function runPhase(rig: Rig, label: string, slow: boolean | null): Promise<Phase> {
  const w = slow === null ? null : startWorker({ role: 'ws-clients', url: rig.url, slow });
  if (w !== null) await w.next('ready');
  await sleep(SETTLE_MS);
  const frames0 = rig.arrivals.length;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const from = now();
  w?.worker.postMessage({ type: 'start' } satisfies ToWorker);
  await sleep(slow === null ? IDLE_MS : MEASURE_MS);
  const cpu = process.cpuUsage(cpu0);
  const wallMs = performance.now() - t0;
  const window = rig.arrivals.slice(frames0);
  const engineFrames = window.length;
  // Gaps between frames, and from the window's start to the first and from the last to its end.
  const marks = [from, ...window, now()];
  const longestGapMs = Math.max(...marks.slice(1).map((at, i) => at - (marks[i] ?? at)));
  w?.worker.postMessage({ type: 'stop' } satisfies ToWorker);
  const stopped = w === null ? { clients: [], cpuMs: 0 } : await w.next('stopped');
  let param: Phase['param'] = null;
  if (w !== null && slow === true) {
    const { setAt, value } = rig.burst();
    w.worker.postMessage({ type: 'param-check', value, timeoutMs: 5_000 } satisfies ToWorker);
    param = { setAt, at: (await w.next('param')).at };
  }
  await w?.worker.terminate();
  const processMs = (cpu.user + cpu.system) / 1000;
  return { label, wallMs, daemonCpuMs: processMs - stopped.cpuMs, clientsCpuMs: stopped.cpuMs, engineFrames, longestGapMs, clients: stopped.clients, param };
}

/**
 * Waits until the engine delivers meter frames at its steady rate (25..35 a second over two
 * seconds running): at start, the worklets' JavaScript runs slowly until it is compiled, the audio
 * thread falls behind, and then it renders faster than real time to catch up. Gives up after 60 s.
 */
async function settle(rig: Rig): Promise<boolean> {
  const end = performance.now() + 60_000;
  let steady = 0;
  while (performance.now() < end) {
    const n = rig.arrivals.length;
    await sleep(1_000);
    const rate = rig.arrivals.length - n;
    steady = rate >= 25 && rate <= 35 ? steady + 1 : 0;
    if (steady >= 2) return true;
  }
  return false;
}

/** Ages (ms) of the frames `clients` received: arrival minus when the daemon's main thread got the frame. */
function ages(clients: readonly ClientStats[], emitted: ReadonlyMap<number, number>): number[] {
  const out: number[] = [];
  for (const c of clients) c.t.forEach((t, i) => {
    const from = emitted.get(t);
    if (from !== undefined) out.push((c.at[i] ?? Number.NaN) - from);
  });
  return out.sort((a, b) => a - b);
}

const f1 = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const f2 = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const kb = (bytes: number, ms: number): string => f1(bytes / 1024 / (ms / 1000));

/** A table row: the daemon's cells on the normal clients' row (blank on the slow client's), then the clients'. */
function row(p: Phase, who: 'normal' | 'slow', emitted: ReadonlyMap<number, number>): string {
  const s = p.wallMs / 1000;
  const cs = p.clients.filter((c) => c.slow === (who === 'slow'));
  const daemon = who === 'slow' ? ['', '', ''] : [`${f1((100 * p.daemonCpuMs) / p.wallMs)} %`, f1(p.engineFrames / s), f1(p.longestGapMs)];
  let clients = ['', '', '', '', ''];
  if (cs.length > 0) {
    const a = ages(cs, emitted);
    const perClient = cs.map((c) => c.t.length / s);
    const bytes = cs.map((c) => c.bytes);
    clients = [
      `${f1(Math.min(...perClient))} .. ${f1(Math.max(...perClient))}`,
      `${kb(Math.min(...bytes), p.wallMs)} .. ${kb(Math.max(...bytes), p.wallMs)}`,
      f2(percentile(a, 50)),
      f2(percentile(a, 99)),
      f2(a.at(-1) ?? Number.NaN),
    ];
  }
  const label = who === 'slow' ? `${p.label}: the slow client` : p.label;
  return `| ${[label, String(cs.length), ...daemon, ...clients].join(' | ')} |`;
}

/** One daemon's run: the three phases, and whether its engine reached a steady frame rate first. */
interface Run {
  readonly phases: readonly [Phase, Phase, Phase];
  readonly settled: boolean;
  /** Frame audio time → wall time it reached the daemon's main thread. */
  readonly emitted: ReadonlyMap<number, number>;
}

/**
 * Starts a daemon and measures the three phases. `embedded`: the real engine playing the demo
 * (its last 300 frames are kept in `recorded`); `replay`: a fake engine emitting the recorded
 * frames again at exactly 30 Hz from a timer (no audio thread).
 */
async function measure(kind: 'embedded' | 'replay', recorded: MeterFrame[]): Promise<Run> {
  const { pino } = await import('pino');
  const { loadConfig } = await import('../bridge/config/load.js');
  const { startDaemon } = await import('../bridge/daemon/index.js');
  const { createWebAudioEngine } = await import('../bridge/engine/webaudio/engine.js');
  const { FakeEngine } = await import('../bridge/engine/fake.js');
  const stateDir = await mkdtemp(join(tmpdir(), 'detent-bench-ws-'));
  const loaded = await loadConfig(['--state-dir', stateDir, '--http-host', '127.0.0.1', '--http-port', '0', '--osc-port', '0', '--audio', 'none', '--log-level', 'error'], {});
  if (loaded.kind !== 'ok') throw new Error(`bench config: ${loaded.kind === 'error' ? loaded.message : loaded.kind}`);
  const fake = kind === 'replay' ? new FakeEngine() : null;
  const engine = fake ?? createWebAudioEngine({ output: 'none', source: 'demo', log: { warn: () => {}, info: () => {} } });
  // Registered before the daemon's own listener, so this runs first: the moment the frame reaches
  // the main thread, before the hub serialises it and hands it to each client's channel.
  const emitted = new Map<number, number>();
  const arrivals: number[] = [];
  engine.onMeters((f) => {
    const at = now();
    emitted.set(f.t, at);
    arrivals.push(at);
    if (kind !== 'embedded') return;
    recorded.push(f);
    if (recorded.length > 300) recorded.shift();
  });
  const daemon = await startDaemon(loaded.config, { logger: pino({ level: 'silent' }), engine });
  let k = 0;
  const replay = fake === null ? undefined : setInterval(() => fake.emitMeters({ ...(recorded[k % recorded.length] as MeterFrame), t: k++ / 30 }), 1000 / 30);
  const api = { kind: 'api' } as const;
  const rig: Rig = {
    url: `${daemon.httpUrl.replace(/^http/, 'ws')}/ws`,
    arrivals,
    burst: () => {
      // A knob spun fast: BURST changes in one tick, then a final value every client must end with.
      for (let i = 0; i < BURST; i++) daemon.store.set(PARAM, -6 + (12 * i) / BURST, api);
      const setAt = now();
      daemon.store.set(PARAM, 1.25, api);
      return { setAt, value: daemon.store.get(PARAM) ?? Number.NaN };
    },
  };
  try {
    const settled = await settle(rig);
    const idle = await runPhase(rig, 'no clients', null);
    const plain = await runPhase(rig, `${NORMAL_CLIENTS} clients`, false);
    const withSlow = await runPhase(rig, `${NORMAL_CLIENTS} clients + 1 slow`, true);
    return { phases: [idle, plain, withSlow], settled, emitted };
  } finally {
    clearInterval(replay);
    await daemon.close();
  }
}

/**
 * The section. When the embedded engine cannot keep 30 frames a second on this machine (its audio
 * thread falls behind), the same measurement follows with its recorded frames replayed at 30 Hz,
 * so the dashboard's own figures are still shown at the rate it is built for.
 */
export async function wsClientsSection(): Promise<string[]> {
  const recorded: MeterFrame[] = [];
  const embedded = await measure('embedded', recorded);
  const lines = [`## Dashboard: twenty WebSocket clients`, '', ...legend(), '', ...report('Embedded engine, demo source, headless sink', embedded)];
  if (!embedded.settled && recorded.length > 0) {
    lines.push('', ...report(`The same with ${recorded.length} recorded frames of that engine replayed at 30 Hz by a fake engine (no audio thread)`, await measure('replay', recorded)));
  }
  return lines;
}

function legend(): string[] {
  return [
    `A daemon in-process; ${NORMAL_CLIENTS} \`ws\` clients in a worker thread read every message and ack each meter frame (as the dashboard does); the slow client's socket is paused except ${SLOW_READ_MS} ms every ${SLOW_EVERY_MS} ms, and it acks what it reads. ${MEASURE_MS / 1000} s per phase (${IDLE_MS / 1000} s without clients).`,
    '',
    '- Daemon CPU: the process (main thread, audio render thread, GC) minus the clients\u2019 worker thread (its own CPU time, from /proc/thread-self/stat), as a share of one core.',
    '- Frame age: from the moment a meter frame reaches the daemon\u2019s main thread (an engine listener registered ahead of the dashboard hub, keyed by the frame\u2019s audio time `t`) to the client\u2019s `message` event, on one clock. Frames carry no send timestamp, and their audio time is not wall time, so it is not used for the age; it includes the hub\u2019s JSON encoding, the per-client channels, loopback TCP and the clients\u2019 own event loop (twenty clients share one worker, so the last one served waits for the others).',
    '- Bytes: WebSocket frames (header and payload) received, per client.',
    '- Engine frames/s and longest gap: meter frames reaching the main thread (30 a second when the audio thread keeps up); a long gap is the audio thread stalling, which no client can see past.',
    `- The slow client: meter frames are credit-based (${METER_WINDOW} unacknowledged at most), so however slowly it reads, the daemon sends it at most ${METER_WINDOW} frames ahead and holds only the newest beyond that (its socket buffers never fill with meters); its frames are old because they wait in its unread socket.`,
  ];
}

function report(title: string, run: Run): string[] {
  const [idle, plain, withSlow] = run.phases;
  const normalAges = (p: Phase) => ages(p.clients.filter((c) => !c.slow), run.emitted);
  const [a, b] = [normalAges(plain), normalAges(withSlow)];
  const param = withSlow.param;
  const lat = param?.at.map((t) => (t === null ? null : t - param.setAt)) ?? [];
  const normalLat = lat.slice(0, NORMAL_CLIENTS).filter((x): x is number => x !== null).sort((x, y) => x - y);
  const slowLat = lat[NORMAL_CLIENTS];
  const share = (p: Phase): number => (100 * p.daemonCpuMs) / p.wallMs;
  return [
    `### ${title}`,
    '',
    `Measured ${run.settled ? 'once the engine delivered a steady 25..35 frames a second' : 'although the engine had NOT reached a steady 25..35 frames a second within 60 s (its audio thread falls behind on this machine: see engine frames/s)'}; load average ${loadavg().map((x) => x.toFixed(1)).join(' / ')} at the end.`,
    '',
    '| phase | clients | daemon CPU | engine frames/s | longest gap (ms) | frames/s per client | KiB/s per client | frame age p50 (ms) | p99 (ms) | max (ms) |',
    '|---|---|---|---|---|---|---|---|---|---|',
    row(idle, 'normal', run.emitted),
    row(plain, 'normal', run.emitted),
    row(withSlow, 'normal', run.emitted),
    row(withSlow, 'slow', run.emitted),
    '',
    `- The slow client's effect on the other ${NORMAL_CLIENTS}: frame age p50 ${f2(percentile(b, 50) - percentile(a, 50))} ms, p99 ${f2(percentile(b, 99) - percentile(a, 99))} ms, daemon CPU ${f1(share(withSlow) - share(plain))} points (with minus without).`,
    `- Serving ${NORMAL_CLIENTS} clients: ${f1(share(plain) - share(idle))} points of a core over no clients (comparable only when the phases' engine frame rates agree); the clients' worker thread used ${f1((100 * plain.clientsCpuMs) / plain.wallMs)} % / ${f1((100 * withSlow.clientsCpuMs) / withSlow.wallMs)} % of a core.`,
    `- Parameter change (after the window, the slow client still slow): ${BURST} changes of \`${PARAM}\` in one tick, then a final value: ${normalLat.length}/${NORMAL_CLIENTS} normal clients ended with it (p50 ${f2(percentile(normalLat, 50))} ms, max ${f2(normalLat.at(-1) ?? Number.NaN)} ms after the final set); the slow client ${slowLat === null || slowLat === undefined ? 'did NOT get it within 5 s' : `got it after ${f1(slowLat)} ms (at its next read)`}.`,
  ];
}
