import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newSession } from '../../bridge/session/model/edit.js';
import { EMPTY_RIG, type Session } from '../../bridge/session/model/schema.js';
import { backupFile, listBackups } from '../../bridge/session/storage/backups.js';
import { SessionFiles } from '../../bridge/session/storage/files.js';
import { acquireLock } from '../../bridge/session/storage/lock.js';
import { API, sessionRig, tempDir } from './fixtures.js';

const session = (id: string, gain: number, now = '2026-03-01T10:00:00.000Z'): Session =>
  newSession({ id, name: id, params: { 'input.gain': gain }, loudness: null, rig: EMPTY_RIG, now });

describe('session files', () => {
  it('writes atomically: whole JSON, no temporary left, readable back', async () => {
    const dir = await tempDir();
    const files = new SessionFiles(dir);
    expect((await files.write(session('job', -1), { backup: true })).ok).toBe(true);
    const r = await files.read('job');
    expect(r.kind).toBe('ok');
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(JSON.parse(await readFile(join(dir, 'job.json'), 'utf8'))).toMatchObject({ schemaVersion: 2, id: 'job' });
  });

  it('keeps 3 rolling backups, newest first', async () => {
    const dir = await tempDir();
    const files = new SessionFiles(dir, 3);
    for (let g = 1; g <= 5; g++) expect((await files.write(session('job', -g), { backup: true })).ok).toBe(true);
    const backups = await listBackups(dir, 'job');
    expect(backups).toEqual([1, 2, 3].map((n) => backupFile(dir, 'job', n)));
    const gains = await Promise.all(backups.map(async (b) => (JSON.parse(await readFile(b, 'utf8')) as Session).tracks[0]?.snapshots[0]?.params['input.gain']));
    expect(gains).toEqual([-4, -3, -2]);
    // An autosave-style write rotates nothing.
    await files.write(session('job', -6), { backup: false });
    expect((JSON.parse(await readFile(backups[0] ?? '', 'utf8')) as Session).tracks[0]?.snapshots[0]?.params['input.gain']).toBe(-4);
  });

  it('backups are not hard links the session file still shares: editing it in place changes no backup', async () => {
    const dir = await tempDir();
    const files = new SessionFiles(dir, 3);
    for (let g = 1; g <= 3; g++) expect((await files.write(session('job', -g), { backup: true })).ok).toBe(true);
    const before = await Promise.all((await listBackups(dir, 'job')).map((b) => readFile(b, 'utf8')));
    await writeFile(join(dir, 'job.json'), JSON.stringify({ ...session('job', -9), notes: 'edited in place' }, null, 2));
    expect(await Promise.all((await listBackups(dir, 'job')).map((b) => readFile(b, 'utf8')))).toEqual(before);
  });

  it('a save whose backup cannot be made fails and changes nothing (the new version was written first, then discarded)', async () => {
    const dir = await tempDir();
    const files = new SessionFiles(dir, 3);
    await files.write(session('job', -1), { backup: true });
    const before = await readFile(join(dir, 'job.json'), 'utf8');
    await writeFile(join(dir, '.backups'), 'a file where the backups directory should be');
    const w = await files.write(session('job', -2), { backup: true });
    expect(w.ok ? '' : w.error.message).toMatch(/ENOTDIR.*\(the previous version is intact\)/);
    expect(await readFile(join(dir, 'job.json'), 'utf8')).toBe(before);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a corrupt file is reported with path and field and never overwritten', async () => {
    const dir = await tempDir();
    const files = new SessionFiles(dir);
    await files.write(session('job', -1), { backup: true });
    const broken = (await readFile(join(dir, 'job.json'), 'utf8')).replace('"input.gain": -1', '"input.gain": "loud"');
    await writeFile(join(dir, 'job.json'), broken);
    const before = await stat(join(dir, 'job.json'));
    const listed = await files.list();
    expect(listed.sessions).toEqual([]);
    expect(listed.invalid).toEqual([{ id: 'job', file: join(dir, 'job.json'), problems: [{ file: join(dir, 'job.json'), path: '/tracks/0/snapshots/0/params/input.gain', message: 'expected number, got "loud"' }] }]);
    const w = await files.write(session('job', -2), { backup: true });
    expect(w.ok).toBe(false);
    if (!w.ok) {
      expect(w.error.code).toBe('SESSION_FILE_INVALID');
      expect(w.error.message).toContain(join(dir, 'job.json'));
      expect(w.error.message).toContain('/tracks/0/snapshots/0/params/input.gain');
    }
    expect(await readFile(join(dir, 'job.json'), 'utf8')).toBe(broken);
    expect((await stat(join(dir, 'job.json'))).mtimeMs).toBe(before.mtimeMs);
  });

  it('a file larger than a Detent file may be (a sparse 40 MiB one) is reported with its size, unread, and never overwritten', async () => {
    const dir = await tempDir();
    const files = new SessionFiles(dir);
    const file = join(dir, 'huge.json');
    await writeFile(file, '{');
    await truncate(file, 40 * 1024 * 1024);
    const listed = await files.list();
    expect(listed.invalid).toEqual([{ id: 'huge', file, problems: [{ file, path: '', message: 'file is 40.0 MiB, larger than the 32 MiB a Detent file may be' }] }]);
    const w = await files.write(session('huge', -2), { backup: true });
    expect(w.ok).toBe(false);
    expect((await stat(file)).size).toBe(40 * 1024 * 1024);
  });

  it('a valid file edited by hand is backed up before an autosave overwrites it', async () => {
    const dir = await tempDir();
    const files = new SessionFiles(dir);
    await files.write(session('job', -1), { backup: false });
    const edited = JSON.stringify({ ...session('job', -9), notes: 'hand edit' }, null, 2);
    await writeFile(join(dir, 'job.json'), edited);
    await files.write(session('job', -2), { backup: false });
    expect(await readFile(backupFile(dir, 'job', 1), 'utf8')).toBe(edited);
  });

  it('ignores names that are not session ids and removes temporaries a killed writer left', async () => {
    const dir = await tempDir();
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'Bad Name.json'), '{}');
    await writeFile(join(dir, '.job.json.123.abcd.tmp'), '{"half');
    await writeFile(join(dir, `.lock.${process.pid}.abcd.tmp`), 'a live taker');
    await mkdir(join(dir, '.backups'));
    await writeFile(join(dir, '.backups', '.job.1.json.123.tmp'), '{"half');
    const files = new SessionFiles(dir);
    expect(await files.ids()).toEqual([]);
    expect(await files.removeStaleTemporaries()).toBe(2);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([`.lock.${process.pid}.abcd.tmp`]);
    expect(() => files.fileOf('../etc/passwd')).toThrow(RangeError);
  });
});

