import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMappingSetWithOverlay } from '../../bridge/config/overlay.js';
import { put, tempDir } from './temp.js';

const base = {
  schemaVersion: 1,
  name: 'base',
  modes: { pages: { names: ['eq', 'tone'] } },
  mappings: [
    { control: 'fader/1', target: 'input.gain' },
    { id: 'out', control: 'fader/2', target: 'output.gain' },
    { control: 'knob/1', target: 'eq.band1.freq', when: { page: 'eq' } },
  ],
};
const overlay = (mappings: unknown[], extra: object = {}) => ({ schemaVersion: 1, name: 'learned', ...extra, mappings });

async function files(o?: unknown) {
  const dir = await tempDir();
  const set = await put(join(dir, 'set.json'), base);
  const learned = join(dir, 'learned', 'set.json');
  if (o !== undefined) await put(learned, o);
  return { set, learned };
}

describe('the learned overlay', () => {
  it('a missing overlay file is no overlay', async () => {
    const f = await files();
    const r = await loadMappingSetWithOverlay(f.set, f.learned);
    expect(r.problems).toEqual([]);
    expect(r.overlay).toBeNull();
    expect(r.set?.mappings.map((m) => m.id)).toEqual(['fader/1:input.gain', 'out', 'knob/1:eq.band1.freq@eq']);
  });

  it('same id replaces in place, new ids follow; conditions may name the base pages', async () => {
    const f = await files(overlay([
      { id: 'out', control: 'knob/8', target: 'output.gain' },
      { id: 'learned:stereo.width', control: 'learned/1-fader1', target: 'stereo.width', when: { page: 'tone' } },
    ]));
    const r = await loadMappingSetWithOverlay(f.set, f.learned);
    expect(r.problems).toEqual([]);
    expect(r.set?.mappings.map((m) => [m.id, m.control])).toEqual([
      ['fader/1:input.gain', 'fader/1'],
      ['out', 'knob/8'],
      ['knob/1:eq.band1.freq@eq', 'knob/1'],
      ['learned:stereo.width', 'learned/1-fader1'],
    ]);
    expect(r.set?.modes.pages.names).toEqual(['eq', 'tone']);
    expect(r.overlay?.mappings).toHaveLength(2);
  });

  it('says where each mapping comes from; enabled: false removes the set\'s mapping of that id and is listed as removed', async () => {
    const f = await files(overlay([
      { id: 'out', control: 'fader/2', target: 'output.gain', enabled: false },
      { id: 'knob/1:eq.band1.freq@eq', control: 'knob/1', target: 'eq.band2.freq', when: { page: 'eq' } },
      { id: 'new', control: 'knob/2', target: 'stereo.width' },
      { id: 'off-and-unknown', control: 'knob/3', target: 'input.gain', enabled: false },
    ]));
    const r = await loadMappingSetWithOverlay(f.set, f.learned);
    expect(r.problems).toEqual([]);
    expect(r.set?.mappings.map((m) => [m.id, m.target])).toEqual([
      ['fader/1:input.gain', 'input.gain'],
      ['knob/1:eq.band1.freq@eq', 'eq.band2.freq'],
      ['new', 'stereo.width'],
    ]);
    expect([...r.sources]).toEqual([
      ['fader/1:input.gain', 'set'],
      ['knob/1:eq.band1.freq@eq', 'edited'],
      ['new', 'added'],
    ]);
    expect(r.removed.map((m) => [m.id, m.control, m.target])).toEqual([['out', 'fader/2', 'output.gain']]);
  });

  it('a mapping with enabled: false in the set itself is not used', async () => {
    const dir = await tempDir();
    const set = await put(join(dir, 'set.json'), { ...base, mappings: [...base.mappings, { id: 'parked', control: 'knob/4', target: 'comp.ratio', enabled: false }] });
    const r = await loadMappingSetWithOverlay(set, join(dir, 'none.json'));
    expect(r.set?.mappings.map((m) => m.id)).toEqual(['fader/1:input.gain', 'out', 'knob/1:eq.band1.freq@eq']);
    expect(r.removed).toEqual([]);
  });

  it('problems in the overlay, with its file and paths, leave no set', async () => {
    const f = await files(overlay([{ id: 'x', control: 'knob/1', target: 'input.gain', when: { page: 'mix' } }, { control: 'Knob', target: 'input.gain' }], { modes: { fine: { control: 'button/fine' } } }));
    const r = await loadMappingSetWithOverlay(f.set, f.learned);
    expect(r.set).toBeUndefined();
    expect(r.problems).toEqual([{ file: f.learned, path: '/mappings/1/control', message: expect.stringContaining('got "Knob"') }]);
    await put(f.learned, overlay([{ id: 'x', control: 'knob/1', target: 'input.gain', when: { page: 'mix' } }], { modes: { fine: { control: 'button/fine' } } }));
    const again = await loadMappingSetWithOverlay(f.set, f.learned);
    expect(again.problems).toEqual([
      { file: f.learned, path: '/mappings/0/when/page', message: 'unknown page "mix" (pages: eq, tone)' },
      { file: f.learned, path: '/modes', message: 'the learned overlay cannot define modes; put them in the mapping set' },
    ]);
    await put(f.learned, '{ "schemaVersion": 1, ');
    expect((await loadMappingSetWithOverlay(f.set, f.learned)).problems).toEqual([{ file: f.learned, path: '', position: expect.anything() as unknown, message: expect.stringContaining('invalid JSON') }]);
  });
});
