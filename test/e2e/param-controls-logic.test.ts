/**
 * The pure parts of the dashboard's choice and on/off controls and of the grouped mapping list:
 * which control a parameter gets, what it says, what a toggle sends, how mappings group by
 * controller profile and which groups stay open across re-renders. No browser.
 */
import { describe, expect, it } from 'vitest';
import type { ParamDescriptor } from '../../bridge/core/param/descriptor.js';
import { CHAIN_PARAMS, chainParam } from '../../bridge/engine/chain/params.js';
import type { MappingView } from '../../bridge/server/messages.js';
import { groupMappings, inputGroup, NO_INPUT, openGroups } from '../../dashboard/src/mapping-groups.js';
import { choiceOptions, controlKind, isBypass, toggled, valueLabel } from '../../dashboard/src/params/param-kind.js';

const param = (id: string): ParamDescriptor => {
  const d = chainParam(id);
  if (d === undefined) throw new Error(`no chain parameter ${id}`);
  return d;
};

describe('parameter control kinds', () => {
  it('gives every chain parameter a control by its unit', () => {
    for (const d of CHAIN_PARAMS) {
      const expected = d.unit === 'choice' ? 'choice' : d.unit === 'on/off' ? 'toggle' : 'slider';
      expect(controlKind(d), d.id).toBe(expected);
    }
    expect(CHAIN_PARAMS.filter((d) => controlKind(d) === 'choice').length).toBeGreaterThan(0);
    expect(CHAIN_PARAMS.filter((d) => controlKind(d) === 'toggle').every(isBypass)).toBe(true);
  });

  it('lists a choice parameter\u2019s names against the plain values they stand for', () => {
    expect(choiceOptions(param('eq.band2.mode'))).toEqual([
      { value: 0, label: 'stereo' },
      { value: 1, label: 'mid' },
      { value: 2, label: 'side' },
    ]);
    const offset: ParamDescriptor = { ...param('eq.band2.mode'), min: 3, max: 4, choices: ['a', 'b'] };
    expect(choiceOptions(offset).map((o) => o.value)).toEqual([3, 4]);
    expect(valueLabel(offset, 4)).toBe('b');
  });

  it('falls back to a slider for a choice without names', () => {
    const { choices: _c, ...bare } = param('eq.band2.mode');
    expect(controlKind(bare)).toBe('slider');
  });

  it('says a value in words: choice names, Bypassed/Active, on/off, units otherwise', () => {
    const mode = param('eq.band1.mode');
    expect([0, 1, 2].map((v) => valueLabel(mode, v))).toEqual(['stereo', 'mid', 'side']);
    expect(valueLabel(mode, 7)).toBe('7');
    // engine/chain/nodes.ts crossfade: output = wet·(1 − b) + dry·b, so 1 is bypassed.
    const bypass = param('eq.bypass');
    expect(valueLabel(bypass, 1)).toBe('Bypassed');
    expect(valueLabel(bypass, 0)).toBe('Active');
    expect(valueLabel(param('hpf.bypass'), param('hpf.bypass').default)).toBe('Bypassed');
    const other: ParamDescriptor = { ...bypass, id: 'eq.linkBands', name: 'Link' };
    expect(isBypass(other)).toBe(false);
    expect([valueLabel(other, 1), valueLabel(other, 0)]).toEqual(['on', 'off']);
    expect(valueLabel(param('input.gain'), -6)).toBe('\u22126.0 dB');
  });

  it('a toggle sends the other end of the range', () => {
    const bypass = param('comp.bypass');
    expect(toggled(bypass, 0)).toBe(1);
    expect(toggled(bypass, 1)).toBe(0);
    expect(toggled(bypass, 0.7)).toBe(0);
  });
});

const mapping = (id: string, input: string | null, active = true): MappingView => ({
  id,
  control: `fader/${id}`,
  input,
  target: 'input.gain',
  feedback: false,
  glue: {},
  active,
  takeover: 'pickup',
  catch: null,
});

describe('mapping groups', () => {
  it('reads the controller profile from the input key', () => {
    expect(inputGroup('midi x-touch-mini cc 10 1')).toBe('midi x-touch-mini');
    expect(inputGroup('osc /1/fader1')).toBe('osc');
    expect(inputGroup(null)).toBe(NO_INPUT);
    expect(inputGroup('  ')).toBe(NO_INPUT);
  });

  it('groups in order of first appearance, keeps order inside, counts active, puts unbound last', () => {
    const groups = groupMappings([
      mapping('a', null),
      mapping('b', 'osc /1/fader1'),
      mapping('c', 'midi nano cc 1 1', false),
      mapping('d', 'osc /1/fader2', false),
      mapping('e', 'midi nano cc 1 2'),
    ]);
    expect(groups.map((g) => [g.key, g.mappings.map((m) => m.id), g.active])).toEqual([
      ['osc', ['b', 'd'], 1],
      ['midi nano', ['c', 'e'], 1],
      [NO_INPUT, ['a'], 1],
    ]);
    expect(groupMappings([])).toEqual([]);
  });

  it('starts closed, keeps what the user opened, and opens a group that gained a mapping', () => {
    const before = groupMappings([mapping('a', 'osc /x'), mapping('b', 'midi nano cc 1 1')]);
    expect(openGroups(before, new Set(), null)).toEqual(new Set());
    expect(openGroups(groupMappings([mapping('a', 'osc /x')]), new Set(), null)).toEqual(new Set(['osc']));
    const seen = new Set(['a', 'b']);
    expect(openGroups(before, new Set(['midi nano', 'gone']), seen)).toEqual(new Set(['midi nano']));
    const after = groupMappings([mapping('a', 'osc /x'), mapping('b', 'midi nano cc 1 1'), mapping('learned:x', 'osc /ui/fader1')]);
    expect(openGroups(after, new Set(), seen)).toEqual(new Set(['osc']));
  });
});