describe('the state directory lock', () => {
  it('a second service on the same dir refuses to write and names the holder', async () => {
    const first = await sessionRig();
    const created = await first.sessions.sessions.create({ name: 'Job' });
    expect(created.ok).toBe(true);
    const second = await sessionRig({ dir: first.dir });
    expect(second.sessions.sessions.writable).toBe(false);
    const list = await second.sessions.sessions.list();
    expect(list.writable).toBe(false);
    expect(list.lock).toContain(`pid ${process.pid}`);
    expect(list.sessions.map((s) => s.id)).toEqual(['job']);
    const refused = await second.sessions.sessions.create({ name: 'Other' });
    expect(refused.ok ? '' : refused.error.code).toBe('SESSION_STORE_LOCKED');
    const store = await second.sessions.sessions.storeSnapshot('job', { name: 'B' });
    expect(store.ok ? '' : store.error.message).toMatch(/held by pid \d+ on .* \(started /);
    // Reading and recalling still work.
    expect((await second.sessions.sessions.recall('job', 'A')).ok).toBe(true);
    // Nothing autosaves from the refused one.
    second.store.set('input.gain', -5, API);
    await second.sessions.sessions.flush();
    const onDisk = JSON.parse(await readFile(join(first.dir, 'sessions', 'job.json'), 'utf8')) as Session;
    expect(onDisk.working?.params['input.gain']).toBe(0);
  });

  it('takes over a stale lock of a dead process, and releases its own on close', async () => {
    const dir = await tempDir();
    const dead = spawnSync(process.execPath, ['-e', '']).pid ?? 999999;
    const file = join(dir, 'sessions', '.lock');
    await mkdir(join(dir, 'sessions'), { recursive: true });
    await writeFile(file, JSON.stringify({ pid: dead, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z', token: 'old' }));
    const rig = await sessionRig({ dir });
    expect(rig.sessions.sessions.writable).toBe(true);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ pid: process.pid });
    await rig.sessions.close();
    await expect(stat(file)).rejects.toThrow();
  });

  it('a lock naming this pid with another start time is a previous incarnation (a restarted container): taken over', async () => {
    const dir = await tempDir();
    const file = join(dir, '.lock');
    await writeFile(file, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: '2020-01-01T00:00:00.000Z', token: 'old' }));
    const r = await acquireLock(file);
    expect(r.kind).toBe('acquired');
    // The same process taking it twice (two services): held.
    expect((await acquireLock(file)).kind).toBe('held');
  });

  it('an unwritable state dir: the lock fails and the service runs read-only instead of failing the daemon', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'sessions'), 'a file where the directory should be');
    const r = await acquireLock(join(dir, 'sessions', '.lock'));
    expect(r.kind).toBe('failed');
    const rig = await sessionRig({ dir });
    expect((await rig.sessions.sessions.list()).lock).toMatch(/^cannot take .*: this daemon reads/);
  });

  it('a lock from another host, or an unreadable one, counts as held', async () => {
    const dir = await tempDir();
    const file = join(dir, '.lock');
    await writeFile(file, JSON.stringify({ pid: 1, host: 'elsewhere', startedAt: 'x', token: 't' }));
    expect((await acquireLock(file)).kind).toBe('held');
    await writeFile(file, 'garbage');
    const r = await acquireLock(file);
    expect(r.kind === 'held' && r.holder).toBeNull();
  });
});
