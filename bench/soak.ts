/**
 * Soak: one daemon under mixed traffic from every kind of input for a long time (default ten
 * minutes), measuring what a long session costs and whether the final state is right.
 *
 * Traffic, all at once:
 * - OSC over real UDP, thousands of messages a second, spread over ~30 addresses: the
 *   `/detent/param/<id>` namespace in plain units (including stepped and on/off parameters),
 *   `/detent/param/<id>/norm`, and controls of a controller profile mapped to parameters. It comes
 *   from a separate process (this file run with TRAFFIC_FLAG), from one socket that is also the
 *   daemon's OSC feedback target, as a control surface would be: the daemon sends feedback for
 *   every change to it (coalesced per parameter, echo-suppressed for the moving control).
 * - Two serial knob boxes on socat PTY pairs, driven from that process too: a Detent HR box
 *   (12-bit, SLIP frames, one knob move every ~2 ms) and a deej box (10-bit text lines, every
 *   ~10 ms as deej sends). Every move is a real knob move (tens of counts), well past the
 *   conditioner's sleep gate, which swallows moves of a few counts by design (noise). After the
 *   traffic the boxes idle as the real boards do: deej keeps sending its line every 10 ms, the
 *   Detent HR firmware repeats every channel about once a second (its keep-alive).
 * - A fake MIDI backend (in this process: it stands for the RtMidi callback) injecting 7-bit CCs
 *   and 14-bit NRPNs (CC 99/98/6/38) into a controller profile's controls.
 * Every parameter is driven by exactly one control or address, so "the last value sent" is
 * well defined per parameter.
 *
 * The engine is a recording stub (SoakEngine, below): the subject is the daemon (routing, store,
 * feedback, sessions' autosave and history, serial conditioning, MIDI decoding), not the DSP; the
 * embedded engine's audio thread takes about a core of its own and would only add noise to the
 * memory and event-loop figures. It keeps the last value per parameter (FakeEngine keeps every
 * call, which would itself grow without bound over a soak).
 *
 * Measured in the daemon's process: RSS and V8 heap every second, shown at the start, every 30 s
 * (5 s for runs under a minute) and at the end with each window's floor (its lowest reading: the
 * heap after a GC, free of the sawtooth), and growth per hour from a least-squares line through
 * the floors after the first quarter (warm-up); event-loop delay (perf_hooks.monitorEventLoopDelay) p50, p99
 * and max during the traffic; messages handled per second from the daemon's own device counters;
 * UDP datagrams the kernel dropped at the daemon's socket (/proc/net/udp). And the rule that
 * matters most: after a quiet period, for every control, the value applied (store and engine) is
 * the last value its source sent: "values lost" counts the ones that are not (compared 2.5 s
 * after the traffic, and again until they all match or 15 s have passed: a serial knob can take
 * a keep-alive or two to settle on a busy machine, see test/faults/serial-settle-lag.test.ts).
 */
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import type { DeviceSnapshot } from '../bridge/core/devices.js';
import { fromNorm, quantise, type ParamDescriptor, type ParamId } from '../bridge/core/param/descriptor.js';
import type { Unit } from '../bridge/core/unit.js';
import { loadConfig } from '../bridge/config/load.js';
import { startDaemon, type Daemon } from '../bridge/daemon/index.js';
import { FakeMidiBackend } from '../bridge/drivers/midi/fake.js';
import { encodeFloatMessage } from '../bridge/drivers/osc/codec.js';
import { CHAIN_PARAMS } from '../bridge/engine/chain/params.js';
import type { Engine, EngineStatus, MeterFrame } from '../bridge/engine/interface.js';
import { ptyPair } from '../test/drivers/pty.js';
import { openKnobBox } from '../test/serial/knob-box.js';

export interface SoakOptions {
  /** Traffic duration in seconds (default 600). */
  readonly seconds?: number;
  /** OSC messages per second (default 3000). */
  readonly oscRate?: number;
}

const TRAFFIC_FLAG = '--soak-traffic';
const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MIDI_PORT = 'Soak MIDI 1';
const HR_FULL = 4095;
const DEEJ_FULL = 1023;
/**
 * Event-loop delay sampling interval (ms). Node's histogram records the time between samples, so
 * an idle loop reads about the interval itself: the figures reported have it taken off.
 */
const ELD_RESOLUTION_MS = 10;
/** Quiet time after the traffic before the values are compared: the serial hold (1 s) and settling. */
const QUIET_MS = 2500;
/** Longest the comparison waits for values still arriving (a serial knob settles at a keep-alive). */
const MAX_QUIET_MS = 15_000;

