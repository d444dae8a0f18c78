/**
 * `detent calibrate <device> [--url <daemon>] [--rest <seconds>]`: calibrates a serial knob box
 * through the running daemon (which has the port open): measures the resting noise, captures each
 * channel's travel while the engineer turns every control end to end, detects audio-taper pots
 * from their centre position, then saves the calibration (atomically, per box) and applies it at
 * once. Exit codes: 0 saved, 1 failed (no such box, daemon unreachable, nothing moved), 2 bad
 * arguments, 130 interrupted (the calibration is cancelled on the daemon first).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_DAEMON_URL } from '../learn/cli.js';

export const CALIBRATE_HELP = `Usage: detent calibrate <device> [--url <url>] [--rest <seconds>]

Calibrates a serial knob box the running daemon has open (its port, e.g. /dev/ttyACM0):
  1. hands off while the resting noise is measured (--rest seconds, default 3);
  2. turn every knob, fader and switch through its whole travel, both ends, then press Enter;
  3. set each pot to its centre (12 o'clock) and press Enter: audio-taper pots are detected.
The calibration is stored per box in the state directory and used from then on.

Options:
  --url <url>       the daemon's dashboard and API address (default ${DEFAULT_DAEMON_URL})
  --rest <seconds>  how long to measure the resting noise, 1..30 (default 3)
  -h, --help        show this help
`;

export interface CalibrateIo {
  out(line: string): void;
  err(line: string): void;
  readonly fetch: typeof fetch;
  /** Resolves at the next line the engineer types (Enter). */
  nextLine(): Promise<void>;
  sleep(ms: number): Promise<void>;
  onInterrupt(handler: () => void): () => void;
}

interface ChannelView {
  name: string;
  control: string | null;
  raw: number;
  noise: { sd: number; peakToPeak: number } | null;
  range: { min: number; max: number } | null;
  taper: string | null;
}

type Parsed = { kind: 'run'; device: string; url: string; restMs: number } | { kind: 'help' } | { kind: 'error'; message: string };

export function parseCalibrateArgs(argv: readonly string[]): Parsed {
  let values: { url?: string; rest?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...argv], options: { url: { type: 'string' }, rest: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true }));
  } catch (e) {
    return { kind: 'error', message: `${(e instanceof Error ? e.message : String(e)).split('. ')[0] ?? ''} (see detent calibrate --help)` };
  }
  if (values.help === true) return { kind: 'help' };
  const [device, ...more] = positionals;
  if (device === undefined || more.length > 0) return { kind: 'error', message: 'give exactly one device, like /dev/ttyACM0 (see detent calibrate --help)' };
  const rest = values.rest === undefined ? 3 : Number(values.rest);
  if (!Number.isFinite(rest) || rest < 1 || rest > 30) return { kind: 'error', message: `--rest: expected seconds within 1..30, got ${values.rest ?? ''}` };
  const url = (values.url ?? DEFAULT_DAEMON_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/./.test(url)) return { kind: 'error', message: `--url: expected an http:// address, got ${url}` };
  return { kind: 'run', device, url, restMs: Math.round(rest * 1000) };
}

export async function runCalibrateCommand(argv: readonly string[], io: CalibrateIo): Promise<number> {
  const args = parseCalibrateArgs(argv);
  if (args.kind === 'help') {
    io.out(CALIBRATE_HELP);
    return 0;
  }
  if (args.kind === 'error') {
    io.err(`detent calibrate: ${args.message}`);
    return 2;
  }
  const { url } = args;
  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
    const res = await io.fetch(`${url}/api/serial/calibration${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
  };
  let interrupted = false;
  const removeInterrupt = io.onInterrupt(() => {
    interrupted = true;
  });
  const failed = (r: { status: number; body: Record<string, unknown> }): number => {
    io.err(`detent calibrate: ${typeof r.body['message'] === 'string' ? r.body['message'] : `HTTP ${r.status}`}`);
    return 1;
  };
  try {
    const started = await call('POST', '', { device: args.device });
    if (started.status !== 200) return failed(started);
    io.out(`Calibrating ${String(started.body['device'])} (profile ${String(started.body['profile'])}, box ${String(started.body['identity'])}).`);
    io.out(`1/3  Hands off: measuring the resting noise for ${args.restMs / 1000} s\u2026`);
    await io.sleep(args.restMs);
    if (interrupted) return await cancelled(call, io);
    const sweep = await call('POST', '/next');
    if (sweep.status !== 200) return failed(sweep);
    for (const c of channels(sweep.body)) io.out(`     ${label(c)}  noise ${c.noise === null ? 'not measured (it sent nothing at rest)' : `${c.noise.sd.toFixed(2)} sd, ${c.noise.peakToPeak} peak to peak`}`);
    io.out('2/3  Turn every knob, fader and switch through its whole travel, both ends; then press Enter.');
    await io.nextLine();
    if (interrupted) return await cancelled(call, io);
    const centre = await call('POST', '/next');
    if (centre.status !== 200) return failed(centre);
    for (const c of channels(centre.body)) io.out(`     ${label(c)}  travel ${c.range === null ? 'none' : `${c.range.min}..${c.range.max}`}`);
    io.out("3/3  Set each pot to its centre (12 o'clock) and press Enter (faders and switches: just press Enter).");
    await io.nextLine();
    if (interrupted) return await cancelled(call, io);
    const done = await call('POST', '/next');
    if (done.status !== 200) return failed(done);
    for (const c of channels(done.body)) if (c.taper !== null) io.out(`     ${label(c)}  taper ${c.taper}`);
    const saved = await call('POST', '/save');
    if (saved.status !== 200) return failed(saved);
    io.out(`saved ${String(saved.body['file'])} (channels ${(saved.body['channels'] as string[]).join(', ')}); in use now.`);
    return 0;
  } catch (e) {
    io.err(`detent calibrate: cannot reach the daemon at ${url}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    removeInterrupt();
  }
}

async function cancelled(call: (m: string, p: string) => Promise<unknown>, io: CalibrateIo): Promise<number> {
  await call('DELETE', '').catch(() => undefined);
  io.err('detent calibrate: cancelled');
  return 130;
}

const channels = (body: Record<string, unknown>): ChannelView[] => (Array.isArray(body['channels']) ? (body['channels'] as ChannelView[]) : []);
const label = (c: ChannelView): string => `${c.name.padEnd(6)} ${(c.control ?? '(ignored)').padEnd(12)}`;

/** `detent calibrate` on the real process: stdin lines, stdout, stderr, fetch and SIGINT. */
export async function calibrateCommand(argv: readonly string[]): Promise<number> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin });
  const waiting: (() => void)[] = [];
  rl.on('line', () => waiting.shift()?.());
  try {
    return await runCalibrateCommand(argv, {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
      fetch,
      nextLine: () => new Promise((resolve) => waiting.push(resolve)),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      onInterrupt: (handler) => {
        const h = (): void => {
          handler();
          for (const w of waiting.splice(0)) w();
        };
        process.once('SIGINT', h);
        return () => process.off('SIGINT', h);
      },
    });
  } finally {
    rl.close();
  }
}
