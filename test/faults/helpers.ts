/** Shared pieces of the fault-injection tests: config files, device look-ups, a knob box that keeps sending. */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeviceSnapshot } from '../../bridge/core/devices.js';
import type { Daemon } from '../../bridge/daemon/index.js';
import type { KnobBox } from '../serial/knob-box.js';
import { getJson } from '../integration/harness.js';

export const tempDir = (prefix: string): Promise<string> => mkdtemp(join(tmpdir(), `detent-fault-${prefix}-`));

/** Writes `value` as JSON to `dir/name` and returns the path. */
export async function jsonFile(dir: string, name: string, value: unknown): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
  return file;
}

export const devices = (daemon: Daemon): Promise<DeviceSnapshot[]> => getJson<DeviceSnapshot[]>(`${daemon.httpUrl}/api/devices`);

export async function device(daemon: Daemon, pred: (d: DeviceSnapshot) => boolean): Promise<DeviceSnapshot | undefined> {
  return (await devices(daemon)).find(pred);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Keeps a knob box sending channel 0: a new value every `everyMs` (a sawtooth of `stride` counts,
 * so every move is a real knob move, well past the conditioner's noise gate). `last` is the last
 * value whose write completed. stop() waits for the write in flight, except after an unplug: a
 * write into a PTY whose socat is gone never completes (serialport calls back neither write nor
 * drain), so `stop({ unplugged: true })` just stops sending.
 */
export class Pump {
  last: number | undefined;
  sent = 0;
  private running = true;
  private readonly done: Promise<void>;

  constructor(
    private box: KnobBox,
    private value: number,
    opts: { readonly full: number; readonly stride: number; readonly everyMs: number },
  ) {
    this.done = (async () => {
      while (this.running) {
        const v = this.value;
        await this.box.set(0, v);
        this.last = v;
        this.sent++;
        this.value = (v + opts.stride) % (opts.full + 1);
        await sleep(opts.everyMs);
      }
    })();
  }

  /** The next value the pump will send. */
  get next(): number {
    return this.value;
  }

  async stop(opts: { readonly unplugged?: boolean } = {}): Promise<number | undefined> {
    this.running = false;
    if (opts.unplugged !== true) await this.done;
    return this.last;
  }
}

export const CLI = fileURLToPath(new URL('../../dist/bridge/cli.js', import.meta.url));

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

export interface CliDaemon {
  readonly child: ChildProcess;
  readonly url: string;
  readonly oscPort: number;
  /** Everything the process wrote so far (its log). */
  readonly log: () => string;
  /** Resolves once the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The built CLI (dist/bridge/cli.js) as a child process on free ports, once /api/health answers. */
export async function startCli(stateDir: string, config: string, extra: readonly string[] = [], spawnOpts: SpawnOptions = {}): Promise<CliDaemon> {
  const [http, osc] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [CLI, '--config', config, '--state-dir', stateDir, '--http-port', String(http), '--osc-port', String(osc), '--audio', 'none', ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...spawnOpts,
  });
  let log = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (log += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (log += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  const url = `http://127.0.0.1:${http}`;
  const end = Date.now() + 90_000; // a loaded machine: the embedded engine alone can take seconds to start
  for (;;) {
    if (child.exitCode !== null) throw new Error(`detent exited with ${child.exitCode} before answering: ${log.slice(-2000)}`);
    if ((await fetch(`${url}/api/health`).catch(() => undefined))?.ok === true) break;
    if (Date.now() > end) throw new Error(`detent did not answer on ${url}: ${log.slice(-2000)}`);
    await sleep(50);
  }
  return { child, url, oscPort: osc, log: () => log, exited };
}

/** Stops a CLI daemon if it still runs (SIGKILL: for clean-ups after a failed test). */
export async function killCli(d: CliDaemon | undefined): Promise<void> {
  if (d === undefined || d.child.exitCode !== null || d.child.signalCode !== null) return;
  d.child.kill('SIGKILL');
  await d.exited;
}