// ---------------------------------------------------------------------------------------------
// Who drives what

type Source =
  | { readonly kind: 'osc-plain'; readonly address: string }
  | { readonly kind: 'osc-norm'; readonly address: string }
  | { readonly kind: 'osc-mapped'; readonly address: string; readonly control: string }
  | { readonly kind: 'midi-cc'; readonly control: string; readonly cc: number }
  | { readonly kind: 'midi-nrpn'; readonly control: string; readonly nrpn: number }
  | { readonly kind: 'serial-hr'; readonly control: string; readonly channel: number }
  | { readonly kind: 'serial-deej'; readonly control: string; readonly channel: number };

interface Assignment {
  readonly param: ParamDescriptor;
  readonly source: Source;
}

/** Each parameter to exactly one source: stepped ones to the OSC namespace, continuous ones shared out. */
function assign(): Assignment[] {
  const continuous = CHAIN_PARAMS.filter((p) => p.step === 0);
  const stepped = CHAIN_PARAMS.filter((p) => p.step !== 0);
  const out: Assignment[] = [];
  let i = 0;
  const take = (n: number, make: (k: number, p: ParamDescriptor) => Source): void => {
    for (let k = 0; k < n; k++) {
      const param = continuous[i++];
      if (param === undefined) throw new Error('not enough continuous parameters for the soak');
      out.push({ param, source: make(k, param) });
    }
  };
  take(4, (k) => ({ kind: 'serial-hr', control: `knob/${k + 1}`, channel: k }));
  take(4, (k) => ({ kind: 'serial-deej', control: `fader/${k + 1}`, channel: k }));
  take(4, (k) => ({ kind: 'midi-cc', control: `midi-cc/${k + 1}`, cc: 20 + k }));
  take(4, (k) => ({ kind: 'midi-nrpn', control: `midi-nrpn/${k + 1}`, nrpn: k }));
  take(6, (k) => ({ kind: 'osc-mapped', address: `/soak/fader/${k + 1}`, control: `osc-fader/${k + 1}` }));
  take(4, (_k, p) => ({ kind: 'osc-norm', address: `/detent/param/${p.id}/norm` }));
  for (const param of [...continuous.slice(i), ...stepped]) out.push({ param, source: { kind: 'osc-plain', address: `/detent/param/${param.id}` } });
  return out;
}

// ---------------------------------------------------------------------------------------------
// The traffic process (OSC sender, feedback receiver, both knob boxes)

interface OscTarget {
  readonly address: string;
  /** The range sent in (plain units, or 0..1). */
  readonly min: number;
  readonly max: number;
}

interface TrafficJob {
  readonly deej: string;
  readonly hr: string;
  readonly osc: readonly OscTarget[];
  readonly rate: number;
  readonly seed: number;
}

interface TrafficResult {
  readonly osc: Record<string, number>;
  readonly oscSent: number;
  readonly hr: (number | null)[];
  readonly hrSent: number;
  readonly deej: (number | null)[];
  readonly deejSent: number;
  readonly feedbackReceived: number;
  readonly seconds: number;
}

type FromChild = { readonly ready: { readonly feedbackPort: number } } | { readonly done: TrafficResult } | { readonly error: string };
type ToChild = { readonly go: { readonly port: number; readonly seconds: number } } | { readonly stop: true };

/** mulberry32: a small seeded generator, so runs are repeatable. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A float32 value in [min, max] (what the wire carries), never rounded outside the range. */
function oscValue(rnd: () => number, t: OscTarget): number {
  for (;;) {
    const v = Math.fround(t.min + rnd() * (t.max - t.min));
    if (v >= t.min && v <= t.max) return v;
  }
}

/** A new raw position at least `minMove` counts from `from`: a real knob move. */
function knobMove(rnd: () => number, from: number | null, full: number, minMove: number): number {
  for (;;) {
    const v = Math.round(rnd() * full);
    if (from === null || Math.abs(v - from) >= minMove) return v;
  }
}

