import { describe, expect, it } from 'vitest';
import type { ControlValue } from '../../bridge/core/control.js';
import { echoDecision, ECHO_WINDOW_MS } from '../../bridge/core/feedback/echo.js';
import { oscFeedbackFor } from '../../bridge/core/feedback/osc-feedback.js';
import type { MappingRuntime } from '../../bridge/core/mapping/runtime.js';
import type { ModeSpec } from '../../bridge/core/mapping/spec.js';
import { clampUnit } from '../../bridge/core/unit.js';
import { bind, map, OFF, rig } from './mapping-fixtures.js';

const api = { kind: 'api' } as const;
const abs = (x: number): ControlValue => ({ kind: 'absolute', value: clampUnit(x), resolution: Infinity });
const btn = (pressed: boolean): ControlValue => ({ kind: 'button', pressed });
const send = (runtime: MappingRuntime, control: string, value: ControlValue, t = 0) => runtime.handle({ control, value, t, origin: api });

const MODES: ModeSpec = {
  fine: { control: 'button/fine', factor: 0.1 },
  pages: { names: ['eq', 'tone'], next: 'button/page-next', previous: null, select: [{ control: 'button/tone', page: 'tone' }] },
};

describe('MappingRuntime', () => {
  it('a shift layer: the same knob drives another parameter while shift is held', () => {
    const { store, runtime } = rig(
      [],
      [
        map('plain', 'knob/1', 'input.gain', OFF, { modifiers: [{ control: 'button/shift', held: false }], page: null }),
        map('shifted', 'knob/1', 'output.gain', OFF, { modifiers: [{ control: 'button/shift', held: true }], page: null }),
      ],
    );
    send(runtime, 'knob/1', abs(1));
    expect([store.get('input.gain'), store.get('output.gain')]).toEqual([24, 0]);
    expect(send(runtime, 'button/shift', btn(true)).kind).toBe('mode');
    send(runtime, 'knob/1', abs(0));
    expect([store.get('input.gain'), store.get('output.gain')]).toEqual([24, -24]);
    send(runtime, 'button/shift', btn(false));
    send(runtime, 'knob/1', abs(0.5));
    expect([store.get('input.gain'), store.get('output.gain')]).toEqual([0, -24]);
  });

  it('pages: a page button switches what a knob drives, and listeners hear of it', () => {
    const { store, runtime } = rig(
      [],
      [map('a', 'knob/1', 'eq.band1.freq', OFF, { modifiers: [], page: 'eq' }), map('b', 'knob/1', 'stereo.width', OFF, { modifiers: [], page: 'tone' })],
      MODES,
    );
    const pages: (string | null)[] = [];
    runtime.onPageChange((p) => pages.push(p));
    expect(runtime.page()).toBe('eq');
    send(runtime, 'knob/1', abs(0));
    expect(store.get('eq.band1.freq')).toBeCloseTo(20, 6);
    send(runtime, 'button/page-next', btn(true));
    send(runtime, 'button/page-next', btn(false));
    send(runtime, 'knob/1', abs(0));
    expect([store.get('stereo.width'), runtime.page()]).toEqual([0, 'tone']);
    send(runtime, 'button/page-next', btn(true));
    send(runtime, 'button/tone', btn(true));
    expect(pages).toEqual(['tone', 'eq', 'tone']);
    expect(runtime.status().map((s) => [s.id, s.active])).toEqual([
      ['a', false],
      ['b', true],
    ]);
  });

  it('fine: while held, an absolute control moves one tenth of the hand, from where the parameter is', () => {
    const { store, runtime } = rig([], [map('w', 'knob/1', 'stereo.width')], MODES);
    send(runtime, 'knob/1', abs(0.5), 0);
    expect(store.get('stereo.width')).toBe(100);
    send(runtime, 'button/fine', btn(true), 10);
    send(runtime, 'knob/1', abs(0.5), 20);
    send(runtime, 'knob/1', abs(1), 40);
    expect(store.get('stereo.width')).toBeCloseTo(110, 6);
  });

  it('pickup: after the parameter moved elsewhere, the knob does nothing until it crosses it', () => {
    const { store, runtime } = rig([], [map('g', 'knob/1', 'input.gain', { ...OFF, takeover: { kind: 'pickup' } })]);
    send(runtime, 'knob/1', abs(0.5), 0);
    store.set('input.gain', 12, api); // a recall: the parameter is at position 0.75
    for (const [x, t] of [
      [0.55, 1000],
      [0.6, 1020],
      [0.7, 1040],
    ] as const)
      expect(send(runtime, 'knob/1', abs(x), t).kind).toBe('filtered');
    expect(store.get('input.gain')).toBe(12);
    const st = runtime.status()[0]?.catch;
    expect(st).toMatchObject({ caught: false, direction: 'up' });
    expect(st?.distance).toBeCloseTo(0.05, 9);
    send(runtime, 'knob/1', abs(0.8), 1060);
    send(runtime, 'knob/1', abs(0.85), 1080);
    expect(store.get('input.gain')).toBeCloseTo(16.8, 9);
  });

  it('pickup with 0.5 dB steps stays caught while the knob moves (the read-back of a step is not a move from elsewhere)', () => {
    const { store, runtime } = rig([], [map('g', 'knob/1', 'input.gain', { ...OFF, step: { kind: 'plain', size: 0.5 }, takeover: { kind: 'pickup' } })]);
    send(runtime, 'knob/1', abs(0.5), 0);
    const seen: number[] = [];
    for (let i = 1; i <= 20; i++) {
      send(runtime, 'knob/1', abs(0.5 + i * 0.0071), i * 10);
      seen.push(store.get('input.gain') as number);
    }
    expect(seen.at(-1)).toBe(7);
    expect(new Set(seen.map((v) => v % 0.5)).size).toBe(1);
    expect(runtime.status()[0]?.catch?.caught).toBe(true);
  });

  it('buttons through glue, and a relative encoder', () => {
    const { store, runtime } = rig(
      [],
      [map('t', 'button/1', 'stereo.width', { ...OFF, button: { kind: 'toggle' } }), map('r', 'button/2', 'stereo.width', { ...OFF, button: { kind: 'reset' } })],
    );
    send(runtime, 'button/1', btn(true));
    expect(store.get('stereo.width')).toBe(0);
    send(runtime, 'button/1', btn(false));
    send(runtime, 'button/1', btn(true));
    expect(store.get('stereo.width')).toBe(200);
    send(runtime, 'button/2', btn(true));
    expect(store.get('stereo.width')).toBe(100);
  });

  it('reloads swap the table whole and keep takeover state for mappings that stay', () => {
    const g = { ...OFF, takeover: { kind: 'pickup' as const } };
    const a = rig([], [map('g', 'knob/1', 'input.gain', g)]);
    send(a.runtime, 'knob/1', abs(0.5), 0);
    a.runtime.load(a.table, { fine: null, pages: { names: [], next: null, previous: null, select: [] } });
    expect(a.runtime.status()[0]?.catch?.caught).toBe(true);
  });
});

