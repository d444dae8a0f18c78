/**
 * Fault: the disk refuses a session save. Three real refusals, each from the kernel:
 * - ENOSPC: the state directory is a tiny tmpfs (mounted as root), filled to the last byte;
 * - EROFS: the same tmpfs remounted read-only under the running daemon;
 * - EACCES: the daemon (the built CLI) runs as an unprivileged user (uid 65534, as root can
 *   start it) and its sessions directory is made read-only (mode 0555). Root ignores permission
 *   bits, so EACCES needs a process that is not root; when the tests themselves run unprivileged
 *   the CLI runs as the same user.
 * In each: the old session file stays byte for byte, the API answers SESSION_WRITE_FAILED (500)
 * saying what happened and that the old version is intact, the daemon runs on (OSC still applies,
 * health answers), and once the disk accepts writes again the next save succeeds.
 * What this machine cannot do (no mount, no setuid) is skipped with the system's own reason.
 */
import { spawnSync } from 'node:child_process';
import { chmod, chown, mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bridge/config/load.js';
import { startDaemon, type Daemon } from '../../bridge/daemon/index.js';
import { encodeFloatMessage } from '../../bridge/drivers/osc/codec.js';
import { FakeEngine } from '../../bridge/engine/fake.js';
import { oscListener, sendUdp, until } from '../integration/harness.js';
import { jsonFile, killCli, startCli, tempDir, type CliDaemon } from './helpers.js';

const NOBODY = 65534;

/** Mounts a tmpfs of `size` at a new directory; the error text when this machine does not allow it. */
function mountTmpfs(size: string): { dir: string } | { error: string } {
  const dir = spawnSync('mktemp', ['-d', join(tmpdir(), 'detent-fault-tmpfs-XXXXXX')], { encoding: 'utf8' }).stdout.trim();
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0755`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.error !== undefined) return { error: `mount: ${r.error.message}` };
  if (r.status !== 0) return { error: `mount -t tmpfs failed (exit ${r.status}): ${r.stderr.trim() || r.stdout.trim()}` };
  return { dir };
}

function umount(dir: string): void {
  if (spawnSync('umount', [dir]).status !== 0) spawnSync('umount', ['-l', dir]);
}

/** Why tmpfs mounts cannot be used here, or null. Tried once, at load: CI decides at run time. */
const mountProblem: string | null = (() => {
  if (process.platform !== 'linux') return `tmpfs mounts need Linux (this is ${process.platform})`;
  const m = mountTmpfs('64k');
  if ('error' in m) return m.error;
  umount(m.dir);
  return null;
})();

/** Why the CLI cannot run unprivileged here, or null. */
const unprivilegedProblem: string | null = (() => {
  if (process.platform !== 'linux') return `needs Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return null; // already unprivileged: permission bits apply to us
  const r = spawnSync(process.execPath, ['-e', 'process.exit(process.getuid() === 65534 ? 0 : 3)'], { uid: NOBODY, gid: NOBODY });
  if (r.error !== undefined) return `cannot start a process as uid ${NOBODY}: ${r.error.message}`;
  if (r.status !== 0) return `a process started as uid ${NOBODY} could not run node (exit ${r.status}): ${String(r.stderr).trim()}`;
  return null;
})();

if (mountProblem !== null) console.warn(`session disk faults: ENOSPC and EROFS skipped: ${mountProblem}`);
if (unprivilegedProblem !== null) console.warn(`session disk faults: EACCES skipped: ${unprivilegedProblem}`);

interface ErrorBody {
  error: string;
  message: string;
}

async function api(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${base}${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

/** The daemon in this process on ephemeral ports, state in `stateDir`; warnings collected. */
async function startIn(stateDir: string, warnings: string[]): Promise<Daemon> {
  const cfgDir = await tempDir('session-cfg');
  const config = await jsonFile(cfgDir, 'config.json', { schemaVersion: 1, midi: { ports: false } });
  const loaded = await loadConfig(['--config', config, '--state-dir', stateDir, '--http-host', '127.0.0.1', '--http-port', '0', '--osc-port', '0', '--audio', 'none'], {});
  if (loaded.kind !== 'ok') throw new Error(`test config: ${loaded.kind === 'error' ? loaded.message : loaded.kind}`);
  const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push((JSON.parse(line) as { msg: string }).msg) });
  return startDaemon(loaded.config, { logger, engine: new FakeEngine() });
}

