import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../bridge/core/clock.js';
import { ParamStore } from '../../bridge/core/param/store.js';
import { History } from '../../bridge/session/history/history.js';
import { PARAMS } from './fixtures.js';

const KNOB = { kind: 'osc', peer: '10.0.0.5:9000', address: '/1/fader1' } as const;
const OTHER = { kind: 'osc', peer: '10.0.0.5:9000', address: '/1/fader2' } as const;
const API = { kind: 'api' } as const;

function rig() {
  const clock = new ManualClock(0);
  const store = new ParamStore(PARAMS, clock);
  let wall = Date.UTC(2026, 2, 1, 12, 0, 0);
  const history = new History(store, { wallClock: () => wall });
  const turn = (id: string, values: number[], origin: typeof KNOB | typeof API = KNOB, everyMs = 20) => {
    for (const v of values) {
      clock.advance(everyMs);
      wall += everyMs;
      store.set(id, v, origin);
    }
  };
  return { clock, store, history, turn };
}

describe('history', () => {
  it('one knob turn is one step, from the value before it to the value after it, with timestamps', () => {
    const { history, turn } = rig();
    turn('input.gain', [-1, -2, -3, -4, -5, -6]);
    const v = history.view();
    expect(v.steps).toHaveLength(1);
    expect(v.steps[0]).toMatchObject({ label: 'input.gain', origin: 'osc 10.0.0.5:9000 /1/fader1', changes: [{ id: 'input.gain', before: 0, after: -6 }] });
    expect(v.steps[0]?.at).toBe('2026-03-01T12:00:00.020Z');
    expect(v.steps[0]?.until).toBe('2026-03-01T12:00:00.120Z');
  });

  it('a pause longer than the gesture window, another parameter or another origin starts a new step', () => {
    const { history, turn, clock } = rig();
    turn('input.gain', [-1, -2]);
    clock.advance(600);
    turn('input.gain', [-3]);
    turn('output.gain', [2]);
    turn('output.gain', [3], API);
    expect(history.view().steps.map((s) => [s.label, s.changes[0]?.before, s.changes[0]?.after])).toEqual([
      ['input.gain', 0, -2],
      ['input.gain', -2, -3],
      ['output.gain', 0, 2],
      ['output.gain', 2, 3],
    ]);
  });

  it('two parameters moved by one event (same instant, same origin) are one step', () => {
    const { history, store, clock } = rig();
    clock.advance(10);
    store.set('input.gain', -3, KNOB);
    store.set('output.gain', 3, KNOB);
    expect(history.view().steps).toHaveLength(1);
    expect(history.view().steps[0]?.label).toBe('input.gain, output.gain');
  });

  it('undo and redo walk the steps and move the store back and forth; a new step clears redo', () => {
    const { history, store, turn, clock } = rig();
    turn('input.gain', [-1, -2]);
    clock.advance(1000);
    turn('eq.band1.gain', [3, 4]);
    expect(history.undo().ok).toBe(true);
    expect(store.get('eq.band1.gain')).toBe(0);
    expect(history.undo().ok).toBe(true);
    expect(store.get('input.gain')).toBe(0);
    const none = history.undo();
    expect(none.ok ? '' : none.error.code).toBe('HISTORY_NOTHING_TO_UNDO');
    expect(history.view()).toMatchObject({ undoable: 0, redoable: 2 });
    expect(history.redo().ok).toBe(true);
    expect(store.get('input.gain')).toBe(-2);
    expect(history.view()).toMatchObject({ undoable: 1, redoable: 1 });
    clock.advance(1000);
    turn('output.gain', [1]);
    expect(history.view()).toMatchObject({ undoable: 2, redoable: 0 });
    const r = history.redo();
    expect(r.ok ? '' : r.error.code).toBe('HISTORY_NOTHING_TO_REDO');
  });

  it('a batch (a recall) is one step whatever it moves, and undo restores every value', () => {
    const { history, store, turn, clock } = rig();
    turn('input.gain', [-4]);
    clock.advance(1000);
    history.batch('recall B', () => {
      for (const d of PARAMS) store.set(d.id, d.id === 'eq.bypass' ? 1 : d.id === 'eq.band1.freq' ? 500 : -1, { kind: 'recall' });
    });
    const steps = history.view().steps;
    expect(steps).toHaveLength(2);
    expect(steps[1]?.label).toBe('recall B');
    expect(steps[1]?.changes.map((c) => c.id).sort()).toEqual(['eq.band1.freq', 'eq.band1.gain', 'eq.bypass', 'input.gain', 'output.gain']);
    history.undo();
    expect(Object.fromEntries(store.snapshot())).toEqual({ 'input.gain': -4, 'eq.band1.gain': 0, 'eq.band1.freq': 1000, 'eq.bypass': 0, 'output.gain': 0 });
  });

  it('undo is not itself recorded, and changes that move nothing are not steps', () => {
    const { history, store, turn } = rig();
    turn('input.gain', [-1]);
    store.set('output.gain', 0, OTHER);
    history.undo();
    expect(history.view().steps.map((s) => s.label)).toEqual(['input.gain']);
    expect(history.view().undoable).toBe(0);
  });
});