describe('feedback plan', () => {
  it('shows a change on the namespace and on every active mapped control, through the inverse glue, with a text label', () => {
    const { store, runtime } = rig(
      [bind('fader/1', '/1/fader1', { kind: 'absolute', range: { min: 0, max: 127 } }, '/1/label1'), bind('fader/2', '/1/fader2')],
      [map('m1', 'fader/1', 'input.gain', { ...OFF, reverse: true }), map('m2', 'fader/2', 'input.gain', OFF, { modifiers: [{ control: 'button/shift', held: true }], page: null })],
    );
    const res = store.set('input.gain', 12, api);
    if (!res.ok) throw new Error('set failed');
    expect(oscFeedbackFor(res.value, runtime, store)).toEqual([
      { address: '/detent/param/input.gain', value: 12, range: 48 },
      { address: '/detent/param/input.gain/norm', value: 0.75, range: 1 },
      { address: '/1/fader1', value: 31.75, range: 127 },
      { address: '/1/label1', value: '+12.0 dB', range: 0 },
    ]);
  });

  it.each([
    ['no recent input', undefined, 1000, 0.5, 'send'],
    ['inside the window', { t: 900, value: 0.5 }, 1000, 0.5, 'hold'],
    ['inside the window, other value', { t: 900, value: 0.1 }, 1000, 0.5, 'hold'],
    ['after the window, same value', { t: 900, value: 0.5 }, 900 + ECHO_WINDOW_MS, 0.505, 'skip'],
    ['after the window, the control is off the truth', { t: 900, value: 0.4 }, 900 + ECHO_WINDOW_MS, 0.5, 'send'],
  ] as const)('echo: %s → %s', (_n, last, now, value, kind) => {
    expect(echoDecision(last, now, value, 1).kind).toBe(kind);
  });
});

describe('OSC presence', () => {
  it.each([
    ['a target seen for the first time', [['127.0.0.1:9001', 0]], [true]],
    ['a target speaking steadily', [['127.0.0.1:9001', 0], ['127.0.0.1:9001', 1000], ['127.0.0.1:9001', 5999]], [true, false, false]],
    ['a target back after silence', [['127.0.0.1:9001', 0], ['127.0.0.1:9001', 5000]], [true, true]],
    ['a sender that is no target', [['127.0.0.1:5555', 0]], [false]],
  ] as const)('%s', async (_n, events, want) => {
    const { PeerPresence } = await import('../../bridge/core/feedback/presence.js');
    const p = new PeerPresence(['127.0.0.1:9001']);
    expect(events.map(([peer, t]) => p.seen(peer, t))).toEqual(want);
  });
});