/** Each backup file of `sessionsDir` with the notes of the version it holds. */
async function backupNotes(sessionsDir: string): Promise<Record<string, string>> {
  const dir = join(sessionsDir, '.backups');
  const out: Record<string, string> = {};
  for (const n of (await readdir(dir)).filter((x) => x.endsWith('.json')).sort()) out[n] = (JSON.parse(await readFile(join(dir, n), 'utf8')) as { notes: string }).notes;
  return out;
}

/** Fills the file system of `dir` until it refuses with ENOSPC; returns the filler's path. */
async function fill(dir: string): Promise<string> {
  const file = join(dir, 'filler');
  const h = await open(file, 'w');
  const chunk = Buffer.alloc(4096, 0x55);
  try {
    for (;;) await h.write(chunk);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    await h.close();
  }
  // Whatever is left below one page too.
  const tail = await open(join(dir, 'filler-tail'), 'w');
  try {
    for (;;) await tail.write(Buffer.alloc(1));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    await tail.close();
  }
  return file;
}

/**
 * The contract, for a daemon at `base`: a session exists with file `file` (bytes `before`);
 * `refuse()` has made the disk refuse writes. Every kind of save fails with SESSION_WRITE_FAILED
 * naming `errno` and the file, the file is unchanged, input still applies; after `accept()` a save
 * succeeds.
 */
async function checkRefusedSave(o: {
  base: string;
  id: string;
  file: string;
  errno: RegExp;
  applyInput: (value: number) => Promise<void>;
  paramValue: () => Promise<number>;
  accept: () => Promise<void>;
  /** Runs after the refused saves, before accept(). */
  whileRefused?: () => Promise<void>;
}): Promise<void> {
  const before = await readFile(o.file);
  const attempts = [
    () => api(o.base, 'PATCH', `/api/sessions/${o.id}`, { notes: 'written on a refusing disk' }),
    () => api(o.base, 'POST', `/api/sessions/${o.id}/snapshots`, { name: 'B' }),
    () => api(o.base, 'POST', `/api/sessions/${o.id}/tracks`, { name: 'Track two' }),
  ];
  for (const attempt of attempts) {
    const r = await attempt();
    expect(r.status).toBe(500);
    const body = r.body as ErrorBody;
    expect(body.error).toBe('SESSION_WRITE_FAILED');
    expect(body.message).toMatch(o.errno);
    expect(body.message).toContain(o.file);
    expect(body.message).toMatch(/previous version is intact/);
    expect(Buffer.compare(await readFile(o.file), before)).toBe(0);
  }
  // Traffic during the refusal: applied (the autosave that follows fails quietly, with a warning).
  await o.applyInput(-7.5);
  await until(async () => (await o.paramValue()) === -7.5, 10_000);
  // The open session in memory was not changed by the failed saves.
  const got = await api(o.base, 'GET', `/api/sessions/${o.id}`);
  expect(got.status).toBe(200);
  expect((got.body as { notes: string }).notes).not.toBe('written on a refusing disk');
  expect(Buffer.compare(await readFile(o.file), before)).toBe(0);
  expect((await api(o.base, 'GET', '/api/health')).body).toMatchObject({ ok: true });
  await o.whileRefused?.();

  await o.accept();
  const ok = await api(o.base, 'PATCH', `/api/sessions/${o.id}`, { notes: 'written once the disk accepts' });
  expect(ok.status).toBe(200);
  expect(JSON.parse(await readFile(o.file, 'utf8'))).toMatchObject({ notes: 'written once the disk accepts' });
}

