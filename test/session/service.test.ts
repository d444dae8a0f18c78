import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../bridge/core/clock.js';
import { ParamStore } from '../../bridge/core/param/store.js';
import type { Session } from '../../bridge/session/model/schema.js';
import { Debounced } from '../../bridge/session/storage/debounce.js';
import { API, PARAMS, sessionRig, tempDir } from './fixtures.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const onDisk = async (dir: string, id: string) => JSON.parse(await readFile(join(dir, 'sessions', `${id}.json`), 'utf8')) as Session;

describe('autosave and reopen', () => {
  it('autosaves the working state of the open session and a restarted daemon reopens it', async () => {
    const dir = await tempDir();
    const first = await sessionRig({ dir });
    await first.sessions.sessions.create({ name: 'Job' });
    first.store.set('output.gain', -7.5, API);
    await first.sessions.sessions.flush();
    expect((await onDisk(dir, 'job')).working?.params['output.gain']).toBe(-7.5);
    await first.sessions.close();

    // A fresh store (defaults), as after a restart: the working state comes back.
    const store = new ParamStore(PARAMS, new ManualClock());
    const second = await sessionRig({ dir, store });
    expect(second.sessions.sessions.current?.id).toBe('job');
    expect(store.get('output.gain')).toBe(-7.5);
  });

  it('an older (v1) file opens, and its first save writes v2 with the v1 original kept as a backup', async () => {
    const dir = await tempDir();
    const v1 = JSON.stringify({ schemaVersion: 1, name: 'Old', created: '2025-01-01T00:00:00.000Z', modified: '2025-01-01T00:00:00.000Z', snapshots: { A: { 'input.gain': -2 } } });
    await mkdir(join(dir, 'sessions'), { recursive: true });
    await writeFile(join(dir, 'sessions', 'old.json'), v1);
    const rig = await sessionRig({ dir });
    expect((await rig.sessions.sessions.recall('old', 'A')).ok).toBe(true);
    expect(rig.store.get('input.gain')).toBe(-2);
    expect((await rig.sessions.sessions.storeSnapshot('old', { name: 'B' })).ok).toBe(true);
    expect((await onDisk(dir, 'old')).schemaVersion).toBe(2);
    expect(await readFile(join(dir, 'sessions', '.backups', 'old.1.json'), 'utf8')).toBe(v1);
  });
});

describe('debounce', () => {
  it('runs once after a quiet time, at the latest after maxWait, and flush runs at once', async () => {
    let runs = 0;
    const d = new Debounced(async () => void runs++, 40, 100, () => {});
    for (let i = 0; i < 5; i++) {
      d.poke();
      await sleep(10);
    }
    expect(runs).toBe(0);
    await sleep(60);
    expect(runs).toBe(1);
    for (let i = 0; i < 12; i++) {
      d.poke();
      await sleep(15);
    }
    expect(runs).toBeGreaterThanOrEqual(2);
    d.poke();
    await d.flush();
    expect(d.pending).toBe(false);
    const before = runs;
    await d.close();
    d.poke();
    await sleep(60);
    expect(runs).toBe(before);
  });
});
