import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMappingSet } from '../../bridge/config/mapping-set.js';
import { put, tempDir } from './temp.js';

async function problemsOf(value: unknown) {
  const file = await put(join(await tempDir(), 'set.json'), value);
  const r = await loadMappingSet(file);
  expect(r.set).toBeUndefined();
  for (const p of r.problems) expect(p.file).toBe(file);
  return r.problems.map((p) => [p.path, p.message]);
}

const set = (mappings: unknown[], extra: object = {}) => ({ schemaVersion: 1, name: 'test', ...extra, mappings });

describe('mapping set problems, every one with its path', () => {
  it('schema violations, inside the friendly forms too', async () => {
    expect(await problemsOf({
      schemaVersion: 1,
      name: '',
      mappings: [
        { control: 'fader/1', target: 'input.gain', glue: { source: { min: 2 }, curve: { kind: 's-curve', k: 0 }, step: -1, outOfRange: 'wrap' } },
        { control: 'fader/2', target: 'Input Gain', osc: '/1/fader2', glue: { taper: { kind: 'cubic' }, takeover: 'sometimes' } },
        { target: 'input.gain', glue: { taper: { kind: 'table', points: [[0, 1], [2, 3]] }, button: { kind: 'increment' }, relative: { speed: 0 } } },
        { control: 'fader/3', target: 'input.gain', glue: { step: { kind: 'octave', fraction: 0.5 }, takeover: { kind: 'pickup-tolerant', tolerance: 2 }, button: 7 } },
      ],
    })).toEqual([
      ['/name', 'expected non-empty string, got ""'],
      ['/mappings/0/glue/source/min', 'expected number 0..1, got 2'],
      ['/mappings/0/glue/outOfRange', 'expected one of "ignore", "clamp", "min-or-max", got "wrap"'],
      ['/mappings/0/glue/curve/k', 'expected number > 0 and <= 50, got 0'],
      ['/mappings/0/glue/step', 'expected number >= 0, got -1'],
      ['/mappings/1/osc', 'unknown property (allowed: id, control, target, feedback, when, glue, enabled)'],
      ['/mappings/1/target', expect.stringMatching(/^expected string like "eq.band2.gain" \(pattern .*\), got "Input Gain"$/)],
      ['/mappings/1/glue/taper/kind', 'expected one of "scale", "linear", "log", "db", "table", got "cubic"'],
      ['/mappings/1/glue/takeover', expect.stringMatching(/^expected one of "off", "pickup", .*"long-time-no-see", got "sometimes"$/)],
      ['/mappings/2/control', expect.stringMatching(/^missing \(expected string like "fader\/1"/)],
      ['/mappings/2/glue/taper/points/1/0', 'expected number 0..1, got 2'],
      ['/mappings/2/glue/relative/speed', 'expected number > 0, got 0'],
      ['/mappings/2/glue/button/step', 'missing (expected number > 0)'],
      ['/mappings/3/glue/step/fraction', 'expected integer 1..48, got 0.5'],
      ['/mappings/3/glue/button', expect.stringMatching(/^expected one of "momentary", "toggle", "reset", an object with "kind" one of .*, got 7$/)],
      ['/mappings/3/glue/takeover/tolerance', 'expected number > 0 and <= 1, got 2'],
    ]);
  });

  it('duplicate ids, given or generated', async () => {
    expect(await problemsOf(set([
      { id: 'a', control: 'fader/1', target: 'input.gain' },
      { id: 'a', control: 'fader/2', target: 'input.gain' },
      { control: 'fader/3', target: 'output.gain' },
      { control: 'fader/3', target: 'output.gain', glue: { reverse: true } },
    ]))).toEqual([
      ['/mappings/1/id', 'duplicate mapping id "a", also /mappings/0'],
      ['/mappings/3', 'duplicate mapping id "fader/3:output.gain", also /mappings/2 (generated from control, target and conditions: give one an explicit id)'],
    ]);
  });

  it('pages: unknown, undefined, duplicate; modifiers listed twice; select buttons', async () => {
    expect(await problemsOf(set(
      [
        { control: 'knob/1', target: 'input.gain', when: { page: 'mix' } },
        { control: 'knob/2', target: 'input.gain', when: { modifiers: ['button/shift', { control: 'button/shift', held: false }] } },
      ],
      { modes: { pages: { names: ['eq', 'tone', 'eq'], select: [{ control: 'button/1', page: 'eq' }, { control: 'button/1', page: 'dyn' }] } } },
    ))).toEqual([
      ['/modes/pages/names/2', 'duplicate page, also /modes/pages/names/0'],
      ['/modes/pages/select/1/page', 'unknown page "dyn" (pages: eq, tone, eq)'],
      ['/modes/pages/select/1/control', 'the button already selects a page at /modes/pages/select/0'],
      ['/mappings/0/when/page', 'unknown page "mix" (pages: eq, tone, eq)'],
      ['/mappings/1/when/modifiers/1', 'modifier already listed at /mappings/1/when/modifiers/0'],
    ]);
    expect(await problemsOf(set([{ control: 'knob/1', target: 'input.gain', when: { page: 'eq' } }]))).toEqual([
      ['/mappings/0/when/page', 'no pages are defined (add them at /modes/pages/names)'],
    ]);
  });

  it('taper tables: positions ascending from 0 to 1', async () => {
    const table = (points: number[][]) => ({ control: 'knob/1', target: 'output.gain', glue: { taper: { kind: 'table', points } } });
    expect(await problemsOf(set([
      { id: 'a', ...table([[0.1, -24], [1, 6]]) },
      { id: 'b', ...table([[0, -24], [0.6, -6], [0.5, 0], [0.5, 3], [0.9, 6]]) },
    ]))).toEqual([
      ['/mappings/0/glue/taper/points/0/0', 'the first point must be at position 0, got 0.1'],
      ['/mappings/1/glue/taper/points/2/0', 'positions must ascend: 0.5 after 0.6'],
      ['/mappings/1/glue/taper/points/3/0', 'positions must ascend: 0.5 after 0.5'],
      ['/mappings/1/glue/taper/points/4/0', 'the last point must be at position 1, got 0.9'],
    ]);
  });
});
