/**
 * `detent learn <param-id> [--url <daemon>] [--timeout <s>]`: asks the running daemon to learn a
 * control for a parameter (POST /api/learn) and prints the outcome. Exit codes: 0 learned,
 * 1 not learned (time-out, cancelled elsewhere, unknown parameter, daemon unreachable or failed),
 * 2 bad arguments, 130 interrupted (Ctrl-C cancels the learn on the daemon first).
 */
import { parseArgs } from 'node:util';

export const DEFAULT_DAEMON_URL = 'http://127.0.0.1:7400';
const DEFAULT_TIMEOUT_S = 30;
/** The API's limit (bridge/server/routes/learn-schemas.ts), in seconds. */
const MAX_TIMEOUT_S = 240;

export const LEARN_HELP = `Usage: detent learn <param-id> [--url <url>] [--timeout <seconds>]

Waits for the next control you move on a connected controller and maps it to the parameter
(a learned mapping, kept in the daemon's state directory). Needs a running daemon.

Options:
  --url <url>          the daemon's dashboard and API address (default ${DEFAULT_DAEMON_URL})
  --timeout <seconds>  give up after this long, 0.1..${MAX_TIMEOUT_S} (default ${DEFAULT_TIMEOUT_S})
  -h, --help           show this help
`;

export interface LearnCliIo {
  out(line: string): void;
  err(line: string): void;
  readonly fetch: typeof fetch;
  /** Registers the Ctrl-C handler; returns its removal. */
  onInterrupt(handler: () => void): () => void;
}

type Parsed = { kind: 'run'; param: string; url: string; timeoutMs: number } | { kind: 'help' } | { kind: 'error'; message: string };

export function parseLearnArgs(argv: readonly string[]): Parsed {
  let values: { url?: string; timeout?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      options: { url: { type: 'string' }, timeout: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    }));
  } catch (e) {
    return { kind: 'error', message: `${(e instanceof Error ? e.message : String(e)).split('. ')[0] ?? ''} (see detent learn --help)` };
  }
  if (values.help === true) return { kind: 'help' };
  const [param, ...rest] = positionals;
  if (param === undefined || rest.length > 0) return { kind: 'error', message: 'give exactly one parameter id, like eq.band2.gain (see detent learn --help)' };
  const t = values.timeout === undefined ? DEFAULT_TIMEOUT_S : Number(values.timeout);
  if (!Number.isFinite(t) || t < 0.1 || t > MAX_TIMEOUT_S) return { kind: 'error', message: `--timeout: expected seconds within 0.1..${MAX_TIMEOUT_S}, got ${values.timeout ?? ''}` };
  const url = (values.url ?? DEFAULT_DAEMON_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/./.test(url)) return { kind: 'error', message: `--url: expected an http:// address, got ${url}` };
  return { kind: 'run', param, url, timeoutMs: Math.round(t * 1000) };
}

export async function runLearnCommand(argv: readonly string[], io: LearnCliIo): Promise<number> {
  const args = parseLearnArgs(argv);
  if (args.kind === 'help') {
    io.out(LEARN_HELP);
    return 0;
  }
  if (args.kind === 'error') {
    io.err(`detent learn: ${args.message}`);
    return 2;
  }
  const { param, url, timeoutMs } = args;
  const request = new AbortController();
  let interrupted = false;
  const removeInterrupt = io.onInterrupt(() => {
    interrupted = true;
    request.abort();
  });
  try {
    io.out(`Turn a control for ${param}\u2026 (Ctrl-C cancels; gives up after ${timeoutMs / 1000} s)`);
    const res = await io.fetch(`${url}/api/learn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ param, timeoutMs }),
      signal: request.signal,
    });
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    return report(res.status, body, io);
  } catch (e) {
    if (interrupted) {
      await io.fetch(`${url}/api/learn`, { method: 'DELETE' }).catch(() => undefined);
      io.err('detent learn: cancelled');
      return 130;
    }
    io.err(`detent learn: cannot reach the daemon at ${url}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    removeInterrupt();
  }
}

function report(status: number, body: Record<string, unknown>, io: LearnCliIo): number {
  const s = (k: string): string => (typeof body[k] === 'string' ? (body[k] as string) : '');
  if (status === 200) {
    const mapping = body['mapping'] as { id?: unknown } | undefined;
    io.out(`learned: ${s('control')} \u2192 ${s('param')} (${s('kind')}, ${s('input')})`);
    io.out(`mapping ${String(mapping?.id ?? '')} saved in the learned overlay${body['createdControl'] === true ? `; new control ${s('control')} in the learned profile` : ''}`);
    return 0;
  }
  io.err(`detent learn: ${s('message') !== '' ? s('message') : `HTTP ${status}`}${s('error') !== '' ? ` (${s('error')})` : ''}`);
  return 1;
}

/** `detent learn` on the real process: stdout, stderr, fetch and SIGINT. */
export function learnCommand(argv: readonly string[]): Promise<number> {
  return runLearnCommand(argv, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    fetch,
    onInterrupt: (handler) => {
      process.once('SIGINT', handler);
      return () => process.off('SIGINT', handler);
    },
  });
}
