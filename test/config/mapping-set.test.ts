import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileMappingSet, loadMappingSet } from '../../bridge/config/mapping-set.js';
import { loadControllerProfiles } from '../../bridge/config/profile.js';
import { IDENTITY_GLUE } from '../../bridge/core/glue/glue.js';
import { compileRouting } from '../../bridge/core/routing/table.js';
import { put, tempDir } from './temp.js';

const MAPPINGS = fileURLToPath(new URL('../../mappings/', import.meta.url));
const PARAM_IDS = ['input.gain', 'eq.low.freq', 'eq.low.gain', 'eq.band1.freq', 'eq.band1.gain', 'eq.band1.q', 'eq.band2.freq', 'eq.band2.gain', 'eq.band2.q', 'eq.band3.freq', 'eq.band3.gain', 'eq.band3.q', 'eq.high.freq', 'eq.high.gain', 'stereo.width', 'output.gain'];

const set = (mappings: unknown[]) => ({ schemaVersion: 1, name: 'test', mappings });

async function loadValue(value: unknown) {
  const file = await put(join(await tempDir(), 'set.json'), value);
  return { file, ...(await loadMappingSet(file)) };
}

describe('mapping sets', () => {
  it('loads the shipped default set: every target exists, output.gain in 0.5 dB steps', async () => {
    const r = await loadMappingSet(join(MAPPINGS, 'sets/default.json'));
    expect(r.problems).toEqual([]);
    const ms = r.set?.mappings ?? [];
    expect(ms.map((m) => `${m.control} ${m.target}`)).toEqual([
      'fader/1 input.gain', 'fader/2 eq.low.gain', 'fader/3 eq.band2.gain', 'fader/4 eq.high.gain', 'fader/5 output.gain',
      'knob/1 eq.low.freq', 'knob/2 eq.band1.freq', 'knob/3 eq.band1.gain', 'knob/4 eq.band2.freq', 'knob/5 eq.band2.q',
      'knob/6 eq.band3.freq', 'knob/7 eq.band3.gain', 'knob/8 stereo.width',
    ]);
    expect(ms.every((m) => PARAM_IDS.includes(m.target))).toBe(true);
    expect(ms.find((m) => m.target === 'output.gain')).toEqual({ id: 'fader/5:output.gain', control: 'fader/5', target: 'output.gain', feedback: true, glue: { ...IDENTITY_GLUE, step: 0.5 } });
    expect(ms.find((m) => m.target === 'input.gain')?.glue).toEqual(IDENTITY_GLUE);
  });

  it('binds every default mapping through the shipped Open Stage Control profile', async () => {
    const [r, profiles] = [await loadMappingSet(join(MAPPINGS, 'sets/default.json')), await loadControllerProfiles(join(MAPPINGS, 'controllers'))];
    const osc = profiles.profiles.find((p) => p.profile.id === 'open-stage-control');
    const { table, problems } = compileRouting(osc?.bindings ?? [], r.set?.mappings ?? [], (id) => PARAM_IDS.includes(id));
    expect(problems).toEqual([]);
    expect(table.unbound).toEqual([]);
    expect(table.byInput.size).toBe(13);
  });

  it('compiles glue: ranges as units, taper with its default curve, reverse, step', async () => {
    const r = await loadValue(set([
      { id: 'trim', control: 'knob/1', target: 'output.gain', feedback: false, glue: { source: { min: 0.1 }, target: { min: 0.9, max: 0.2 }, outOfRange: 'ignore', reverse: true, taper: { kind: 'log' }, step: 0.25 } },
      { control: 'knob/2', target: 'eq.band1.freq', glue: { taper: { kind: 'exponential', curve: 2 } } },
    ]));
    expect(r.problems).toEqual([]);
    expect(r.set?.mappings).toEqual([
      { id: 'trim', control: 'knob/1', target: 'output.gain', feedback: false, glue: { source: { min: 0.1, max: 1 }, target: { min: 0.9, max: 0.2 }, outOfRange: 'ignore', reverse: true, taper: { kind: 'log', curve: 4 }, step: 0.25 } },
      { id: 'knob/2:eq.band1.freq', control: 'knob/2', target: 'eq.band1.freq', feedback: true, glue: { ...IDENTITY_GLUE, taper: { kind: 'exponential', curve: 2 } } },
    ]);
    expect(r.set?.set.mappings[1]?.id).toBeUndefined(); // the saved form keeps what was written
    expect(compileMappingSet(r.set!.set)).toEqual(r.set?.mappings);
    expect(Object.isFrozen(r.set?.mappings[0]?.glue.source)).toBe(true);
    expect(Object.isFrozen(r.set?.set.mappings[0]?.glue.taper)).toBe(true);
  });

  it('reports every violation with file and path', async () => {
    const r = await loadValue({
      schemaVersion: 1,
      name: '',
      mappings: [
        { control: 'fader/1', target: 'input.gain', glue: { source: { min: 2 }, taper: { kind: 'log', curve: 0 }, step: -1, outOfRange: 'wrap' } },
        { control: 'fader/2', target: 'Input Gain', osc: '/1/fader2', glue: { taper: { kind: 'cubic' } } },
        { target: 'input.gain', glue: { taper: 'log' } },
      ],
    });
    expect(r.set).toBeUndefined();
    expect(r.problems.map((p) => [p.file, p.path, p.message])).toEqual([
      [r.file, '/name', 'expected non-empty string, got ""'],
      [r.file, '/mappings/0/glue/source/min', 'expected number 0..1, got 2'],
      [r.file, '/mappings/0/glue/outOfRange', 'expected one of "ignore", "clamp", "min-or-max", got "wrap"'],
      [r.file, '/mappings/0/glue/taper/curve', 'expected number > 0, got 0'],
      [r.file, '/mappings/0/glue/step', 'expected number >= 0, got -1'],
      [r.file, '/mappings/1/osc', 'unknown property (allowed: id, control, target, feedback, glue)'],
      [r.file, '/mappings/1/target', expect.stringMatching(/^expected string like "eq.band2.gain" \(pattern .*\), got "Input Gain"$/)],
      [r.file, '/mappings/1/glue/taper/kind', 'expected one of "linear", "log", "exponential", got "cubic"'],
      [r.file, '/mappings/2/control', expect.stringMatching(/^missing \(expected string like "fader\/1"/)],
      [r.file, '/mappings/2/glue/taper', 'expected an object with "kind" one of "linear", "log", "exponential", got "log"'],
    ]);
  });

  it('reports duplicate mapping ids, given or generated, with their paths', async () => {
    const r = await loadValue(set([
      { id: 'a', control: 'fader/1', target: 'input.gain' },
      { id: 'a', control: 'fader/2', target: 'input.gain' },
      { control: 'fader/3', target: 'output.gain' },
      { control: 'fader/3', target: 'output.gain', glue: { reverse: true } },
    ]));
    expect(r.set).toBeUndefined();
    expect(r.problems).toEqual([
      { file: r.file, path: '/mappings/1/id', message: 'duplicate mapping id "a", also /mappings/0' },
      { file: r.file, path: '/mappings/3', message: 'duplicate mapping id "fader/3:output.gain", also /mappings/2 (generated from control and target: give one an explicit id)' },
    ]);
  });

  it('reports a missing file', async () => {
    const file = join(await tempDir(), 'none.json');
    expect(await loadMappingSet(file)).toEqual({ problems: [{ file, path: '', message: 'file not found' }] });
  });
});
