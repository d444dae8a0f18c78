import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { loadControllerProfileDirs } from '../../bridge/config/profile.js';
import { midiPortRule } from '../../bridge/config/profile-midi-compile.js';
import { profilesFor } from '../../bridge/drivers/midi/match.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('shipped MIDI device profiles', async () => {
  const load = await loadControllerProfileDirs([{ path: `${root}mappings/controllers` }]);
  const midi = load.profiles.filter((p) => p.profile.match.midi !== undefined);

  it('at least eight load and validate, each citing its factory map', () => {
    expect(load.problems).toEqual([]);
    expect(midi.length).toBeGreaterThanOrEqual(8);
    for (const p of midi) expect(p.profile.description ?? '', p.profile.id).toMatch(/manual|Guide|Reference|protocol|preset|spec/i);
  });

  it('validate against the shipped JSON Schema too (what an editor checks)', async () => {
    const schema = new Ajv({ strict: false, allErrors: true }).compile(JSON.parse(await readFile(`${root}mappings/schema/controller-profile.schema.json`, 'utf8')) as object);
    for (const p of midi) {
      const ok = schema(JSON.parse(await readFile(p.file, 'utf8')));
      expect(ok, `${p.file}: ${JSON.stringify(schema.errors)}`).toBe(true);
    }
  });

  it('each names controls of the mastering set, so the default set maps it', () => {
    for (const p of midi) expect(p.profile.controls.some((c) => /^(fader|knob|encoder)\/\d$/.test(c.id)), p.profile.id).toBe(true);
  });

  it('port names pick the right profile', () => {
    const rules = midi.flatMap((p) => midiPortRule(p.profile) ?? []);
    expect(profilesFor(rules, 'nanoKONTROL2:nanoKONTROL2 MIDI 1 20:0', 'input')).toEqual(['korg-nanokontrol2']);
    expect(profilesFor(rules, 'X-Touch:X-Touch MIDI 1 24:0', 'input')).toEqual(['behringer-x-touch-mc']);
    expect(profilesFor(rules, 'X-TOUCH MINI:X-TOUCH MINI MIDI 1 28:0', 'input').sort()).toEqual(['behringer-x-touch-mini', 'behringer-x-touch-mini-mc']);
    expect(profilesFor(rules, 'Arturia BeatStep:Arturia BeatStep MIDI 1', 'output')).toEqual([]);
  });

  it('compiles the Mackie fader with its calibrated top, touch note and scribble strip', () => {
    const xt = midi.find((p) => p.profile.id === 'behringer-x-touch-mc');
    const fader = xt?.bindings.find((b) => b.control === 'fader/1');
    expect(fader?.decode).toEqual({ kind: 'midi', source: { kind: 'pitchbend', channel: 0 }, as: { kind: 'absolute', min: 0, max: 15999 } });
    expect(fader?.feedback).toEqual({
      kind: 'midi',
      outs: [
        { kind: 'pitchbend', channel: 0, min: 0, max: 15999, touch: { channel: 0, note: 0x68 } },
        { kind: 'lcd', strip: 0, line: 0, show: 'name' },
        { kind: 'lcd', strip: 0, line: 1, show: 'value' },
      ],
    });
  });
});
