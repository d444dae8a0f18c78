import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileProfile, loadControllerProfiles } from '../../bridge/config/profile.js';
import { oscKey } from '../../bridge/core/routing/key.js';
import { put, tempDir } from './temp.js';

const SHIPPED = fileURLToPath(new URL('../../mappings/controllers', import.meta.url));

const profile = (id: string, controls: unknown[] = [{ id: 'fader/1', kind: 'absolute', osc: { address: '/f1' } }]) => ({
  schemaVersion: 1,
  id,
  name: id,
  controls,
});

describe('controller profiles', () => {
  it('loads the shipped profiles with no problems', async () => {
    const r = await loadControllerProfiles(SHIPPED);
    expect(r.problems).toEqual([]);
    expect(r.profiles.map((p) => p.profile.id)).toEqual(['open-stage-control', 'touchosc-simple']);
  });

  it('compiles the TouchOSC faders to bindings with feedback to the same address', async () => {
    const r = await loadControllerProfiles(SHIPPED);
    const touch = r.profiles.find((p) => p.profile.id === 'touchosc-simple');
    expect(touch?.bindings).toEqual(
      [1, 2, 3, 4, 5].map((n) => ({ control: `fader/${n}`, input: oscKey(`/1/fader${n}`), feedbackAddress: `/1/fader${n}`, decode: { kind: 'absolute' } })),
    );
    const osc = r.profiles.find((p) => p.profile.id === 'open-stage-control');
    expect(osc?.bindings.filter((b) => b.control.startsWith('knob/')).map((b) => b.input)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => oscKey(`/knob_${n}`)),
    );
  });

  it('fills defaults (feedback on, match empty) and compiles feedback off to no address', async () => {
    const dir = await tempDir();
    await put(join(dir, 'p.json'), profile('p', [
      { id: 'knob/1', kind: 'absolute', osc: { address: '/k1' } },
      { id: 'knob/2', kind: 'absolute', osc: { address: '/k2', feedback: false } },
    ]));
    const [p] = (await loadControllerProfiles(dir)).profiles;
    expect(p?.profile.match).toEqual({});
    expect(p?.profile.controls[0]?.osc.feedback).toBe(true);
    expect(p?.bindings.map((b) => b.feedbackAddress)).toEqual(['/k1', undefined]);
    expect(Object.isFrozen(p?.profile.controls[1]?.osc)).toBe(true);
    expect(Object.isFrozen(p?.bindings[0])).toBe(true);
    expect(compileProfile(p!.profile)).toEqual(p?.bindings);
  });

  it('reports each bad file with file and JSON path; good files still load', async () => {
    const dir = await tempDir();
    await put(join(dir, 'a-good.json'), profile('good'));
    const bad = await put(join(dir, 'b-bad.json'), profile('bad', [{ id: 'Fader 1', kind: 'relative', osc: { address: 'f1', feedback: 'yes' } }]));
    const broken = await put(join(dir, 'c-broken.json'), '{ "schemaVersion": 1,\n  "id": }');
    await put(join(dir, 'notes.txt'), 'ignored');
    const r = await loadControllerProfiles(dir);
    expect(r.profiles.map((p) => p.profile.id)).toEqual(['good']);
    expect(r.problems).toEqual([
      { file: bad, path: '/controls/0/id', message: expect.stringMatching(/^expected string like "fader\/1" \(pattern .*\), got "Fader 1"$/) },
      { file: bad, path: '/controls/0/kind', message: 'expected "absolute", got "relative"' },
      { file: bad, path: '/controls/0/osc/address', message: expect.stringContaining('got "f1"') },
      { file: bad, path: '/controls/0/osc/feedback', message: 'expected true or false, got "yes"' },
      { file: broken, path: '', position: { line: 2, column: 9 }, message: 'invalid JSON: unexpected character "}", expected a value' },
    ]);
  });

  it('reports duplicate control ids and addresses within a profile, and duplicate profile ids', async () => {
    const dir = await tempDir();
    const dup = await put(join(dir, 'a.json'), profile('a', [
      { id: 'fader/1', kind: 'absolute', osc: { address: '/f1' } },
      { id: 'fader/1', kind: 'absolute', osc: { address: '/f1' } },
    ]));
    const first = await put(join(dir, 'b.json'), profile('same'));
    const second = await put(join(dir, 'c.json'), profile('same'));
    const r = await loadControllerProfiles(dir);
    expect(r.profiles.map((p) => p.file)).toEqual([first]);
    expect(r.problems).toEqual([
      { file: dup, path: '/controls/1/id', message: 'duplicate control id "fader/1" (also /controls/0/id)' },
      { file: dup, path: '/controls/1/osc/address', message: 'address /f1 already used by /controls/0' },
      { file: second, path: '/id', message: `duplicate profile id "same" (also in ${first})` },
    ]);
  });

  it('reports a missing directory without throwing', async () => {
    const dir = join(await tempDir(), 'nope');
    const r = await loadControllerProfiles(dir);
    expect(r.profiles).toEqual([]);
    expect(r.problems).toEqual([{ file: dir, path: '', message: expect.stringContaining('cannot read the profile directory') }]);
  });
});
