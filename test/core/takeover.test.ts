import { describe, expect, it } from 'vitest';
import type { TakeoverMode } from '../../bridge/core/mapping/spec.js';
import {
  catchStatus,
  FRESH_TAKEOVER,
  takeover,
  type TakeoverState,
} from '../../bridge/core/takeover/takeover.js';
import { clampUnit, type Unit } from '../../bridge/core/unit.js';
import { SEQUENCES } from './takeover-fixtures.js';
import { replay } from './takeover-replay.js';

const u = (x: number): Unit => clampUnit(x);
/** A state whose last event saw the knob at `knob` at `t`, having applied `applied` (caught if so). */
const seen = (knob: number, t: number, applied: number | null = null): TakeoverState => ({
  lastKnob: u(knob),
  lastT: t,
  lastApplied: applied === null ? null : u(applied),
  caught: applied !== null && Math.abs(applied - knob) < 1e-9,
  slack: 1e-6,
});
const step = (mode: TakeoverMode, s: TakeoverState, knob: number, param: number, t = 1000, gain = 1): number | undefined =>
  takeover(mode, s, { knob: u(knob), param: u(param), t, gain }).apply;

const OFF: TakeoverMode = { kind: 'off' };
const PICKUP: TakeoverMode = { kind: 'pickup' };
const TOLERANT: TakeoverMode = { kind: 'pickup-tolerant', tolerance: 0.05 };
const LTNS: TakeoverMode = { kind: 'long-time-no-see', tolerance: 0.05 };
const CATCH_UP: TakeoverMode = { kind: 'catch-up' };
const PARALLEL: TakeoverMode = { kind: 'parallel' };

describe('takeover, one event per mode', () => {
  // [mode, state, knob, param, t, want]
  it.each([
    ['off, fresh', OFF, FRESH_TAKEOVER, 0.2, 0.8, 1000, 0.2],
    ['pickup, fresh, far', PICKUP, FRESH_TAKEOVER, 0.2, 0.8, 1000, undefined],
    ['pickup, fresh, on it', PICKUP, FRESH_TAKEOVER, 0.8, 0.8 + 5e-7, 1000, 0.8],
    ['pickup, crossing up within a gesture', PICKUP, seen(0.75, 950), 0.85, 0.8, 1000, 0.85],
    ['pickup, crossing down within a gesture', PICKUP, seen(0.85, 950), 0.75, 0.8, 1000, 0.75],
    ['pickup, previous on it within a gesture', PICKUP, seen(0.8, 950), 0.9, 0.8, 1000, 0.9],
    ['pickup, crossing at 99 ms', PICKUP, seen(0.75, 901), 0.85, 0.8, 1000, 0.85],
    ['pickup, crossing at 100 ms (stale)', PICKUP, seen(0.75, 900), 0.85, 0.8, 1000, undefined],
    ['pickup, time going backwards', PICKUP, seen(0.75, 1050), 0.85, 0.8, 1000, undefined],
    ['pickup, same side', PICKUP, seen(0.5, 990), 0.7, 0.8, 1000, undefined],
    ['pickup, caught, param unmoved', PICKUP, seen(0.5, 0, 0.5), 0.55, 0.5, 1000, 0.55],
    ['pickup, caught, param moved elsewhere', PICKUP, seen(0.5, 0, 0.5), 0.55, 0.6, 1000, undefined],
    ['pickup-tolerant, fresh, within', TOLERANT, FRESH_TAKEOVER, 0.46, 0.5, 1000, 0.46],
    ['pickup-tolerant, fresh, outside', TOLERANT, FRESH_TAKEOVER, 0.44, 0.5, 1000, undefined],
    ['pickup-tolerant, stale crossing', TOLERANT, seen(0.3, 0), 0.7, 0.5, 1000, undefined],
    ['long-time-no-see, fresh, within', LTNS, FRESH_TAKEOVER, 0.46, 0.5, 1000, 0.46],
    ['long-time-no-see, fresh, far', LTNS, FRESH_TAKEOVER, 0.2, 0.6, 1000, 0.5],
    ['long-time-no-see, in a gesture', LTNS, seen(0.2, 990), 0.25, 0.6, 1000, 0.25 + 0.75 * 0.4],
    ['long-time-no-see, after a pause', LTNS, seen(0.2, 0), 0.25, 0.65, 1000, 0.55],
    ['long-time-no-see, crossing in a gesture', LTNS, seen(0.3, 990), 0.7, 0.5, 1000, 0.7],
    ['long-time-no-see, repeat', LTNS, seen(0.2, 990), 0.2, 0.6, 1000, undefined],
    ['catch-up, fresh, far', CATCH_UP, FRESH_TAKEOVER, 0.2, 0.6, 1000, undefined],
    ['catch-up, fresh, on it', CATCH_UP, FRESH_TAKEOVER, 0.6, 0.6, 1000, 0.6],
    ['catch-up, up', CATCH_UP, seen(0.2, 0), 0.4, 0.6, 1000, 0.7],
    ['catch-up, down', CATCH_UP, seen(0.4, 0), 0.2, 0.6, 1000, 0.3],
    ['catch-up, up from 0 below the param', CATCH_UP, seen(0, 0), 0.5, 0.2, 1000, 0.6],
    ['catch-up, landing on it mid-move still scales', CATCH_UP, seen(0.4, 0), 0.2, 0.2, 1000, 0.1],
    ['catch-up, previous on it: follows', CATCH_UP, seen(0.4, 0), 0.5, 0.4, 1000, 0.5],
    ['catch-up, repeat', CATCH_UP, seen(0.4, 0), 0.4, 0.6, 1000, undefined],
    ['parallel, fresh', PARALLEL, FRESH_TAKEOVER, 0.2, 0.6, 1000, undefined],
    ['parallel, up', PARALLEL, seen(0.2, 0), 0.3, 0.6, 1000, 0.7],
    ['parallel, clamped', PARALLEL, seen(0.2, 0), 0.9, 0.6, 1000, 1],
  ] as const)('%s', (_name, mode, s, knob, param, t, want) => {
    const got = step(mode, s, knob, param, t);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toBeCloseTo(want, 12);
  });

  it.each([
    ['off moves as parallel', OFF, seen(0.2, 0), 0.3, 0.8, 0.81],
    ['pickup, caught: a tenth of the move', PICKUP, seen(0.5, 0, 0.5), 0.6, 0.5, 0.51],
    ['pickup, uncaught: still nothing', PICKUP, seen(0.5, 990), 0.6, 0.8, undefined],
    ['pickup, crossing: a tenth of the normal catch, still not caught', PICKUP, seen(0.5, 990), 0.9, 0.8, 0.81],
    ['catch-up: a tenth of its scaled step', CATCH_UP, seen(0.2, 0), 0.4, 0.6, 0.61],
    ['parallel: a tenth of the change', PARALLEL, seen(0.2, 0), 0.3, 0.6, 0.61],
    ['long-time-no-see: a tenth of its approach', LTNS, FRESH_TAKEOVER, 0.2, 0.6, 0.59],
  ] as const)('fine (gain 0.1): %s', (_name, mode, s, knob, param, want) => {
    const got = step(mode, s, knob, param, 1000, 0.1);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toBeCloseTo(want, 12);
  });

  it('a bad gain counts as 1', () => {
    expect(step(PARALLEL, seen(0.2, 0), 0.3, 0.6, 1000, Number.NaN)).toBeCloseTo(0.7, 12);
    expect(step(PARALLEL, seen(0.2, 0), 0.3, 0.6, 1000, -1)).toBeCloseTo(0.7, 12);
  });

  it('remembers the knob, the time and the slack; the caught flag follows what was applied', () => {
    const r = takeover(PICKUP, FRESH_TAKEOVER, { knob: u(0.4), param: u(0.4), t: 7, gain: 1, slack: 0.01 });
    expect(r.state).toEqual({ lastKnob: 0.4, lastT: 7, lastApplied: 0.4, caught: true, slack: 0.01 });
    const r2 = takeover(PICKUP, r.state, { knob: u(0.5), param: u(0.9), t: 20, gain: 1 });
    expect(r2.apply).toBeUndefined();
    expect(r2.state).toMatchObject({ lastKnob: 0.5, lastT: 20, caught: false, slack: 1e-6 });
  });
});

