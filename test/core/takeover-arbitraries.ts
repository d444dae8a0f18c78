/** Arbitraries and a replay loop shared by the soft-takeover property tests. */
import fc from 'fast-check';
import type { TakeoverMode } from '../../bridge/core/mapping/spec.js';
import { FRESH_TAKEOVER, takeover, type TakeoverState } from '../../bridge/core/takeover/takeover.js';
import { clampUnit, type Unit } from '../../bridge/core/unit.js';

export const u = (x: number): Unit => clampUnit(x);
export const EPS = 3e-6; // a few TAKEOVER_EPSILON: the slack between applied and read-back positions
export const unitArb = fc.oneof(fc.constantFrom(0, 1, 0.5), fc.double({ min: 0, max: 1, noNaN: true })).map(u);
export const toleranceArb = fc.double({ min: 0, max: 0.2, noNaN: true });
export const modeArb: fc.Arbitrary<TakeoverMode> = fc.oneof(
  fc.constantFrom<TakeoverMode>({ kind: 'off' }, { kind: 'pickup' }, { kind: 'catch-up' }, { kind: 'parallel' }),
  toleranceArb.map((tolerance): TakeoverMode => ({ kind: 'pickup-tolerant', tolerance })),
  toleranceArb.map((tolerance): TakeoverMode => ({ kind: 'long-time-no-see', tolerance })),
);

/** A control event (`dt` ms after the previous one) or a parameter move from elsewhere. */
export type Action = { readonly knob: Unit; readonly dt: number; readonly gain: number } | { readonly param: Unit };
export const actionsArb = (gain: fc.Arbitrary<number>, elsewhere = true): fc.Arbitrary<Action[]> =>
  fc.array(
    elsewhere
      ? fc.oneof(
          { weight: 4, arbitrary: fc.record({ knob: unitArb, dt: fc.integer({ min: -20, max: 300 }), gain }) },
          { weight: 1, arbitrary: fc.record({ param: unitArb }) },
        )
      : fc.record({ knob: unitArb, dt: fc.integer({ min: -20, max: 300 }), gain }),
    { maxLength: 40 },
  );

export interface Seen {
  readonly k0: Unit | null;
  readonly k: Unit;
  readonly p: Unit;
  readonly gain: number;
  readonly apply: Unit | undefined;
  readonly state: TakeoverState;
}

/** Replays the actions from FRESH with the parameter at p0 (applied values are read back as is). */
export function run(mode: TakeoverMode, p0: Unit, actions: readonly Action[], check: (s: Seen) => void): void {
  let p = p0;
  let state = FRESH_TAKEOVER;
  let t = 0;
  for (const a of actions) {
    if ('param' in a) {
      p = a.param;
      continue;
    }
    t += a.dt;
    const r = takeover(mode, state, { knob: a.knob, param: p, t, gain: a.gain });
    check({ k0: state.lastKnob, k: a.knob, p, gain: a.gain, apply: r.apply, state: r.state });
    state = r.state;
    if (r.apply !== undefined) p = r.apply;
  }
}
