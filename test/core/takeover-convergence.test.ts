import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TakeoverMode } from '../../bridge/core/mapping/spec.js';
import { catchStatus, LONG_TIME_NO_SEE_FRACTION } from '../../bridge/core/takeover/takeover.js';
import type { Unit } from '../../bridge/core/unit.js';
import { actionsArb, EPS, toleranceArb, u, unitArb, run, type Action } from './takeover-arbitraries.js';

describe('takeover convergence properties', () => {
  it('catch-up reaches 1 when the control reaches 1 moving up, rising all the way', () => {
    const upArb = fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(unitArb, upArb, (p0, xs) => {
        const knobs = [...new Set(xs)].sort((a, b) => a - b).map(u);
        const actions: Action[] = [...knobs, u(1)].map((knob) => ({ knob, dt: 10, gain: 1 }));
        let last: Unit = p0;
        run({ kind: 'catch-up' }, p0, actions, (s) => {
          if (s.apply === undefined) return;
          expect(s.apply).toBeGreaterThanOrEqual(s.p - EPS);
          last = s.apply;
        });
        expect(last).toBeGreaterThan(1 - 1e-9);
      }),
    );
  });

  it('a caught control stays caught, following exactly, while nothing else moves the parameter', () => {
    const syncing = fc.constantFrom<TakeoverMode>(
      { kind: 'off' },
      { kind: 'pickup' },
      { kind: 'pickup-tolerant', tolerance: 0.05 },
      { kind: 'long-time-no-see', tolerance: 0.05 },
      { kind: 'catch-up' },
    );
    fc.assert(
      fc.property(syncing, unitArb, actionsArb(fc.constant(1), false), (mode, x, moves) => {
        const actions: Action[] = [{ knob: x, dt: 0, gain: 1 }, ...moves];
        run(mode, x, actions, (s) => {
          expect(s.apply).toBe(s.k);
          expect(s.state.caught).toBe(true);
          expect(catchStatus(mode, s.state, s.k).caught).toBe(true);
        });
      }),
    );
  });

  it('long-time-no-see closes a fixed fraction of the gap per event within a gesture', () => {
    const gestureArb = fc.array(unitArb, { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(toleranceArb, unitArb, gestureArb, (tolerance, p0, knobs) => {
        const actions: Action[] = knobs.map((knob) => ({ knob, dt: 10, gain: 1 }));
        run({ kind: 'long-time-no-see', tolerance }, p0, actions, (s) => {
          if (s.apply === undefined || s.apply === s.k) return;
          const before = Math.abs((s.k0 ?? s.k) - s.p);
          expect(Math.abs(s.k - s.apply)).toBeLessThanOrEqual((1 - LONG_TIME_NO_SEE_FRACTION) * before + 1e-12);
        });
      }),
    );
  });
});