async function trafficProcess(job: TrafficJob): Promise<void> {
  const say = (m: FromChild): void => void process.stdout.write(`${JSON.stringify(m)}\n`);
  const rnd = random(job.seed);
  const deej = await openKnobBox(job.deej, 'deej', 4);
  const hr = await openKnobBox(job.hr, 'detent-hr', 4);
  // One socket sends and takes feedback, as a control surface does.
  const socket = createSocket({ type: 'udp4', sendBufferSize: 4 * 1024 * 1024 });
  let feedbackReceived = 0;
  socket.on('message', () => void feedbackReceived++);
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  say({ ready: { feedbackPort: socket.address().port } });

  const lines = createInterface({ input: process.stdin });
  const inbox: ToChild[] = [];
  const waiting: (() => void)[] = [];
  lines.on('line', (l) => {
    inbox.push(JSON.parse(l) as ToChild);
    for (const w of waiting.splice(0)) w();
  });
  lines.on('close', () => {
    inbox.push({ stop: true });
    for (const w of waiting.splice(0)) w();
  });
  const receive = async (): Promise<ToChild> => {
    while (inbox.length === 0) await new Promise<void>((r) => waiting.push(r));
    return inbox.shift() as ToChild;
  };
  const first = await receive();
  if (!('go' in first)) return;
  const go = first.go;
  const lastOsc: Record<string, number> = {};
  const hrLast: (number | null)[] = [null, null, null, null];
  const deejLast: (number | null)[] = [null, null, null, null];
  let oscSent = 0;
  let hrSent = 0;
  let deejSent = 0;
  let running = true;
  const t0 = performance.now();

  const oscLoop = (async () => {
    const start = performance.now();
    while (running) {
      const due = Math.floor(((performance.now() - start) * job.rate) / 1000);
      for (; oscSent < due; oscSent++) {
        const target = job.osc[Math.floor(rnd() * job.osc.length)] as OscTarget;
        const v = oscValue(rnd, target);
        socket.send(encodeFloatMessage(target.address, v), go.port, '127.0.0.1');
        lastOsc[target.address] = v;
      }
      await sleep(1);
    }
  })();
  const hrLoop = (async () => {
    while (running) {
      const ch = Math.floor(rnd() * 4);
      const v = knobMove(rnd, hrLast[ch] ?? null, HR_FULL, 24);
      await hr.set(ch, v);
      hrLast[ch] = v;
      hrSent++;
      await sleep(2);
    }
  })();
  const deejLoop = (async () => {
    while (running) {
      const ch = Math.floor(rnd() * 4);
      const v = knobMove(rnd, deejLast[ch] ?? null, DEEJ_FULL, 16);
      await deej.set(ch, v);
      deejLast[ch] = v;
      deejSent++;
      await sleep(10);
    }
  })();

  await sleep(go.seconds * 1000);
  running = false;
  await Promise.all([oscLoop, hrLoop, deejLoop]);
  // A last value for every address, paced (one a millisecond): the final word of each control.
  for (const target of job.osc) {
    const v = oscValue(rnd, target);
    socket.send(encodeFloatMessage(target.address, v), go.port, '127.0.0.1');
    lastOsc[target.address] = v;
    oscSent++;
    await sleep(1);
  }
  const seconds = (performance.now() - t0) / 1000;
  // Idle, as the real boards are when nobody touches them, until told to stop: deej sends its
  // line every 10 ms regardless; the Detent HR firmware repeats every channel about once a second
  // (its keep-alive). Same positions: nothing moves.
  let idle = true;
  const deejIdle = (async () => {
    while (idle) {
      await deej.set(0, deejLast[0] ?? 0);
      await sleep(10);
    }
  })();
  const hrIdle = (async () => {
    while (idle) {
      for (let ch = 0; ch < 4; ch++) {
        const v = hrLast[ch];
        if (v !== undefined && v !== null) await hr.set(ch, v);
      }
      for (let i = 0; i < 10 && idle; i++) await sleep(100);
    }
  })();
  await sleep(500); // feedback still arriving
  say({ done: { osc: lastOsc, oscSent, hr: hrLast, hrSent, deej: deejLast, deejSent, feedbackReceived, seconds } });
  while (!('stop' in (await receive())));
  idle = false;
  await Promise.all([deejIdle, hrIdle]);
  await deej.close();
  await hr.close();
  socket.close();
  lines.close();
}

// ---------------------------------------------------------------------------------------------
// The daemon side

/** An engine that keeps only the last value per parameter (no audio, bounded memory). */
class SoakEngine implements Engine {
  readonly params = CHAIN_PARAMS;
  applies = 0;
  private readonly values = new Map<ParamId, number>();
  private state: EngineStatus = { state: 'stopped' };
  start(): Promise<EngineStatus> {
    this.state = { state: 'running', sink: 'none', sampleRate: 48000, source: 'soak' };
    return Promise.resolve(this.state);
  }
  apply(id: ParamId, value: number): void {
    this.applies++;
    this.values.set(id, value);
  }
  last(id: ParamId): number | undefined {
    return this.values.get(id);
  }
  onMeters(_listener: (frame: MeterFrame) => void): () => void {
    return () => undefined;
  }
  status(): EngineStatus {
    return this.state;
  }
  close(): Promise<void> {
    this.state = { state: 'stopped' };
    return Promise.resolve();
  }
}

