import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { checkSession } from '../../bridge/session/model/check.js';
import { migrate, MIGRATIONS, type Migration } from '../../bridge/session/model/migrate.js';
import { SESSION_SCHEMA_VERSION } from '../../bridge/session/model/schema.js';
import { v1ToV2 } from '../../bridge/session/model/v1.js';

const V1 = {
  schemaVersion: 1,
  name: 'Old job',
  client: 'Smith',
  created: '2025-01-01T09:00:00.000Z',
  modified: '2025-01-02T09:00:00.000Z',
  delivery: 'apple-music',
  snapshots: { A: { 'input.gain': -2 }, loud: { 'input.gain': 3, 'output.gain': -1 } },
};

describe('migrations', () => {
  it('the chain reaches the current version with one step per version', () => {
    expect(MIGRATIONS.map((m) => m.from)).toEqual(Array.from({ length: SESSION_SCHEMA_VERSION - 1 }, (_, i) => i + 1));
  });

  it('v1 (single track) becomes a valid v2 session with the same snapshots, in order', () => {
    const r = checkSession(structuredClone(V1), 'old-job', '/s/old-job.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.migratedFrom).toBe(1);
    const s = r.session;
    expect(s).toMatchObject({ schemaVersion: 2, id: 'old-job', name: 'Old job', client: 'Smith', createdAt: V1.created, modifiedAt: V1.modified });
    expect(s.delivery).toEqual({ preset: 'apple-music', lufs: -16, truePeakDb: -1 });
    expect(s.tracks).toHaveLength(1);
    expect(s.tracks[0]?.snapshots.map((x) => [x.name, x.params, x.takenAt])).toEqual([
      ['A', { 'input.gain': -2 }, V1.modified],
      ['loud', { 'input.gain': 3, 'output.gain': -1 }, V1.modified],
    ]);
    expect(s.current).toEqual({ track: 'main', snapshot: 'A' });
  });

  it('steps are pure: the input is not changed, the same input gives the same output', () => {
    const input = structuredClone(V1);
    const a = migrate(input, 'x', 'f');
    const b = migrate(input, 'x', 'f');
    expect(input).toEqual(V1);
    expect(a).toEqual(b);
    expect(v1ToV2({ ...V1, notes: '', snapshots: {} } as Parameters<typeof v1ToV2>[0], 'x')).toMatchObject({ current: { snapshot: null } });
  });

  it('a bad v1 file is reported at its own paths, naming the version', () => {
    const r = checkSession({ ...V1, snapshots: { A: { 'input.gain': 'x' } }, extra: 1 }, 'old', 'f');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path).sort()).toEqual(['/extra', '/snapshots/A/input.gain']);
    expect(r.problems.every((p) => p.message.includes('schema version 1'))).toBe(true);
  });

  it('refuses a newer version, a missing version and a non-object, at /schemaVersion or the root', () => {
    const newer = migrate({ schemaVersion: SESSION_SCHEMA_VERSION + 1 }, 'x', 'f');
    expect(newer.ok ? '' : newer.problems[0]?.message).toMatch(/newer Detent/);
    expect(newer.ok ? '' : newer.problems[0]?.path).toBe('/schemaVersion');
    const none = migrate({ name: 'x' }, 'x', 'f');
    expect(none.ok ? '' : none.problems[0]?.path).toBe('/schemaVersion');
    const arr = migrate([], 'x', 'f');
    expect(arr.ok ? '' : arr.problems[0]?.path).toBe('');
    const old = migrate({ schemaVersion: 0 }, 'x', 'f');
    expect(old.ok ? '' : old.problems[0]?.message).toMatch(/too old/);
  });

  it("runs a longer chain in order (each step sees the previous one's output)", () => {
    const chain: Migration[] = [
      { from: 1, schema: Type.Object({ schemaVersion: Type.Literal(1), a: Type.Number() }), up: (v) => ({ schemaVersion: 2, b: (v as { a: number }).a * 2 }) },
      { from: 2, schema: Type.Object({ schemaVersion: Type.Literal(2), b: Type.Number() }), up: (v) => ({ schemaVersion: 3, c: (v as { b: number }).b + 1 }) },
    ];
    expect(migrate({ schemaVersion: 1, a: 5 }, 'x', 'f', chain, 3)).toEqual({ ok: true, value: { schemaVersion: 3, c: 11 }, from: 1 });
    expect(migrate({ schemaVersion: 2, b: 5 }, 'x', 'f', chain, 3)).toEqual({ ok: true, value: { schemaVersion: 3, c: 6 }, from: 2 });
    expect(migrate({ schemaVersion: 3, c: 0 }, 'x', 'f', chain, 3)).toEqual({ ok: true, value: { schemaVersion: 3, c: 0 }, from: 3 });
  });
});
