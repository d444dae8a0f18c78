import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ManualClock } from '../../bridge/core/clock.js';
import { ParamStore, type ParamChange } from '../../bridge/core/param/store.js';
import { clampUnit } from '../../bridge/core/unit.js';
import { PARAMS } from './fixtures.js';

const api = { kind: 'api' } as const;

describe('ParamStore', () => {
  it('starts at defaults and notifies every listener with value, norm, origin and time', () => {
    const clock = new ManualClock(1000);
    const store = new ParamStore(PARAMS, clock);
    expect(store.get('input.gain')).toBe(0);
    const seen: ParamChange[] = [];
    store.subscribe((c) => seen.push(c));
    clock.advance(5);
    const res = store.set('input.gain', -6, api);
    expect(res.ok).toBe(true);
    expect(seen).toEqual([{ id: 'input.gain', value: -6, norm: 0.375, origin: api, t: 1005 }]);
  });

  it.each([
    ['nope', 1, 'PARAM_UNKNOWN', "unknown parameter 'nope'"],
    ['input.gain', 30, 'PARAM_OUT_OF_RANGE', 'input.gain: 30 is outside -24..24 dB'],
    ['input.gain', Number.NaN, 'PARAM_NOT_FINITE', 'input.gain: value must be a finite number, got NaN'],
    ['input.gain', Number.POSITIVE_INFINITY, 'PARAM_NOT_FINITE', 'input.gain: value must be a finite number, got Infinity'],
  ])('set(%s, %s) is rejected with %s', (id, v, code, message) => {
    const store = new ParamStore(PARAMS, new ManualClock());
    const res = store.set(id, v, api);
    expect(res).toEqual({ ok: false, error: { code, message } });
    expect(store.get('input.gain')).toBe(0);
  });

  it('applies the step', () => {
    const store = new ParamStore(PARAMS, new ManualClock());
    store.set('output.gain', -3.3, api);
    expect(store.get('output.gain')).toBe(-3.5);
  });

  it('isolates a throwing listener', () => {
    const errors: unknown[] = [];
    const store = new ParamStore(PARAMS, new ManualClock(), (e) => errors.push(e));
    const seen: number[] = [];
    store.subscribe(() => {
      throw new Error('boom');
    });
    store.subscribe((c) => seen.push(c.value));
    store.set('input.gain', 3, api);
    expect(seen).toEqual([3]);
    expect(errors).toHaveLength(1);
  });

  it('never holds a value outside its range or NaN, whatever is thrown at it', () => {
    const store = new ParamStore(PARAMS, new ManualClock());
    fc.assert(
      fc.property(fc.constantFrom(...PARAMS.map((p) => p.id)), fc.oneof(fc.double(), fc.double({ min: -1, max: 2 })), fc.boolean(), (id, v, norm) => {
        if (norm) store.setNorm(id, clampUnit(v), api);
        else store.set(id, v, api);
        for (const d of PARAMS) {
          const x = store.get(d.id) as number;
          expect(Number.isFinite(x) && x >= d.min && x <= d.max).toBe(true);
        }
      }),
    );
  });

  it('refuses duplicate ids and broken descriptors at construction', () => {
    expect(() => new ParamStore([...PARAMS, PARAMS[0]!], new ManualClock())).toThrow(/duplicate parameter id input\.gain/);
    expect(() => new ParamStore([{ ...PARAMS[0]!, min: 5, max: 1 }], new ManualClock())).toThrow(/min 5 must be below max 1/);
  });
});
