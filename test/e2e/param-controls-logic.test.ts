/**
 * The pure parts of the dashboard's choice and on/off controls, of the sliders' gestures and of the
 * grouped mapping list: which control a parameter gets, what it says, what a toggle sends, how far
 * drags, wheel notches and keys move a slider in each scale, how mappings group by controller
 * profile and which groups stay open across re-renders. No browser.
 */
import { describe, expect, it } from 'vitest';
import { toNorm, type ParamDescriptor } from '../../bridge/core/param/descriptor.js';
import { CHAIN_PARAMS, chainParam } from '../../bridge/engine/chain/params.js';
import type { MappingView } from '../../bridge/server/messages.js';
import { groupMappings, inputGroup, NO_INPUT, openGroups } from '../../dashboard/src/mappings/mapping-groups.js';
import {
  atValue,
  browserWheel,
  Drag,
  fineDrag,
  fineStep,
  gestureHelp,
  Hold,
  keyMove,
  moveTarget,
  pageTarget,
  resetClick,
  ScrollLatch,
  stepTarget,
  WheelAccumulator,
  wheelNotches,
  type KeyMove,
  type Mods,
} from '../../dashboard/src/params/gestures.js';
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

const NO_MODS: Mods = { shiftKey: false, ctrlKey: false, metaKey: false, altKey: false };
const mods = (...keys: (keyof Mods)[]): Mods => ({ ...NO_MODS, ...Object.fromEntries(keys.map((k) => [k, true])) });