describe.skipIf(mountProblem !== null)(`session saves on a full disk (ENOSPC, tmpfs)${mountProblem === null ? '' : ` [skipped: ${mountProblem}]`}`, () => {
  let mount = '';
  let daemon: Daemon | undefined;
  const warnings: string[] = [];
  let osc: Awaited<ReturnType<typeof oscListener>>;
  let backupsBefore: Record<string, string> = {};
  let backupsWhileFull: Record<string, string> = {};

  beforeAll(async () => {
    const m = mountTmpfs('1m');
    if ('error' in m) throw new Error(m.error);
    mount = m.dir;
    daemon = await startIn(mount, warnings);
    osc = await oscListener();
  });
  afterAll(async () => {
    osc?.close();
    await daemon?.close();
    if (mount !== '') umount(mount);
  });

  it('the old file stays byte for byte, the API says the disk is full, the daemon runs on', { timeout: 60_000 }, async () => {
    const d = daemon as Daemon;
    const created = await api(d.httpUrl, 'POST', '/api/sessions', { name: 'Full disk' });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    // Versions two to four: three rolling backups, each a different version.
    for (const v of ['two', 'three', 'four']) expect((await api(d.httpUrl, 'PATCH', `/api/sessions/${id}`, { notes: `version ${v}` })).status).toBe(200);
    const sessions = join(mount, 'sessions');
    const file = join(sessions, `${id}.json`);
    backupsBefore = await backupNotes(sessions);
    const filler = await fill(mount);

    await checkRefusedSave({
      base: d.httpUrl,
      id,
      file,
      errno: /ENOSPC|no space left/i,
      applyInput: (v) => sendUdp(osc.socket, encodeFloatMessage('/detent/param/output.gain', v), d.oscPort),
      paramValue: async () => d.store.get('output.gain' as never) ?? NaN,
      whileRefused: async () => {
        backupsWhileFull = await backupNotes(sessions);
        // The autosave of that traffic failed and said so.
        await d.sessions.sessions.flush();
        expect(warnings.some((w) => /session autosave: .*(ENOSPC|no space left)/i.test(w))).toBe(true);
      },
      accept: async () => {
        await rm(filler);
        await rm(join(mount, 'filler-tail'));
      },
    });
    // No temporary left behind by the failed writes.
    for (const dir of [sessions, join(sessions, '.backups')]) expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // And the autosave works again.
    await sendUdp(osc.socket, encodeFloatMessage('/detent/param/output.gain', 4.5), d.oscPort);
    await until(() => d.store.get('output.gain' as never) === 4.5);
    await d.sessions.sessions.flush();
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ working: { params: { 'output.gain': 4.5 } } });
  });

  // A refused save never touches the backups: SessionFiles.writeNow writes and fsyncs the new
  // version before rotating, so the refusal comes first; a rotation that fails, or a rename of the
  // new version that fails after it, is undone. Versions one to three stay where they were.
  it('refused saves leave the rolling backups as they were', () => {
    expect(backupsBefore).toEqual({ 'full-disk.1.json': 'version three', 'full-disk.2.json': 'version two', 'full-disk.3.json': '' });
    expect(backupsWhileFull).toEqual(backupsBefore);
  });
});

