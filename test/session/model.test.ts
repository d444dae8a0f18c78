import { describe, expect, it } from 'vitest';
import { checkSession, checkSessionText } from '../../bridge/session/model/check.js';
import { delivery, DELIVERY_PRESET_IDS, DELIVERY_PRESETS } from '../../bridge/session/model/delivery.js';
import { addTrack, newSession, snapshot, snapshotOf, withInfo, withSnapshot } from '../../bridge/session/model/edit.js';
import { isSlug, slugify, uniqueSlug } from '../../bridge/session/model/names.js';
import { EMPTY_RIG, type Session } from '../../bridge/session/model/schema.js';

const NOW = '2026-03-01T10:00:00.000Z';
const LATER = '2026-03-02T11:00:00.000Z';
const base = (): Session => newSession({ id: 'smith-album', name: 'Smith – Album', params: { 'input.gain': -3, 'eq.band1.freq': 250 }, loudness: -14.2, rig: EMPTY_RIG, now: NOW });
const check = (v: unknown, id = 'smith-album') => checkSession(v, id, `/s/${id}.json`);
const roundTrip = (s: Session) => JSON.parse(JSON.stringify(s)) as Record<string, unknown>;

describe('session model', () => {
  it('a new session holds the current state as snapshot A of its first track and passes its own schema', () => {
    const s = base();
    expect(s.tracks).toHaveLength(1);
    expect(s.tracks[0]?.snapshots[0]).toEqual({ name: 'A', takenAt: NOW, notes: '', params: { 'input.gain': -3, 'eq.band1.freq': 250 }, loudness: -14.2 });
    expect(s.current).toEqual({ track: 'smith-album', snapshot: 'A' });
    const r = check(roundTrip(s));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.session).toEqual(s);
  });

  it('fills defaults of a minimal file', () => {
    const r = check({
      schemaVersion: 2,
      id: 'min',
      name: 'Minimal',
      createdAt: NOW,
      modifiedAt: NOW,
      tracks: [{ id: 't1', name: 'Track 1' }],
    }, 'min');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.session).toMatchObject({ client: '', notes: '', delivery: { preset: 'spotify', lufs: -14, truePeakDb: -1 }, current: { track: null, snapshot: null }, working: null, rig: EMPTY_RIG });
    expect(r.session.tracks[0]).toEqual({ id: 't1', name: 'Track 1', notes: '', delivery: null, snapshots: [] });
    expect(Object.isFrozen(r.session.tracks[0])).toBe(true);
  });

  it('reports every violation with its path, and unknown properties', () => {
    const bad = roundTrip(base());
    bad['colour'] = 'red';
    const tracks = bad['tracks'] as Record<string, unknown>[];
    const snaps = tracks[0]?.['snapshots'] as Record<string, unknown>[];
    (snaps[0] as Record<string, unknown>)['params'] = { 'input.gain': 'loud', '../etc': 1 };
    (snaps[0] as Record<string, unknown>)['takenAt'] = 'yesterday';
    bad['delivery'] = { preset: 'napster', lufs: -14, truePeakDb: -1 };
    const r = check(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.problems.map((p) => p.path);
    expect(paths).toContain('/colour');
    expect(paths).toContain('/tracks/0/snapshots/0/params/input.gain');
    expect(paths).toContain('/tracks/0/snapshots/0/params/..~1etc');
    expect(paths).toContain('/tracks/0/snapshots/0/takenAt');
    expect(paths.some((p) => p.startsWith('/delivery'))).toBe(true);
    for (const p of r.problems) expect(p.file).toBe('/s/smith-album.json');
  });

  it('checks what the schema cannot: id = file name, unique track ids and snapshot names, current exists', () => {
    const s = roundTrip(base());
    const t = (s['tracks'] as Record<string, unknown>[])[0] as Record<string, unknown>;
    const snaps = t['snapshots'] as unknown[];
    s['tracks'] = [t, { ...t, snapshots: [snaps[0], snaps[0]] }];
    s['current'] = { track: 'smith-album', snapshot: 'Z' };
    const r = check(s, 'other');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path)).toEqual(['/id', '/tracks/1/id', '/tracks/1/snapshots/1/name', '/current/snapshot']);
  });

  it('reports JSON syntax errors with line and column, and an empty file', () => {
    const r = checkSessionText('{\n  "schemaVersion": 2,\n  "name": }', 'x', '/s/x.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.position).toEqual({ line: 3, column: 11 });
    const empty = checkSessionText('', 'x', '/s/x.json');
    expect(empty.ok).toBe(false);
  });
});

