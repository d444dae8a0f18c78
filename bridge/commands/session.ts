/**
 * `detent session list|create|save|recall|open|export`: sessions of the running daemon over its
 * HTTP API (bridge/server/routes/sessions.ts). Exit codes: 0 done, 1 refused or failed (the
 * daemon's message and code are printed; daemon unreachable), 2 bad usage.
 */
import { writeFile } from 'node:fs/promises';
import { assertNever } from '../core/assert-never.js';
import type { RecallResult, SessionList } from '../session/api.js';
import { parseSessionArgs, SESSION_HELP, type SessionArgs } from './session-args.js';

export interface SessionCliIo {
  out(text: string): void;
  err(text: string): void;
  readonly fetch: typeof fetch;
  writeFile(path: string, text: string): Promise<void>;
}

type Answer = { readonly status: number; readonly body: unknown; readonly text: string };

export async function runSessionCommand(argv: readonly string[], io: SessionCliIo): Promise<number> {
  const args = parseSessionArgs(argv);
  if (args.kind === 'help') {
    io.out(SESSION_HELP);
    return 0;
  }
  if (args.kind === 'error') {
    io.err(`detent session: ${args.message}`);
    return 2;
  }
  try {
    return await run(args, io);
  } catch (e) {
    io.err(`detent session: cannot reach the daemon at ${args.url}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

async function run(a: Exclude<SessionArgs, { kind: 'help' | 'error' }>, io: SessionCliIo): Promise<number> {
  const call = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const res = await io.fetch(`${a.url}${path}`, body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      // not JSON (a sheet)
    }
    return { status: res.status, body: parsed, text };
  };
  const failed = (r: Answer): number => {
    const b = (r.body ?? {}) as { error?: string; message?: string };
    io.err(`detent session: ${b.message ?? `HTTP ${r.status}`}${b.error === undefined ? '' : ` (${b.error})`}`);
    return 1;
  };
  const target = async (given: string | undefined): Promise<string | Answer> => {
    if (given !== undefined) return given;
    const r = await call('GET', '/api/sessions');
    if (r.status !== 200) return r;
    const open = (r.body as SessionList).open;
    return open ?? { status: 409, body: { error: 'SESSION_NONE_OPEN', message: 'no session is open: give --session <id> or create one' }, text: '' };
  };
  switch (a.kind) {
    case 'list': {
      const r = await call('GET', '/api/sessions');
      if (r.status !== 200) return failed(r);
      io.out(formatList(r.body as SessionList));
      return 0;
    }
    case 'create': {
      const body = { name: a.name, client: a.client, track: a.track, delivery: a.delivery === undefined ? undefined : { preset: a.delivery } };
      const r = await call('POST', '/api/sessions', body);
      if (r.status !== 201) return failed(r);
      io.out(`created session ${(r.body as { id: string }).id} with the current state as snapshot A`);
      return 0;
    }
    case 'save': {
      const id = await target(a.session);
      if (typeof id !== 'string') return failed(id);
      const r = await call('POST', `/api/sessions/${encodeURIComponent(id)}/snapshots`, { name: a.snapshot, track: a.track, notes: a.notes, replace: a.replace || undefined });
      if (r.status !== 201) return failed(r);
      io.out(`stored snapshot ${a.snapshot} in session ${id}`);
      return 0;
    }
    case 'recall': {
      const id = await target(a.session);
      if (typeof id !== 'string') return failed(id);
      const q = a.track === undefined ? '' : `?track=${encodeURIComponent(a.track)}`;
      const r = await call('POST', `/api/sessions/${encodeURIComponent(id)}/snapshots/${encodeURIComponent(a.snapshot)}/recall${q}`);
      if (r.status !== 200) return failed(r);
      io.out(formatRecall(r.body as RecallResult));
      return 0;
    }
    case 'open': {
      const r = await call('POST', `/api/sessions/${encodeURIComponent(a.id)}/open`);
      if (r.status !== 200) return failed(r);
      io.out(formatRecall(r.body as RecallResult));
      return 0;
    }
    case 'export': {
      const r = await call('GET', `/api/sessions/${encodeURIComponent(a.id)}/sheet?format=${a.format}`);
      if (r.status !== 200) return failed(r);
      if (a.out === undefined) io.out(r.text);
      else {
        await io.writeFile(a.out, r.text);
        io.out(`wrote the ${a.format} recall sheet of ${a.id} to ${a.out}`);
      }
      return 0;
    }
    default:
      return assertNever(a, 'session command');
  }
}

export function formatList(l: SessionList): string {
  const lines = l.sessions.map((s) => `${s.open ? '*' : ' '} ${s.id}  ${s.name}${s.client === '' ? '' : ` (${s.client})`}  modified ${s.modifiedAt}  ${s.tracks.map((t) => `${t.id}: ${t.snapshots.join(' ') || '-'}`).join('; ')}`);
  if (lines.length === 0) lines.push('no sessions yet (detent session create <name>)');
  for (const i of l.invalid) lines.push(`! ${i.file} fails validation: ${i.problems.map((p) => `${p.path || '/'}: ${p.message}`).join('; ')}`);
  if (l.lock !== null) lines.push(`read-only: ${l.lock}`);
  return lines.join('\n');
}

export function formatRecall(r: RecallResult): string {
  const lines = [`recalled ${r.snapshot ?? 'working state'} of ${r.session}/${r.track}: ${r.changed} of ${r.applied} parameters moved in ${r.durationMs.toFixed(1)} ms`];
  if (r.defaulted.length > 0) lines.push(`set to default (not in the snapshot): ${r.defaulted.join(', ')}`);
  if (r.unknown.length > 0) lines.push(`ignored (not in this chain): ${r.unknown.join(', ')}`);
  if (r.clamped.length > 0) lines.push(`clamped into range: ${r.clamped.join(', ')}`);
  for (const d of r.rigDrift) lines.push(`controller set-up differs from the session's: ${d}`);
  if (r.assist.allCaught) lines.push('recall assist: all controls caught');
  for (const p of r.assist.pending) lines.push(`turn ${p.control} ${p.direction ?? ''} by ${((p.distance ?? 0) * 100).toFixed(0)} % to catch ${p.target}`);
  return lines.join('\n');
}

/** `detent session` on the real process. */
export function sessionCommand(argv: readonly string[]): Promise<number> {
  return runSessionCommand(argv, {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    fetch,
    writeFile: (p, t) => writeFile(p, t, 'utf8'),
  });
}