/** A gap in the event loop longer than STALL_MS, with the CPU time the process used during it. */
interface Stall {
  readonly t: number;
  readonly ms: number;
  readonly cpuMs: number;
}
const STALL_MS = 100;

/**
 * Finds event-loop stalls and tells the daemon's from the machine's: a loop blocked by its own
 * work uses about as much CPU as the stall lasts; a process the scheduler did not run (a loaded
 * machine, a VM's stolen time) uses next to none.
 */
function stallWatch(t0: number): { stop(): Stall[] } {
  const stalls: Stall[] = [];
  let last = performance.now();
  let cpu = process.cpuUsage();
  const timer = setInterval(() => {
    const now = performance.now();
    const c = process.cpuUsage();
    const gap = now - last - ELD_RESOLUTION_MS;
    if (gap > STALL_MS) stalls.push({ t: (now - t0) / 1000, ms: gap, cpuMs: (c.user - cpu.user + c.system - cpu.system) / 1000 });
    last = now;
    cpu = c;
  }, ELD_RESOLUTION_MS);
  return {
    stop: () => {
      clearInterval(timer);
      return stalls;
    },
  };
}

interface Sample {
  readonly t: number;
  readonly rss: number;
  readonly heap: number;
}

const MB = 1024 * 1024;
const mb = (x: number): string => (x / MB).toFixed(1);
const fmt = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

/** Least-squares slope of y over t (per second); NaN under two points. */
function slope(points: readonly { t: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mt = points.reduce((s, p) => s + p.t, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.t - mt) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.t - mt) ** 2, 0);
  return den === 0 ? Number.NaN : num / den;
}

/** Drops counted by the kernel at the UDP socket bound to `port` (/proc/net/udp), or null where unknown. */
async function udpDrops(port: number): Promise<number | null> {
  try {
    const hex = port.toString(16).toUpperCase().padStart(4, '0');
    const rows = (await readFile('/proc/net/udp', 'utf8')).split('\n').slice(1);
    let drops: number | null = null;
    for (const row of rows) {
      const f = row.trim().split(/\s+/);
      if (f[1]?.endsWith(`:${hex}`)) drops = (drops ?? 0) + Number(f.at(-1));
    }
    return drops;
  } catch {
    return null;
  }
}

const counter = (ds: readonly DeviceSnapshot[], pred: (d: DeviceSnapshot) => boolean, name: string): number =>
  ds.filter(pred).reduce((n, d) => n + (d.counters[name] ?? 0), 0);

async function devicesOf(daemon: Daemon): Promise<DeviceSnapshot[]> {
  return (await (await fetch(`${daemon.httpUrl}/api/devices`)).json()) as DeviceSnapshot[];
}

async function waitFor(what: string, cond: () => Promise<boolean> | boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`soak: ${what} did not happen within ${ms} ms`);
    await sleep(50);
  }
}

interface Lost {
  readonly param: string;
  readonly source: string;
  readonly expected: string;
  readonly got: string;
}

