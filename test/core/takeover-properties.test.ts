import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { catchStatus, FRESH_TAKEOVER } from '../../bridge/core/takeover/takeover.js';
import { clampUnit, isUnit } from '../../bridge/core/unit.js';
import { actionsArb, EPS, modeArb, run, unitArb } from './takeover-arbitraries.js';

describe('takeover properties', () => {
  it('applies only Units, whatever the mode, times and gains', () => {
    const gain = fc.constantFrom(1, 0.1, 0, 2, Number.NaN, -1);
    fc.assert(
      fc.property(modeArb, unitArb, actionsArb(gain), (mode, p0, actions) =>
        run(mode, p0, actions, (s) => {
          expect(s.apply === undefined || isUnit(s.apply)).toBe(true);
          expect(s.state.lastKnob).toBe(s.k);
        }),
      ),
    );
  });

  it('pickup never jumps: the parameter moves no further than the hand since its previous event', () => {
    fc.assert(
      fc.property(unitArb, actionsArb(fc.constantFrom(1, 0.1)), (p0, actions) =>
        run({ kind: 'pickup' }, p0, actions, (s) => {
          if (s.apply === undefined) return;
          const hand = s.k0 === null ? 0 : Math.abs(s.k - s.k0);
          expect(Math.abs(s.apply - s.p)).toBeLessThanOrEqual(hand + EPS);
        }),
      ),
    );
  });

  it('parallel applies exactly param + Δ, clamped (gain × Δ with fine)', () => {
    fc.assert(
      fc.property(unitArb, actionsArb(fc.constantFrom(1, 0.1)), (p0, actions) =>
        run({ kind: 'parallel' }, p0, actions, (s) => {
          if (s.k0 === null || s.k === s.k0) expect(s.apply).toBeUndefined();
          else if (s.gain === 1) expect(s.apply).toBe(clampUnit(s.p + (s.k - s.k0)));
          else expect(s.apply).toBeCloseTo(clampUnit(s.p + s.gain * (s.k - s.k0)), 12);
        }),
      ),
    );
  });

  it('catch-up moves the parameter only the way the control moves', () => {
    fc.assert(
      fc.property(unitArb, actionsArb(fc.constantFrom(1, 0.1)), (p0, actions) =>
        run({ kind: 'catch-up' }, p0, actions, (s) => {
          if (s.apply === undefined || s.k0 === null) return;
          expect((s.apply - s.p) * Math.sign(s.k - s.k0)).toBeGreaterThanOrEqual(-EPS);
        }),
      ),
    );
  });

  it('catchStatus: distance and direction describe the way to the parameter', () => {
    fc.assert(
      fc.property(modeArb, unitArb, actionsArb(fc.constantFrom(1, 0.1)), unitArb, (mode, p0, actions, param) => {
        let state = FRESH_TAKEOVER;
        run(mode, p0, actions, (s) => (state = s.state));
        const st = catchStatus(mode, state, param);
        if (state.lastKnob === null) {
          expect(st).toMatchObject({ knob: null, direction: null, distance: null });
          return;
        }
        expect(st.distance).toBe(Math.abs(param - state.lastKnob));
        if (st.direction === 'up') expect(param).toBeGreaterThan(state.lastKnob);
        if (st.direction === 'down') expect(param).toBeLessThan(state.lastKnob);
        if (mode.kind === 'off' || mode.kind === 'parallel' || mode.kind === 'catch-up') expect(st.caught).toBe(true);
      }),
    );
  });
});