describe.skipIf(mountProblem !== null)(`session saves on a file system gone read-only (EROFS, tmpfs remounted ro)${mountProblem === null ? '' : ` [skipped: ${mountProblem}]`}`, () => {
  let mount = '';
  let daemon: Daemon | undefined;
  const warnings: string[] = [];
  let osc: Awaited<ReturnType<typeof oscListener>>;
  let id = '';
  let firstRefusal: ErrorBody | undefined;
  const remount = (how: 'ro' | 'rw'): void => {
    const r = spawnSync('mount', ['-o', `remount,${how}`, mount], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  };

  beforeAll(async () => {
    const m = mountTmpfs('4m');
    if ('error' in m) throw new Error(m.error);
    mount = m.dir;
    daemon = await startIn(mount, warnings);
    osc = await oscListener();
  });
  afterAll(async () => {
    osc?.close();
    if (mount !== '') spawnSync('mount', ['-o', 'remount,rw', mount]);
    await daemon?.close();
    if (mount !== '') umount(mount);
  });

  it('the old file stays byte for byte, the API says the file system is read-only, the daemon runs on', { timeout: 60_000 }, async () => {
    const d = daemon as Daemon;
    const created = await api(d.httpUrl, 'POST', '/api/sessions', { name: 'Read only' });
    expect(created.status).toBe(201);
    id = (created.body as { id: string }).id;
    const file = join(mount, 'sessions', `${id}.json`);
    // The very first edit, before any backup exists (its message is checked by the test below).
    const before = await readFile(file);
    remount('ro');
    const first = await api(d.httpUrl, 'PATCH', `/api/sessions/${id}`, { notes: 'first edit on a read-only disk' });
    expect(first.status).toBe(500);
    firstRefusal = first.body as ErrorBody;
    expect(firstRefusal.error).toBe('SESSION_WRITE_FAILED');
    expect(Buffer.compare(await readFile(file), before)).toBe(0);
    remount('rw');
    expect((await api(d.httpUrl, 'PATCH', `/api/sessions/${id}`, { notes: 'version two' })).status).toBe(200);
    remount('ro');

    await checkRefusedSave({
      base: d.httpUrl,
      id,
      file,
      errno: /EROFS|read-only file system/i,
      applyInput: (v) => sendUdp(osc.socket, encodeFloatMessage('/detent/param/output.gain', v), d.oscPort),
      paramValue: async () => d.store.get('output.gain' as never) ?? NaN,
      whileRefused: async () => {
        await d.sessions.sessions.flush();
        expect(warnings.some((w) => /session autosave: .*(EROFS|read-only)/i.test(w))).toBe(true);
      },
      accept: async () => remount('rw'),
    });
  });

  // The first refusal names the real cause, EROFS, although no backup exists yet: the new version
  // is written (and refused) before sessions/.backups is needed, and that directory is made with a
  // plain mkdir, which reports EROFS (a recursive one reports ENOENT: nodejs/node#47098).
  it('the first refused save on a read-only disk says EROFS', () => {
    expect(firstRefusal?.message).toMatch(/EROFS|read-only file system/i);
  });
});

describe.skipIf(unprivilegedProblem !== null)(`session saves refused by permissions (EACCES, daemon unprivileged)${unprivilegedProblem === null ? '' : ` [skipped: ${unprivilegedProblem}]`}`, () => {
  let d: CliDaemon | undefined;
  let state = '';
  let osc: Awaited<ReturnType<typeof oscListener>>;
  const asRoot = process.getuid?.() === 0;

  beforeAll(async () => {
    state = await mkdtemp(join(tmpdir(), 'detent-fault-eacces-'));
    const config = join(state, 'config.json');
    await writeFile(config, JSON.stringify({ schemaVersion: 1, midi: { ports: false } }));
    if (asRoot) {
      await chown(state, NOBODY, NOBODY);
      await chown(config, NOBODY, NOBODY);
    }
    d = await startCli(state, config, [], { env: { ...process.env, HOME: state }, ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}) });
    osc = await oscListener();
  });
  afterAll(async () => {
    osc?.close();
    if (state !== '') await chmod(join(state, 'sessions'), 0o755).catch(() => undefined);
    await killCli(d);
  });

  it('the old file stays byte for byte, the API says permission was denied, the daemon runs on', { timeout: 60_000 }, async () => {
    const cli = d as CliDaemon;
    const created = await api(cli.url, 'POST', '/api/sessions', { name: 'No permission' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = (created.body as { id: string }).id;
    const sessions = join(state, 'sessions');
    const file = join(sessions, `${id}.json`);
    await chmod(sessions, 0o555);

    await checkRefusedSave({
      base: cli.url,
      id,
      file,
      errno: /EACCES|permission denied/i,
      applyInput: (v) => sendUdp(osc.socket, encodeFloatMessage('/detent/param/output.gain', v), cli.oscPort),
      paramValue: async () => ((await (await fetch(`${cli.url}/api/params/output.gain`)).json()) as { value: number }).value,
      accept: () => chmod(sessions, 0o755),
    });
    cli.child.kill('SIGTERM');
    expect((await cli.exited).code, cli.log().slice(-2000)).toBe(0);
  });
});