describe('names', () => {
  it('slugs are the path-traversal guard', () => {
    for (const bad of ['', '..', '../x', 'a/b', 'a\\b', 'A', 'a.json', '-a', 'a-', 'a b', 'é', 'a\u0000', 'x'.repeat(65)]) expect(isSlug(bad), bad).toBe(false);
    for (const good of ['a', 'smith-album', '2026', 'x'.repeat(64)]) expect(isSlug(good), good).toBe(true);
  });

  it('slugify folds accents and punctuation; uniqueSlug appends a counter', () => {
    expect(slugify('Smith – Album (Rémaster 2026)')).toBe('smith-album-remaster-2026');
    expect(slugify('../../etc/passwd')).toBe('etc-passwd');
    expect(slugify('!!!')).toBe('');
    const taken = new Set(['job', 'job-2']);
    expect(uniqueSlug('job', (x) => taken.has(x))).toBe('job-3');
    expect(uniqueSlug('', () => false)).toBe('session');
    expect(isSlug(uniqueSlug('x'.repeat(64), (x) => x.length === 64 && !x.includes('-')))).toBe(true);
  });
});

describe('edits', () => {
  it('store a snapshot; an existing name needs replace; the input is never changed', () => {
    const s = base();
    const b = withSnapshot(s, undefined, snapshot('B', { 'input.gain': -6 }, null, LATER), false, LATER);
    expect(b.ok).toBe(true);
    if (!b.ok) return;
    expect(b.value.tracks[0]?.snapshots.map((x) => x.name)).toEqual(['A', 'B']);
    expect(b.value.current.snapshot).toBe('B');
    expect(b.value.modifiedAt).toBe(LATER);
    expect(s.tracks[0]?.snapshots).toHaveLength(1);
    const again = withSnapshot(b.value, undefined, snapshot('A', {}, null, LATER), false, LATER);
    expect(again.ok ? '' : again.error.code).toBe('SNAPSHOT_EXISTS');
    const replaced = withSnapshot(b.value, undefined, snapshot('A', { 'input.gain': 1 }, null, LATER), true, LATER);
    expect(replaced.ok && replaced.value.tracks[0]?.snapshots[0]?.params).toEqual({ 'input.gain': 1 });
  });

  it('tracks, info, look-ups', () => {
    const { session, track } = addTrack(base(), 'Smith Album', LATER);
    expect(track.id).toBe('smith-album-2');
    expect(session.current).toEqual({ track: 'smith-album-2', snapshot: null });
    expect(snapshotOf(session, 'A').ok).toBe(false);
    expect(snapshotOf(session, 'A', 'smith-album').ok).toBe(true);
    const missing = snapshotOf(session, 'A', 'nope');
    expect(missing.ok ? '' : missing.error.code).toBe('TRACK_NOT_FOUND');
    const edited = withInfo(session, { client: 'Smith', name: undefined }, LATER);
    expect(edited.name).toBe('Smith – Album');
    expect(edited.client).toBe('Smith');
    expect(check(roundTrip(edited)).ok).toBe(true);
  });
});

describe('delivery targets', () => {
  it('presets carry the published figures; custom takes figures', () => {
    expect(delivery('spotify')).toEqual({ preset: 'spotify', lufs: -14, truePeakDb: -1 });
    expect(delivery('apple-music')).toEqual({ preset: 'apple-music', lufs: -16, truePeakDb: -1 });
    expect(delivery('youtube')).toEqual({ preset: 'youtube', lufs: -14, truePeakDb: -1 });
    expect(delivery('amazon')).toEqual({ preset: 'amazon', lufs: -14, truePeakDb: -2 });
    expect(delivery('cd').lufs).toBeNull();
    expect(delivery('vinyl').lufs).toBeNull();
    expect(delivery('custom', { lufs: -9, truePeakDb: -0.5 })).toEqual({ preset: 'custom', lufs: -9, truePeakDb: -0.5 });
    expect(DELIVERY_PRESET_IDS).toEqual(Object.keys(DELIVERY_PRESETS));
  });
});