describe('recorded sequences', () => {
  it.each(SEQUENCES.map((s) => [s.name, s] as const))('%s', (_name, s) => {
    const { applied, wanted } = replay(s);
    applied.forEach((got, i) => {
      const want = wanted[i];
      if (want === 'unchecked') return;
      if (want === null || want === undefined) expect(got, `event ${i}`).toBeNull();
      else expect(got, `event ${i}`).toBeCloseTo(want, 9);
    });
  });
});

describe('catchStatus', () => {
  it('a never-seen control: nothing known; caught only in modes that need no catching', () => {
    for (const [mode, caught] of [[OFF, true], [PARALLEL, true], [CATCH_UP, true], [PICKUP, false], [TOLERANT, false], [LTNS, false]] as const) {
      expect(catchStatus(mode, FRESH_TAKEOVER, u(0.5))).toEqual({ caught, knob: null, direction: null, distance: null });
    }
  });

  it('says which way and how far to turn', () => {
    const s = seen(0.2, 0);
    expect(catchStatus(PICKUP, s, u(0.43))).toMatchObject({ caught: false, knob: 0.2, direction: 'up' });
    expect(catchStatus(PICKUP, s, u(0.43)).distance).toBeCloseTo(0.23, 12);
    expect(catchStatus(PICKUP, s, u(0.1))).toMatchObject({ caught: false, direction: 'down' });
    expect(catchStatus(OFF, s, u(0.43))).toMatchObject({ caught: true, direction: 'up' });
    expect(catchStatus(CATCH_UP, s, u(0.43)).caught).toBe(true);
    expect(catchStatus(PARALLEL, s, u(0.43)).caught).toBe(true);
  });

  it('caught per the current parameter: lost when the parameter moves elsewhere', () => {
    const s = seen(0.5, 0, 0.5);
    expect(catchStatus(PICKUP, s, u(0.5))).toEqual({ caught: true, knob: 0.5, direction: null, distance: 0 });
    expect(catchStatus(PICKUP, s, u(0.7))).toMatchObject({ caught: false, direction: 'up' });
    expect(catchStatus(LTNS, s, u(0.54)).caught).toBe(true); // within the tolerance
    expect(catchStatus(TOLERANT, s, u(0.56)).caught).toBe(false);
  });
});
