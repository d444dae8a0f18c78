import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileMappings, compileMappingSet, compileModes, loadMappingSet } from '../../bridge/config/mapping-set.js';
import { loadControllerProfiles } from '../../bridge/config/profile.js';
import type { Glue } from '../../bridge/core/mapping/spec.js';
import { compileRouting } from '../../bridge/core/routing/table.js';
import { CHAIN_PARAMS } from '../../bridge/engine/chain/params.js';
import { put, tempDir } from './temp.js';

const MAPPINGS = fileURLToPath(new URL('../../mappings/', import.meta.url));
const known = (id: string): boolean => CHAIN_PARAMS.some((p) => p.id === id);

/** What a mapping with no glue gets: straight through, soft takeover `pickup`. */
export const DEFAULT_GLUE = {
  source: { min: 0, max: 1 },
  target: { min: 0, max: 1 },
  outOfRange: 'clamp',
  reverse: false,
  curve: { kind: 'none' },
  taper: { kind: 'scale' },
  step: { kind: 'none' },
  relative: { step: 0, speed: 1, acceleration: 0, wrap: false },
  button: { kind: 'momentary' },
  takeover: { kind: 'pickup' },
} as unknown as Glue;

const set = (mappings: unknown[], extra: object = {}) => ({ schemaVersion: 1, name: 'test', ...extra, mappings });

async function loadValue(value: unknown) {
  const file = await put(join(await tempDir(), 'set.json'), value);
  return { file, ...(await loadMappingSet(file)) };
}

describe('the shipped default set', () => {
  it('loads with no problems; every target is a chain parameter', async () => {
    const r = await loadMappingSet(join(MAPPINGS, 'sets/default.json'));
    expect(r.problems).toEqual([]);
    const ms = r.set?.mappings ?? [];
    expect(ms.filter((m) => !known(m.target))).toEqual([]);
    expect(r.set?.modes).toEqual({
      fine: { control: 'button/fine', factor: 0.1 },
      pages: { names: ['eq', 'tone'], next: 'button/page-next', previous: 'button/page-previous', select: [
        { control: 'button/channel-left', page: 'eq' },
        { control: 'button/channel-right', page: 'tone' },
      ] },
      recall: [
        { control: 'button/recall-a', snapshot: 'A' },
        { control: 'button/recall-b', snapshot: 'B' },
      ],
    });
  });

  it('uses the features: 0.5 dB output steps, 1/3-octave frequencies on the shift layer, pages, relative, buttons', async () => {
    const ms = (await loadMappingSet(join(MAPPINGS, 'sets/default.json'))).set?.mappings ?? [];
    const byId = new Map(ms.map((m) => [m.id, m]));
    expect(byId.get('fader/5:output.gain')?.glue.step).toEqual({ kind: 'plain', size: 0.5 });
    expect(byId.get('fader/3:eq.band2.freq+button/shift')).toMatchObject({ when: { modifiers: [{ control: 'button/shift', held: true }], page: null }, glue: { step: { kind: 'octave', fraction: 3 } } });
    expect(byId.get('fader/3:eq.band2.gain-button/shift')?.when.modifiers).toEqual([{ control: 'button/shift', held: false }]);
    expect(ms.filter((m) => m.when.page === 'eq').map((m) => m.control)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `knob/${n}`));
    expect(ms.filter((m) => m.when.page === 'tone').length).toBeGreaterThan(0);
    expect(byId.get('encoder/1:output.gain')?.glue.relative).toEqual({ step: 0.1, speed: 1, acceleration: 1, wrap: false });
    expect(byId.get('width-reset')?.glue.button).toEqual({ kind: 'reset' });
    expect(byId.get('mono-check')).toMatchObject({ control: 'button/mono', target: 'stereo.width', glue: { button: { kind: 'momentary' }, target: { min: 0.5, max: 0 } } });
    expect(byId.get('fader/1:input.gain')?.glue).toEqual(DEFAULT_GLUE);
  });

  it('binds every mapping through the shipped Open Stage Control profile, and the faders and buttons through TouchOSC', async () => {
    const [r, profiles] = [await loadMappingSet(join(MAPPINGS, 'sets/default.json')), await loadControllerProfiles(join(MAPPINGS, 'controllers'))];
    const ms = r.set?.mappings ?? [];
    const osc = profiles.profiles.find((p) => p.profile.id === 'open-stage-control');
    const { table, problems } = compileRouting(osc?.bindings ?? [], ms, known);
    expect(problems).toEqual([]);
    expect(table.unbound).toEqual([]);
    const touch = profiles.profiles.find((p) => p.profile.id === 'touchosc-simple');
    const t = compileRouting(touch?.bindings ?? [], ms, known).table;
    expect(new Set(t.unbound.map((m) => m.control.split('/')[0]))).toEqual(new Set(['knob', 'encoder']));
    // Every mode control exists on both devices except the page buttons, which only pages of knobs need.
    const controls = (p: typeof osc) => new Set(p?.bindings.map((b) => b.control));
    for (const c of ['button/shift', 'button/fine', 'button/page-next', 'button/page-previous']) expect(controls(osc).has(c)).toBe(true);
    for (const c of ['button/shift', 'button/fine', 'button/mono', 'button/width-reset']) expect(controls(touch).has(c)).toBe(true);
  });
});