describe('slider gestures', () => {
  it('reads the modifiers the way plug-in hosts do', () => {
    const table: [Mods, boolean, boolean, boolean, boolean][] = [
      // modifiers,                 fine drag, fine step, reset click, browser wheel
      [NO_MODS, false, false, false, false],
      [mods('shiftKey'), true, true, false, false],
      [mods('ctrlKey'), true, false, false, true],
      [mods('metaKey'), true, false, false, true],
      [mods('altKey'), false, false, true, false],
      [mods('altKey', 'shiftKey'), true, true, true, false],
      [mods('altKey', 'ctrlKey'), true, false, false, true],
    ];
    for (const [m, drag, step, reset, wheel] of table) {
      expect([fineDrag(m), fineStep(m), resetClick(m), browserWheel(m)], JSON.stringify(m)).toEqual([drag, step, reset, wheel]);
    }
  });

  it('counts wheel notches across pixel, line and page deltas, up (and left) raising the value', () => {
    const table: [number, number, number, number][] = [
      // deltaX, deltaY, deltaMode, notches
      [0, -100, 0, 1],
      [0, 100, 0, -1],
      [0, -250, 0, 2.5],
      [0, -4, 0, 0.04],
      [0, -3, 1, 1],
      [0, 6, 1, -2],
      [0, -1, 2, 10],
      // Shift + wheel arrives on the horizontal axis; the larger axis counts.
      [-100, 0, 0, 1],
      [30, -10, 0, -0.3],
      [0, 0, 0, 0],
      [0, Number.NaN, 0, 0],
    ];
    for (const [deltaX, deltaY, deltaMode, notches] of table) {
      expect(wheelNotches({ deltaX, deltaY, deltaMode }), `${deltaX},${deltaY} mode ${deltaMode}`).toBeCloseTo(notches, 12);
    }
  });

  it('one step is the parameter\u2019s step, else 1 % of its travel in its own scale; fine is a tenth', () => {
    const table: [string, number, number, boolean, number][] = [
      // id, from, steps, fine, to
      ['input.gain', 0, 1, false, 0.48], // db scale, ±24 dB: 1 % of 48 dB
      ['input.gain', 0, 1, true, 0.048],
      ['input.gain', 0, -3, false, -1.44],
      ['input.gain', 23.9, 1, false, 24], // clamped at the end
      ['comp.mix', 50, 1, false, 51], // linear %
      ['comp.mix', 50, 0.25, false, 50.25], // a trackpad's fraction of a notch
      ['eq.band2.freq', 1000, 1, false, 1000 * 25 ** 0.01], // log: 200 Hz..5 kHz is ×25
      ['eq.band2.freq', 1000, 1, true, 1000 * 25 ** 0.001],
      ['eq.band2.freq', 1000, -10, false, 1000 / 25 ** 0.1],
      ['dyneq.attack', 50, 1, false, 50], // log ms at max
      ['hpf.slope', 12, 1, false, 24], // stepped: its own step of 12 dB/oct
      ['hpf.slope', 12, 1, true, 24], // and never finer
      ['hpf.slope', 24, 1, false, 24],
      ['hpf.slope', 24, -1, false, 12],
    ];
    for (const [id, from, steps, fine, to] of table) {
      const d = param(id);
      const t = stepTarget(d, atValue(d, from), steps, fine);
      expect(t.value, `${id} ${from} ${steps} ${fine}`).toBeCloseTo(to, 9);
      expect(t.norm).toBeCloseTo(toNorm(d, t.value), 9);
    }
    // Ten fine steps are one step, in every scale.
    for (const id of ['input.gain', 'comp.mix', 'eq.band2.freq', 'comp.ratio']) {
      const d = param(id);
      let fine = atValue(d, d.default);
      for (let i = 0; i < 10; i++) fine = stepTarget(d, fine, -1, true);
      expect(fine.value, id).toBeCloseTo(stepTarget(d, atValue(d, d.default), -1, false).value, 9);
    }
  });

  it('maps keys to moves, leaving Ctrl, \u2318 and Alt combinations to the browser', () => {
    const table: [string, Mods, KeyMove | undefined][] = [
      ['ArrowUp', NO_MODS, { kind: 'step', steps: 1, fine: false }],
      ['ArrowRight', NO_MODS, { kind: 'step', steps: 1, fine: false }],
      ['ArrowDown', mods('shiftKey'), { kind: 'step', steps: -1, fine: true }],
      ['ArrowLeft', NO_MODS, { kind: 'step', steps: -1, fine: false }],
      ['PageUp', NO_MODS, { kind: 'page', pages: 1 }],
      ['PageDown', mods('shiftKey'), { kind: 'page', pages: -1 }],
      ['Home', NO_MODS, { kind: 'min' }],
      ['End', NO_MODS, { kind: 'max' }],
      ['Delete', NO_MODS, { kind: 'default' }],
      ['Backspace', NO_MODS, { kind: 'default' }],
      ['ArrowLeft', mods('altKey'), undefined],
      ['ArrowUp', mods('ctrlKey'), undefined],
      ['Home', mods('metaKey'), undefined],
      ['0', NO_MODS, undefined],
      ['Enter', NO_MODS, undefined],
    ];
    for (const [key, m, move] of table) expect(keyMove(key, m), `${key} ${JSON.stringify(m)}`).toEqual(move);
  });

  it('pages by 10 % (at least one step), and goes exactly to the ends and the default', () => {
    const table: [string, number, KeyMove, number][] = [
      ['comp.mix', 50, { kind: 'page', pages: 1 }, 60],
      ['comp.mix', 95, { kind: 'page', pages: 1 }, 100],
      ['eq.band2.freq', 1000, { kind: 'page', pages: -1 }, 1000 / 25 ** 0.1],
      ['hpf.slope', 24, { kind: 'page', pages: -1 }, 12], // 10 % of a two-value range is still one step
      ['hpf.slope', 12, { kind: 'page', pages: 1 }, 24],
      ['eq.band2.freq', 1234, { kind: 'min' }, 200],
      ['eq.band2.freq', 1234, { kind: 'max' }, 5000],
      ['limiter.ceiling', -6, { kind: 'default' }, -1],
      ['stereo.monoBelow', 100, { kind: 'max' }, 500],
    ];
    for (const [id, from, move, to] of table) {
      const d = param(id);
      expect(moveTarget(d, atValue(d, from), move).value, `${id} ${JSON.stringify(move)}`).toBeCloseTo(to, 9);
    }
    const d = param('eq.band2.freq');
    expect(moveTarget(d, atValue(d, 1234), { kind: 'max' })).toEqual({ value: 5000, norm: 1 });
    expect(pageTarget(d, atValue(d, 1234), 0).value).toBe(1234);
  });

  it('drags 10\u00d7 finer with the modifier, switching mid-drag without a jump', () => {
    const travel = 400;
    expect(new Drag(100, 0.5, false).move(200, false, travel)).toBeCloseTo(0.75, 12);
    expect(new Drag(100, 0.5, true).move(200, true, travel)).toBeCloseTo(0.525, 12);
    expect(new Drag(100, 0.5, false).move(60, false, travel)).toBeCloseTo(0.4, 12);
    // 40 px plain, then fine for the next 40 px: 0.1 + 0.01.
    const drag = new Drag(0, 0.5, false);
    expect(drag.move(40, false, travel)).toBeCloseTo(0.6, 12);
    expect(drag.move(80, true, travel)).toBeCloseTo(0.61, 12);
    expect(drag.move(120, false, travel)).toBeCloseTo(0.71, 12);
    // Past the end and back: as if the thumb had followed the pointer.
    const far = new Drag(0, 0.9, false);
    expect(far.move(200, false, travel)).toBe(1);
    expect(far.move(0, false, travel)).toBeCloseTo(0.9, 12);
    expect(new Drag(0, 0.5, false).move(10, false, 0)).toBe(1);
  });

  it('coalesces a wheel burst: stepped parameters take whole steps, continuous ones every fraction', () => {
    const stepped = new WheelAccumulator();
    expect([0.25, 0.25, 0.25, 0.25, 0.5, 0.75].map((n) => stepped.take(n, true))).toEqual([0, 0, 0, 1, 0, 1]);
    // Ten tenths are one step despite the rounding noise of adding 0.1s.
    const tenths = new WheelAccumulator();
    expect(Array.from({ length: 10 }, () => tenths.take(0.1, true)).reduce((a, b) => a + b)).toBe(1);
    // Turning back drops what was left over the other way.
    const back = new WheelAccumulator();
    expect([back.take(0.75, true), back.take(-0.5, true), back.take(-0.5, true)]).toEqual([0, 0, -1]);
    back.take(0.75, true);
    back.reset();
    expect(back.take(0.5, true)).toBe(0);
    expect(new WheelAccumulator().take(0.04, false)).toBe(0.04);
    expect(new WheelAccumulator().take(-2.5, true)).toBe(-2);
  });

  it('holds a gesture\u2019s position for a moment, and latches the wheel to a page scroll', () => {
    const hold = new Hold(300);
    expect(hold.get(0)).toBeNull();
    expect(hold.expires).toBe(-Infinity);
    hold.set({ value: 3, norm: 0.5 }, 1000);
    expect(hold.get(1299)).toEqual({ value: 3, norm: 0.5 });
    expect(hold.get(1300)).toBeNull();
    expect(hold.expires).toBe(1300);
    hold.clear();
    expect([hold.get(1000), hold.expires]).toEqual([null, -Infinity]);

    const latch = new ScrollLatch(400);
    expect(latch.scrolling(0)).toBe(false);
    latch.scrolled(1000);
    expect([latch.scrolling(1000), latch.scrolling(1399), latch.scrolling(1400)]).toEqual([true, true, false]);
  });

  it('documents the gestures in the tooltip, with the default', () => {
    const help = gestureHelp(valueLabel(param('limiter.ceiling'), param('limiter.ceiling').default));
    expect(help).toContain('Shift or Ctrl/\u2318 + drag: 10\u00d7 finer');
    expect(help).toContain('Double-click or Alt/\u2325-click: default (\u22121.0 dB)');
    expect(help).toContain('Home/End');
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
  source: 'set',
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
