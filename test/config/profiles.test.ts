import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileProfile, loadControllerProfileDirs, loadControllerProfiles, profileMatchesPeer } from '../../bridge/config/profile.js';
import { oscKey } from '../../bridge/core/routing/key.js';
import { put, tempDir } from './temp.js';

const SHIPPED = fileURLToPath(new URL('../../mappings/controllers', import.meta.url));

const profile = (id: string, controls: unknown[] = [{ id: 'fader/1', kind: 'absolute', osc: { address: '/f1' } }], extra: object = {}) => ({
  schemaVersion: 1,
  id,
  name: id,
  ...extra,
  controls,
});

const unitFeedback = (address: string, text: string | null = null) => ({ kind: 'osc', address, range: { min: 0, max: 1 }, text });

describe('controller profiles', () => {
  it('loads the shipped profiles with no problems', async () => {
    const r = await loadControllerProfiles(SHIPPED);
    expect(r.problems).toEqual([]);
    // The OSC apps; the MIDI device profiles are checked in test/midi/profiles.test.ts.
    expect(r.profiles.map((p) => p.profile.id).filter((id) => ['open-stage-control', 'touchosc-simple'].includes(id))).toEqual(['open-stage-control', 'touchosc-simple']);
  });

  it('compiles the TouchOSC faders and toggles to bindings with feedback to the same address', async () => {
    const r = await loadControllerProfiles(SHIPPED);
    const touch = r.profiles.find((p) => p.profile.id === 'touchosc-simple');
    expect(touch?.bindings.slice(0, 5)).toEqual(
      [1, 2, 3, 4, 5].map((n) => ({ control: `fader/${n}`, profile: 'touchosc-simple', input: oscKey(`/1/fader${n}`), decode: { kind: 'absolute', range: { min: 0, max: 1 } }, feedback: unitFeedback(`/1/fader${n}`) })),
    );
    expect(touch?.bindings.slice(5).map((b) => [b.control, b.input, b.decode.kind])).toEqual([
      ['button/shift', oscKey('/1/toggle1'), 'button'],
      ['button/fine', oscKey('/1/toggle2'), 'button'],
      ['button/mono', oscKey('/1/toggle3'), 'button'],
      ['button/width-reset', oscKey('/1/toggle4'), 'button'],
    ]);
  });

  it('compiles the Open Stage Control knobs (with text labels), encoders and buttons', async () => {
    const r = await loadControllerProfiles(SHIPPED);
    const osc = r.profiles.find((p) => p.profile.id === 'open-stage-control');
    const knobs = osc?.bindings.filter((b) => b.control.startsWith('knob/')) ?? [];
    expect(knobs.map((b) => b.input)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => oscKey(`/knob_${n}`)));
    expect(knobs[0]?.feedback).toEqual(unitFeedback('/knob_1', '/knob_1_value'));
    expect(osc?.bindings.find((b) => b.control === 'encoder/1')).toEqual({ control: 'encoder/1', profile: 'open-stage-control', input: oscKey('/encoder_1'), decode: { kind: 'relative' }, feedback: null });
    expect(osc?.bindings.filter((b) => b.decode.kind === 'button').map((b) => b.control)).toEqual(['button/shift', 'button/fine', 'button/page-next', 'button/page-previous', 'button/mono', 'button/width-reset']);
  });

  it('fills defaults and compiles feedback: true, false, or an object overriding address, range and text', async () => {
    const dir = await tempDir();
    await put(join(dir, 'p.json'), profile('p', [
      { id: 'knob/1', kind: 'absolute', osc: { address: '/k1' } },
      { id: 'knob/2', kind: 'absolute', osc: { address: '/k2', feedback: false } },
      { id: 'knob/3', kind: 'absolute', osc: { address: '/k3', range: { min: 0, max: 127 } } },
      { id: 'knob/4', kind: 'absolute', osc: { address: '/k4', range: { min: 0, max: 127 }, feedback: { address: '/k4/ring', text: '/k4/label' } } },
      { id: 'encoder/1', kind: 'relative', osc: { address: '/e1', feedback: { range: { min: 0, max: 11 } } } },
      { id: 'button/1', kind: 'button', osc: { address: '/b1', feedback: true } },
    ]));
    const [p] = (await loadControllerProfiles(dir)).profiles;
    expect(p?.profile.match).toEqual({});
    expect(p?.bindings.map((b) => [b.decode, b.feedback])).toEqual([
      [{ kind: 'absolute', range: { min: 0, max: 1 } }, unitFeedback('/k1')],
      [{ kind: 'absolute', range: { min: 0, max: 1 } }, null],
      [{ kind: 'absolute', range: { min: 0, max: 127 } }, { kind: 'osc', address: '/k3', range: { min: 0, max: 127 }, text: null }],
      [{ kind: 'absolute', range: { min: 0, max: 127 } }, { kind: 'osc', address: '/k4/ring', range: { min: 0, max: 127 }, text: '/k4/label' }],
      [{ kind: 'relative' }, { kind: 'osc', address: '/e1', range: { min: 0, max: 11 }, text: null }],
      [{ kind: 'button' }, unitFeedback('/b1')],
    ]);
    expect(Object.isFrozen(p?.profile.controls[1]?.osc)).toBe(true);
    expect(Object.isFrozen(p?.bindings[0]?.feedback)).toBe(true);
    expect(compileProfile(p!.profile)).toEqual(p?.bindings);
  });

  it('reports each bad file with file and JSON path; good files still load', async () => {
    const dir = await tempDir();
    await put(join(dir, 'a-good.json'), profile('good'));
    const bad = await put(join(dir, 'b-bad.json'), profile('bad', [
      { id: 'Fader 1', kind: 'absolute', osc: { address: 'f1', feedback: 'yes' } },
      { id: 'encoder/1', kind: 'relative', osc: { address: '/e1', range: { min: 0, max: 1 } } },
      { id: 'knob/1', kind: 'rotary', osc: { address: '/k1' } },
      { id: 'knob/2', kind: 'absolute', osc: { address: '/k2', feedback: { text: 'label' } } },
    ]));
    const broken = await put(join(dir, 'c-broken.json'), '{ "schemaVersion": 1,\n  "id": }');
    await put(join(dir, 'notes.txt'), 'ignored');
    const r = await loadControllerProfiles(dir);
    expect(r.profiles.map((p) => p.profile.id)).toEqual(['good']);
    expect(r.problems).toEqual([
      { file: bad, path: '/controls/0/id', message: expect.stringMatching(/^expected string like "fader\/1" \(pattern .*\), got "Fader 1"$/) },
      { file: bad, path: '/controls/0/osc/address', message: expect.stringContaining('got "f1"') },
      { file: bad, path: '/controls/0/osc/feedback', message: expect.stringMatching(/^expected one of true or false, an object, got "yes"$/) },
      { file: bad, path: '/controls/1/osc/range', message: 'unknown property (allowed: address, feedback)' },
      { file: bad, path: '/controls/2/kind', message: 'expected one of "absolute", "relative", "button", got "rotary"' },
      { file: bad, path: '/controls/3/osc/feedback/text', message: expect.stringContaining('got "label"') },
      { file: broken, path: '', position: { line: 2, column: 9 }, message: 'invalid JSON: unexpected character "}", expected a value' },
    ]);
  });

  it('reports duplicate control ids and addresses, empty ranges, and duplicate profile ids', async () => {
    const dir = await tempDir();
    const dup = await put(join(dir, 'a.json'), profile('a', [
      { id: 'fader/1', kind: 'absolute', osc: { address: '/f1', range: { min: 1, max: 1 } } },
      { id: 'fader/1', kind: 'button', osc: { address: '/f1', feedback: { range: { min: 5, max: 5 } } } },
    ]));
    const first = await put(join(dir, 'b.json'), profile('same'));
    const second = await put(join(dir, 'c.json'), profile('same'));
    const r = await loadControllerProfiles(dir);
    expect(r.profiles.map((p) => p.file)).toEqual([first]);
    expect(r.problems).toEqual([
      { file: dup, path: '/controls/0/osc/range', message: 'empty range: min and max are both 1' },
      { file: dup, path: '/controls/1/id', message: 'duplicate control id "fader/1" (also /controls/0/id)' },
      { file: dup, path: '/controls/1/osc/address', message: 'address /f1 already used by /controls/0' },
      { file: dup, path: '/controls/1/osc/feedback/range', message: 'empty range: min and max are both 5' },
      { file: second, path: '/id', message: `duplicate profile id "same" (also in ${first})` },
    ]);
  });

  it('loads several directories in order; a missing optional one is empty, a missing required one a problem', async () => {
    const [a, b] = [await tempDir(), await tempDir()];
    await put(join(a, 'x.json'), profile('x'));
    const dupe = await put(join(b, 'x.json'), profile('x'));
    await put(join(b, 'y.json'), profile('y'));
    const r = await loadControllerProfileDirs([{ path: a }, { path: b }, { path: join(b, 'none'), optional: true }]);
    expect(r.profiles.map((p) => p.profile.id)).toEqual(['x', 'y']);
    expect(r.problems).toEqual([{ file: dupe, path: '/id', message: expect.stringContaining('duplicate profile id "x"') }]);
    const missing = join(a, 'nope');
    expect((await loadControllerProfileDirs([{ path: missing }])).problems).toEqual([{ file: missing, path: '', message: expect.stringContaining('cannot read the profile directory') }]);
  });

  it('matches peers by host or host:port; no peers matches everyone', async () => {
    const dir = await tempDir();
    await put(join(dir, 'a.json'), profile('a', undefined, { match: { osc: { peers: ['192.168.1.20', '10.0.0.5:9000', '::1'] } } }));
    await put(join(dir, 'b.json'), profile('b'));
    const [a, b] = (await loadControllerProfiles(dir)).profiles.map((p) => p.profile);
    expect(['192.168.1.20:53000', '10.0.0.5:9000', '10.0.0.5:9001', '::1:4000', '127.0.0.1:1'].map((peer) => profileMatchesPeer(a!, peer))).toEqual([true, true, false, true, false]);
    expect(profileMatchesPeer(b!, '127.0.0.1:1')).toBe(true);
  });
});