export async function soakSection(opts: SoakOptions = {}): Promise<string[]> {
  const seconds = opts.seconds ?? 600;
  const rate = opts.oscRate ?? 3000;
  const sampleEvery = seconds < 60 ? 5 : 30;
  const plan = assign();
  const dir = await mkdtemp(join(tmpdir(), 'detent-soak-'));
  const cleanups: (() => Promise<void>)[] = [];
  const closeAll = async (): Promise<void> => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  };
  try {
    // Serial: socat PTY pairs; the boxes (device ends) open first, in the traffic process.
    const deejPty = await ptyPair();
    cleanups.push(() => deejPty.close());
    const hrPty = await ptyPair();
    cleanups.push(() => hrPty.close());

    const osc: OscTarget[] = plan.flatMap(({ param, source }) => {
      if (source.kind === 'osc-plain') return [{ address: source.address, min: param.min, max: param.max }];
      if (source.kind === 'osc-norm' || source.kind === 'osc-mapped') return [{ address: source.address, min: 0, max: 1 }];
      return [];
    });
    const job: TrafficJob = { deej: deejPty.b, hr: hrPty.b, osc, rate, seed: 20240611 };
    const child = spawn(process.execPath, ['--import', 'tsx', SELF, TRAFFIC_FLAG, JSON.stringify(job)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    const childExit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.stdin.on('error', () => undefined); // a dead child is reported by next(), not by EPIPE
    cleanups.push(async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await childExit;
      }
    });
    const messages: FromChild[] = [];
    const waiters: (() => void)[] = [];
    createInterface({ input: child.stdout }).on('line', (l) => {
      try {
        messages.push(JSON.parse(l) as FromChild);
      } catch {
        return; // not ours
      }
      for (const w of waiters.splice(0)) w();
    });
    const next = async <K extends 'ready' | 'done'>(key: K, ms: number): Promise<Extract<FromChild, Record<K, unknown>>[K]> => {
      const end = Date.now() + ms;
      for (;;) {
        const m = messages.find((x) => key in x || 'error' in x);
        if (m !== undefined) {
          if ('error' in m) throw new Error(`soak traffic process: ${m.error}`);
          return (m as Record<K, unknown>)[key] as Extract<FromChild, Record<K, unknown>>[K];
        }
        if (child.exitCode !== null) throw new Error(`soak traffic process exited (${child.exitCode}) before "${key}"`);
        if (Date.now() > end) throw new Error(`soak traffic process: no "${key}" within ${ms} ms`);
        await Promise.race([new Promise<void>((r) => waiters.push(r)), sleep(200)]);
      }
    };
    const ready = await next('ready', 60_000);

    // Controller profiles, mapping set, config.
    const controllers = join(dir, 'controllers');
    await mkdir(controllers);
    const write = async (file: string, v: unknown): Promise<string> => {
      await writeFile(file, `${JSON.stringify(v, null, 2)}\n`);
      return file;
    };
    const mapped = plan.filter((a) => a.source.kind === 'osc-mapped');
    await write(join(controllers, 'soak-osc.json'), {
      schemaVersion: 1,
      id: 'soak-osc',
      name: 'Soak OSC surface',
      controls: mapped.flatMap(({ source: s }) => (s.kind === 'osc-mapped' ? [{ id: s.control, kind: 'absolute', osc: { address: s.address } }] : [])),
    });
    await write(join(controllers, 'soak-midi.json'), {
      schemaVersion: 1,
      id: 'soak-midi',
      name: 'Soak MIDI controller',
      match: { midi: { input: '/^Soak MIDI/' } },
      controls: plan.flatMap(({ source: s }): object[] =>
        s.kind === 'midi-cc'
          ? [{ id: s.control, kind: 'absolute', midi: { channel: 1, cc: s.cc, feedback: false } }]
          : s.kind === 'midi-nrpn'
            ? [{ id: s.control, kind: 'absolute', midi: { channel: 1, nrpn: s.nrpn, bits: 14, feedback: false } }]
            : [],
      ),
    });
    const set = await write(join(dir, 'set.json'), {
      schemaVersion: 1,
      name: 'Soak',
      mappings: plan.flatMap(({ param, source: s }) => ('control' in s ? [{ control: s.control, target: param.id, glue: { takeover: 'off' } }] : [])),
    });
    const config = await write(join(dir, 'config.json'), {
      schemaVersion: 1,
      midi: { ports: false },
      mappings: { controllers, set },
      osc: { feedback: [{ host: '127.0.0.1', port: ready.feedbackPort }] },
    });
    const stateDir = join(dir, 'state');
    const loaded = await loadConfig(
      ['--config', config, '--state-dir', stateDir, '--http-host', '127.0.0.1', '--http-port', '0', '--osc-port', '0', '--audio', 'none', '--serial', `${deejPty.a}:deej`, '--serial', `${hrPty.a}:detent-hr`],
      {},
    );
    if (loaded.kind !== 'ok') throw new Error(`soak config: ${loaded.kind === 'error' ? loaded.message : loaded.kind}`);
    const midi = new FakeMidiBackend();
    midi.plug(MIDI_PORT, { input: true, output: false });
    const engine = new SoakEngine();
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push((JSON.parse(line) as { msg: string }).msg) });
    const daemon = await startDaemon(loaded.config, { logger, engine, midiBackends: [midi] });
    cleanups.push(() => daemon.close());
    // A session open, so the autosave of the working state runs throughout, as in real use.
    const created = await fetch(`${daemon.httpUrl}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Soak' }) });
    if (created.status !== 201) throw new Error(`soak: creating the session answered ${created.status}`);
    await waitFor(
      'both serial boxes and the MIDI port up',
      async () => {
        const ds = await devicesOf(daemon);
        return ds.filter((d) => d.kind === 'serial' && d.status.state === 'up').length === 2 && ds.some((d) => d.kind === 'midi-in' && d.status.state === 'up');
      },
      30_000,
    );
    const problems = (await (await fetch(`${daemon.httpUrl}/api/mappings/problems`)).json()) as { problems: string[] };
    if (problems.problems.length > 0) throw new Error(`soak: mapping problems: ${problems.problems.join('; ')}`);

    // ---- Traffic
    const before = await devicesOf(daemon);
    const dropsBefore = await udpDrops(daemon.oscPort);
    // Memory every second; reported per window of `sampleEvery` s as the reading at its end and
    // the window's floor (its lowest heap: about what is live after a GC, free of the sawtooth).
    const fine: Sample[] = [];
    const t0 = performance.now();
    const sample = (): void => {
      const m = process.memoryUsage();
      fine.push({ t: (performance.now() - t0) / 1000, rss: m.rss, heap: m.heapUsed });
    };
    sample();
    const sampler = setInterval(sample, 1000);
    const eld = monitorEventLoopDelay({ resolution: ELD_RESOLUTION_MS });
    eld.enable();
    const stallWatcher = stallWatch(t0);
    child.stdin.write(`${JSON.stringify({ go: { port: daemon.oscPort, seconds } } satisfies ToChild)}\n`);

    // MIDI: a CC and a 14-bit NRPN value every tick (~1 ms timer): ~5 MIDI messages per tick.
    const rnd = random(7);
    const ccs = plan.flatMap((a) => (a.source.kind === 'midi-cc' ? [a.source] : []));
    const nrpns = plan.flatMap((a) => (a.source.kind === 'midi-nrpn' ? [a.source] : []));
    const lastMidi = new Map<string, number>();
    let midiMessages = 0;
    const midiTimer = setInterval(() => {
      const cc = ccs[Math.floor(rnd() * ccs.length)];
      if (cc !== undefined) {
        const v = Math.floor(rnd() * 128);
        midi.deliver(MIDI_PORT, { type: 'cc', channel: 0, controller: cc.cc, value: v });
        lastMidi.set(cc.control, v);
        midiMessages++;
      }
      const n = nrpns[Math.floor(rnd() * nrpns.length)];
      if (n !== undefined) {
        const v = Math.floor(rnd() * 16384);
        for (const [controller, value] of [
          [99, 0],
          [98, n.nrpn],
          [6, v >> 7],
          [38, v & 0x7f],
        ] as const)
          midi.deliver(MIDI_PORT, { type: 'cc', channel: 0, controller, value });
        lastMidi.set(n.control, v);
        midiMessages += 4;
      }
    }, 1);

    const done = await next('done', (seconds + 120) * 1000);
    clearInterval(midiTimer);
    const trafficSeconds = (performance.now() - t0) / 1000;
    eld.disable();
    const stalls = stallWatcher.stop();
    clearInterval(sampler);
    sample();
    const after = await devicesOf(daemon);
    const dropsAfter = await udpDrops(daemon.oscPort);
    await sleep(QUIET_MS);

    // ---- The rule: the last value sent is the value applied. Checked after QUIET_MS, then again
    // every 250 ms up to MAX_QUIET_MS while anything differs (a value that arrives late is not lost,
    // but how long the quiet took is reported).
    const check = (): { lost: Lost[]; checked: number; engineOutOfStep: number } => {
      const lost: Lost[] = [];
      let checked = 0;
      let engineOutOfStep = 0;
      for (const { param, source: s } of plan) {
        const id = param.id;
        const got = daemon.store.get(id);
        const gotNorm = daemon.store.norm(id);
        if (got === undefined || gotNorm === undefined) throw new Error(`soak: no value for ${id}`);
        if (engine.last(id) !== undefined && engine.last(id) !== got) engineOutOfStep++;
        let ok: boolean;
        let expected: string;
        switch (s.kind) {
          case 'osc-plain': {
            const v = done.osc[s.address];
            if (v === undefined) continue; // never sent (impossible with the final pass)
            const want = quantise(param, v);
            ok = got === want;
            expected = String(want);
            break;
          }
          case 'osc-norm': {
            const v = done.osc[s.address];
            if (v === undefined) continue;
            const want = fromNorm(param, v as Unit);
            ok = Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));
            expected = String(want);
            break;
          }
          case 'osc-mapped': {
            const v = done.osc[s.address];
            if (v === undefined) continue;
            ok = Math.abs(gotNorm - v) < 1e-9;
            expected = `norm ${v}`;
            break;
          }
          case 'midi-cc':
          case 'midi-nrpn': {
            const v = lastMidi.get(s.control);
            if (v === undefined) continue;
            const full = s.kind === 'midi-cc' ? 127 : 16383;
            ok = Math.abs(gotNorm - v / full) < 1e-9;
            expected = `${v}/${full}`;
            break;
          }
          case 'serial-hr':
          case 'serial-deej': {
            const v = (s.kind === 'serial-hr' ? done.hr : done.deej)[s.channel];
            if (v === undefined || v === null) continue;
            const full = s.kind === 'serial-hr' ? HR_FULL : DEEJ_FULL;
            ok = Math.round(gotNorm * full) === v && Math.abs(gotNorm - v / full) < 1e-9;
            expected = `${v}/${full}`;
            break;
          }
        }
        checked++;
        if (!ok) lost.push({ param: id, source: 'address' in s ? s.address : `${s.kind} ${s.control}`, expected, got: `${got} (norm ${gotNorm})` });
      }
      return { lost, checked, engineOutOfStep };
    };
    const quietFrom = performance.now();
    await sleep(QUIET_MS);
    let verdict = check();
    const firstLost = verdict.lost.length;
    while (verdict.lost.length > 0 && performance.now() - quietFrom < MAX_QUIET_MS) {
      await sleep(250);
      verdict = check();
    }
    const quietSeconds = (performance.now() - quietFrom) / 1000;
    const { lost, checked, engineOutOfStep } = verdict;
    child.stdin.write(`${JSON.stringify({ stop: true } satisfies ToChild)}\n`);

    // ---- Figures
    const sum = (ds: readonly DeviceSnapshot[], kind: DeviceSnapshot['kind'], name: string) => counter(ds, (d) => d.kind === kind, name);
    const delta = (kind: DeviceSnapshot['kind'], name: string) => sum(after, kind, name) - sum(before, kind, name);
    const perSecond = (n: number) => Math.round(n / trafficSeconds).toLocaleString('en');
    const oscIn = delta('osc-in', 'messages');
    const serialFrames = delta('serial', 'frames');
    const serialReadings = delta('serial', 'readings');
    const midiIn = delta('midi-in', 'messages');
    const feedbackSent = delta('osc-out', 'sent');
    const delay = (ns: number) => Math.max(0, ns / 1e6 - ELD_RESOLUTION_MS);
    const p = (q: number) => delay(eld.percentile(q));
    const start = fine[0] as Sample;
    // The first row is the start; a last, partial window (the final reading) has no floor worth the name.
    const windows: (Sample & { heapFloor: number; rssFloor: number; partial: boolean })[] = [{ ...start, heapFloor: start.heap, rssFloor: start.rss, partial: true }];
    for (let end = sampleEvery; end < trafficSeconds + sampleEvery; end += sampleEvery) {
      const inside = fine.slice(1).filter((x) => x.t <= end && x.t > end - sampleEvery);
      const at = inside[inside.length - 1];
      if (at === undefined) continue;
      const partial = end > trafficSeconds;
      windows.push({ ...at, t: partial ? at.t : end, heapFloor: Math.min(...inside.map((x) => x.heap)), rssFloor: Math.min(...inside.map((x) => x.rss)), partial });
    }
    const samples = windows;
    const warm = windows.filter((x) => !x.partial && x.t >= fine[fine.length - 1]!.t / 4);
    const rssPerHour = (slope(warm.map((x) => ({ t: x.t, y: x.rssFloor }))) * 3600) / MB;
    const heapPerHour = (slope(warm.map((x) => ({ t: x.t, y: x.heapFloor }))) * 3600) / MB;
    const drops = dropsBefore === null || dropsAfter === null ? null : dropsAfter - dropsBefore;
    const first = samples[0] as Sample;
    const last = samples[samples.length - 1] as Sample;

    const lines: string[] = [];
    lines.push(`## Soak: ${fmt(trafficSeconds / 60)} min of mixed traffic into one daemon`);
    lines.push('');
    lines.push(`Run ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; bench/soak.ts, engine: a recording stub (the subject is the daemon, not the DSP).`);
    lines.push(
      `Traffic: OSC at ${rate.toLocaleString('en')}/s over UDP to ${osc.length} addresses (${plan.filter((a) => a.source.kind === 'osc-plain').length} \`/detent/param/<id>\`, ${plan.filter((a) => a.source.kind === 'osc-norm').length} \`…/norm\`, ${mapped.length} mapped surface controls) from a separate process that is also the feedback target; a Detent HR box (4 knobs) and a deej box (4 sliders) on socat PTYs; 7-bit CCs and 14-bit NRPNs from a fake MIDI backend; a session open (autosave running). Every parameter (${plan.length}) has exactly one source.`,
    );
    lines.push('');
    lines.push(`| t | RSS | V8 heap used | heap floor (lowest in the ${sampleEvery} s before) |`);
    lines.push('|---|---|---|---|');
    for (const x of samples) lines.push(`| ${fmt(x.t, 0)} s | ${mb(x.rss)} MB | ${mb(x.heap)} MB | ${x.partial ? '–' : `${mb(x.heapFloor)} MB`} |`);
    lines.push('');
    const growth =
      trafficSeconds < 300
        ? `not extrapolated from a ${fmt(trafficSeconds, 0)} s run (the GC sawtooth is larger than any trend; run ten minutes)`
        : `extrapolated from a least-squares line through the ${warm.length} window floors after the first quarter (warm-up): RSS ${fmt(rssPerHour)} MB/h, heap ${fmt(heapPerHour)} MB/h`;
    lines.push(`- Memory: RSS ${mb(first.rss)} → ${mb(last.rss)} MB (max ${mb(Math.max(...samples.map((x) => x.rss)))}), heap ${mb(first.heap)} → ${mb(last.heap)} MB (max ${mb(Math.max(...samples.map((x) => x.heap)))}); growth ${growth}.`);
    lines.push(
      `- Event-loop delay during the traffic (monitorEventLoopDelay sampling every ${ELD_RESOLUTION_MS} ms, the interval taken off; the daemon's process, MIDI injection included): p50 ${fmt(p(50), 2)} ms, p99 ${fmt(p(99), 2)} ms, max ${fmt(delay(eld.max), 2)} ms.`,
    );
    const longest = [...stalls].sort((a, b) => b.ms - a.ms).slice(0, 3);
    lines.push(
      `- Stalls over ${STALL_MS} ms: ${stalls.length}${
        longest.length === 0
          ? ''
          : `; the longest ${longest.map((x) => `${fmt(x.ms, 0)} ms at ${fmt(x.t, 0)} s (process CPU during it ${fmt(x.cpuMs, 0)} ms)`).join(', ')}. A stall with little CPU is the machine not running the process (load, stolen VM time), not the daemon's own work`
      }.`,
    );
    lines.push(
      `- Handled per second: OSC ${perSecond(oscIn)} messages (sent ${perSecond(done.oscSent)}; kernel drops at the daemon's socket: ${drops === null ? 'unknown' : drops.toLocaleString('en')}), serial ${perSecond(serialFrames)} frames / ${perSecond(serialReadings)} readings (boxes sent ${perSecond(done.hrSent)} HR + ${perSecond(done.deejSent)} deej updates), MIDI ${perSecond(midiIn)} messages (injected ${perSecond(midiMessages)}); OSC feedback out ${perSecond(feedbackSent)} messages (${done.feedbackReceived.toLocaleString('en')} received by the surface); engine applies ${perSecond(engine.applies)}.`,
    );
    lines.push(`- Totals: ${oscIn.toLocaleString('en')} OSC, ${serialReadings.toLocaleString('en')} serial readings, ${midiIn.toLocaleString('en')} MIDI messages; warnings logged: ${warnings.length}${warnings.length > 0 ? ` (first: ${warnings[0]})` : ''}.`);
    lines.push(
      `- **Values lost: ${lost.length}** of ${checked} controls (the last value each source sent vs the store) ${fmt(quietSeconds)} s after the traffic stopped${
        firstLost > 0 ? ` (at ${QUIET_MS / 1000} s, ${firstLost} were still settling: serial knobs settling at the boards' idle reports)` : ''
      }; the engine out of step with the store: ${engineOutOfStep}.`,
    );
    for (const l of lost.slice(0, 10)) lines.push(`  - ${l.param} from ${l.source}: sent ${l.expected}, applied ${l.got}`);
    return lines;
  } finally {
    await closeAll();
  }
}

if (process.argv[2] === TRAFFIC_FLAG && process.argv[1] !== undefined && resolve(process.argv[1]) === SELF) {
  trafficProcess(JSON.parse(process.argv[3] ?? '{}') as TrafficJob).then(
    () => process.exit(0),
    (e: unknown) => {
      process.stdout.write(`${JSON.stringify({ error: (e as Error).stack ?? String(e) } satisfies FromChild)}\n`);
      process.exit(1);
    },
  );
}