describe('mapping sets', () => {
  it('compiles the friendly glue forms to the core forms', async () => {
    const r = await loadValue(set([
      { id: 'a', control: 'knob/1', target: 'output.gain', feedback: false, glue: { source: { min: 0.1 }, target: { min: 0.9, max: 0.2 }, outOfRange: 'ignore', reverse: true, curve: 's-curve', taper: 'log', step: 0.5, takeover: 'pickup-tolerant', button: 'toggle' } },
      { id: 'b', control: 'knob/2', target: 'eq.band1.freq', glue: { curve: { kind: 'exponential', k: 2 }, taper: { kind: 'table', points: [[0, 100], [0.5, 1000], [1, 2000]] }, step: { kind: 'octave', fraction: 3 }, takeover: { kind: 'long-time-no-see', tolerance: 0.2 }, button: { kind: 'increment', step: 0.5 } } },
      { id: 'c', control: 'knob/3', target: 'eq.band1.gain', glue: { curve: 'none', taper: { kind: 'db' }, step: { kind: 'plain', size: 0.25 }, takeover: { kind: 'off' }, button: { kind: 'set', value: -3 }, relative: { step: 0.1, acceleration: 2, wrap: true } } },
      { id: 'd', control: 'knob/4', target: 'eq.band1.q', glue: { step: 'none', curve: { kind: 'log' }, takeover: { kind: 'pickup-tolerant' } } },
    ]));
    expect(r.problems).toEqual([]);
    const [a, b, c, d] = r.set?.mappings ?? [];
    expect(a).toEqual({
      id: 'a', control: 'knob/1', target: 'output.gain', feedback: false, when: { modifiers: [], page: null },
      glue: { ...DEFAULT_GLUE, source: { min: 0.1, max: 1 }, target: { min: 0.9, max: 0.2 }, outOfRange: 'ignore', reverse: true, curve: { kind: 's-curve', k: 4 }, taper: { kind: 'log' }, step: { kind: 'plain', size: 0.5 }, takeover: { kind: 'pickup-tolerant', tolerance: 0.05 }, button: { kind: 'toggle' } },
    });
    expect(b?.glue).toMatchObject({ curve: { kind: 'exponential', k: 2 }, taper: { kind: 'table', points: [{ at: 0, value: 100 }, { at: 0.5, value: 1000 }, { at: 1, value: 2000 }] }, step: { kind: 'octave', fraction: 3 }, takeover: { kind: 'long-time-no-see', tolerance: 0.2 }, button: { kind: 'increment', step: 0.5 } });
    expect(c?.glue).toMatchObject({ curve: { kind: 'none' }, taper: { kind: 'db' }, step: { kind: 'plain', size: 0.25 }, takeover: { kind: 'off' }, button: { kind: 'set', value: -3 }, relative: { step: 0.1, speed: 1, acceleration: 2, wrap: true } });
    expect(d?.glue).toMatchObject({ step: { kind: 'none' }, curve: { kind: 'log', k: 4 }, takeover: { kind: 'pickup-tolerant', tolerance: 0.05 } });
    expect(r.set?.set.mappings[0]?.glue.taper).toBe('log'); // the saved form keeps what was written
    expect(compileMappings(r.set!.set)).toEqual(r.set?.mappings);
    expect(Object.isFrozen(r.set?.mappings[1]?.glue.taper)).toBe(true);
    expect(Object.isFrozen(r.set?.mappings[0]?.when)).toBe(true);
  });

  it('step 0 means none; a missing glue is the default glue', async () => {
    const r = await loadValue(set([{ control: 'fader/1', target: 'input.gain', glue: { step: 0 } }, { control: 'fader/2', target: 'input.gain' }]));
    expect(r.set?.mappings.map((m) => m.glue)).toEqual([DEFAULT_GLUE, DEFAULT_GLUE]);
  });

  it('compiles conditions and modes; generated ids carry the conditions', async () => {
    const r = await loadValue(set(
      [
        { control: 'knob/1', target: 'eq.band1.freq', when: { page: 'eq' } },
        { control: 'knob/1', target: 'eq.band1.freq', when: { page: 'eq', modifiers: ['button/shift', { control: 'button/alt', held: false }] } },
        { control: 'knob/1', target: 'eq.low.freq', when: { page: 'tone' } },
      ],
      { modes: { fine: { control: 'button/fine' }, pages: { names: ['eq', 'tone'], select: [{ control: 'button/eq', page: 'eq' }] } } },
    ));
    expect(r.problems).toEqual([]);
    expect(r.set?.mappings.map((m) => [m.id, m.when])).toEqual([
      ['knob/1:eq.band1.freq@eq', { modifiers: [], page: 'eq' }],
      ['knob/1:eq.band1.freq@eq+button/shift-button/alt', { modifiers: [{ control: 'button/shift', held: true }, { control: 'button/alt', held: false }], page: 'eq' }],
      ['knob/1:eq.low.freq@tone', { modifiers: [], page: 'tone' }],
    ]);
    expect(r.set?.modes).toEqual({ fine: { control: 'button/fine', factor: 0.1 }, pages: { names: ['eq', 'tone'], next: null, previous: null, select: [{ control: 'button/eq', page: 'eq' }] }, recall: [] });
    expect(compileModes(r.set!.set)).toEqual(r.set?.modes);
    expect(compileMappingSet(r.set!.set)).toEqual({ mappings: r.set?.mappings, modes: r.set?.modes });
  });

  it('a set without modes has no fine modifier and no pages', async () => {
    const r = await loadValue(set([]));
    expect(r.set?.modes).toEqual({ fine: null, pages: { names: [], next: null, previous: null, select: [] }, recall: [] });
  });

  it('reports a missing file', async () => {
    const file = join(await tempDir(), 'none.json');
    expect(await loadMappingSet(file)).toEqual({ problems: [{ file, path: '', message: 'file not found' }] });
  });
});
