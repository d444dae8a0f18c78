import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ManualClock } from '../../bridge/core/clock.js';
import { Coalescer } from '../../bridge/core/feedback/coalescer.js';
import { isEcho, oscFeedbackFor } from '../../bridge/core/feedback/osc-feedback.js';
import { IDENTITY_GLUE } from '../../bridge/core/glue/glue.js';
import type { OscArg } from '../../bridge/core/input.js';
import { ParamStore } from '../../bridge/core/param/store.js';
import { parseDetentAddress } from '../../bridge/core/routing/detent-namespace.js';
import { oscKey } from '../../bridge/core/routing/key.js';
import { routeOsc } from '../../bridge/core/routing/osc-input.js';
import { compileRouting, type ControlBinding, type MappingSpec } from '../../bridge/core/routing/table.js';
import { clampUnit } from '../../bridge/core/unit.js';
import { PARAMS } from './fixtures.js';

const bind = (control: string, address: string): ControlBinding => ({ control, input: oscKey(address), feedbackAddress: address, decode: { kind: 'absolute' } });
const map = (id: string, control: string, target: string, glue = IDENTITY_GLUE): MappingSpec => ({ id, control, target, glue, feedback: true });
const known = (id: string): boolean => PARAMS.some((p) => p.id === id);

const bindings = [bind('fader/1', '/1/fader1'), bind('fader/2', '/1/fader2')];
const mappings = [map('m1', 'fader/1', 'input.gain'), map('m2', 'fader/1', 'stereo.width'), map('m3', 'knob/9', 'output.gain'), map('m4', 'fader/2', 'nope')];

const osc = (address: string, args: OscArg[], peer = '127.0.0.1:5000') => ({ kind: 'osc' as const, device: 'osc', peer, address, args, t: 0 });

describe('routing table', () => {
  const { table, problems } = compileRouting(bindings, mappings, known);

  it('routes one input to every mapping of its control, lists unbound ones, reports unknown targets', () => {
    expect(table.byInput.get(oscKey('/1/fader1'))?.map((r) => r.mapping.id)).toEqual(['m1', 'm2']);
    expect(table.byTarget.get('stereo.width')?.map((r) => r.binding.input)).toEqual([oscKey('/1/fader1')]);
    expect(table.unbound.map((m) => m.id)).toEqual(['m3']);
    expect(problems).toEqual([{ mapping: 'm4', message: "unknown parameter 'nope'" }]);
    expect(table.byInput.get(oscKey('/1/fader2'))).toBeUndefined();
  });

  it('is frozen', () => {
    expect(Object.isFrozen(table)).toBe(true);
    expect(Object.isFrozen(table.byInput.get(oscKey('/1/fader1')))).toBe(true);
  });

  it('look-ups find exactly the compiled addresses', () => {
    fc.assert(
      fc.property(fc.string(), (addr) => {
        const hit = table.byInput.get(oscKey(addr));
        expect(hit !== undefined).toBe(addr === '/1/fader1');
      }),
    );
  });
});

describe('routeOsc', () => {
  const { table } = compileRouting(bindings, mappings, known);
  const fresh = () => new ParamStore(PARAMS, new ManualClock());

  it.each([
    ['/detent/param/input.gain', [{ type: 'f', value: -6 }], 'input.gain', -6],
    ['/detent/param/input.gain', [{ type: 'i', value: 3 }], 'input.gain', 3],
    ['/detent/param/eq.band1.freq/norm', [{ type: 'd', value: 0.5 }], 'eq.band1.freq', Math.sqrt(20 * 20000)],
    ['/1/fader1', [{ type: 'f', value: 0.75 }], 'input.gain', 12],
  ] as const)('%s %o sets %s to %s', (address, args, id, want) => {
    const store = fresh();
    const out = routeOsc(osc(address, [...args]), table, store);
    expect(out.kind).toBe('applied');
    expect(store.get(id)).toBeCloseTo(want, 6);
  });

  it('one mapped control drives both its parameters', () => {
    const store = fresh();
    routeOsc(osc('/1/fader1', [{ type: 'f', value: 1 }]), table, store);
    expect([store.get('input.gain'), store.get('stereo.width')]).toEqual([24, 200]);
  });

  it.each([
    ['/detent/param/input.gain', [], 'rejected'],
    ['/detent/param/input.gain', [{ type: 's', value: 'x' }], 'rejected'],
    ['/detent/param/input.gain', [{ type: 'f', value: 99 }], 'rejected'],
    ['/detent/param/input.gain', [{ type: 'f', value: Number.NaN }], 'rejected'],
    ['/detent/param/input.gain/norm', [{ type: 'f', value: 1.5 }], 'rejected'],
    ['/detent/param/nope', [{ type: 'f', value: 1 }], 'rejected'],
    ['/1/fader1', [{ type: 'f', value: -0.1 }], 'rejected'],
    ['/1/fader1', [{ type: 'other', tag: 'b' }], 'rejected'],
    ['/nowhere', [{ type: 'f', value: 1 }], 'unmapped'],
    ['/detent/param/', [{ type: 'f', value: 1 }], 'unmapped'],
  ] as const)('%s %o is %s and changes nothing', (address, args, kind) => {
    const store = fresh();
    const before = store.snapshot();
    expect(routeOsc(osc(address, [...args]), table, store).kind).toBe(kind);
    expect(store.snapshot()).toEqual(before);
  });

  it('names the address, peer and types in a rejection', () => {
    const out = routeOsc(osc('/detent/param/input.gain', [{ type: 's', value: 'x' }], '10.0.0.2:7000'), table, fresh());
    expect(out).toEqual({ kind: 'rejected', error: { code: 'OSC_BAD_ARGUMENTS', message: '/detent/param/input.gain from 10.0.0.2:7000: expected one number, got [s]' } });
  });

  it('parses the namespace strictly', () => {
    expect(parseDetentAddress('/detent/param/a.b/norm')).toEqual({ id: 'a.b', norm: true });
    expect(parseDetentAddress('/detent/param/a/b')).toBeUndefined();
    expect(parseDetentAddress('/detent/params/a')).toBeUndefined();
  });
});

describe('feedback', () => {
  const { table } = compileRouting(bindings, [map('m1', 'fader/1', 'input.gain', { ...IDENTITY_GLUE, reverse: true })], known);

  it('lists namespace addresses and mapped controls through the inverse glue', () => {
    const store = new ParamStore(PARAMS, new ManualClock());
    const res = store.set('input.gain', 12, { kind: 'api' });
    if (!res.ok) throw new Error('set failed');
    expect(oscFeedbackFor(res.value, table, store)).toEqual([
      { address: '/detent/param/input.gain', value: 12 },
      { address: '/detent/param/input.gain/norm', value: 0.75 },
      { address: '/1/fader1', value: 0.25 },
    ]);
  });

  it('suppresses only the echo to the moving control of the sending peer', () => {
    const change = { id: 'input.gain', value: 1, norm: clampUnit(0.5), origin: { kind: 'osc', peer: '127.0.0.1:5000', address: '/1/fader1' }, t: 0 } as const;
    expect(isEcho(change, '127.0.0.1:5000', '/1/fader1')).toBe(true);
    expect(isEcho(change, '127.0.0.1:5000', '/detent/param/input.gain')).toBe(false);
    expect(isEcho(change, '127.0.0.1:5001', '/1/fader1')).toBe(false);
    expect(isEcho({ ...change, origin: { kind: 'api' } }, '127.0.0.1:5000', '/1/fader1')).toBe(false);
  });

  it('coalescer keeps the last value per key in first-seen order and counts the rest', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer())), (puts) => {
        const c = new Coalescer<string, number>();
        for (const [k, v] of puts) c.put(k, v);
        const last = new Map<string, number>();
        for (const [k, v] of puts) last.set(k, v);
        expect(c.drain()).toEqual([...last.values()]);
        expect(c.coalesced).toBe(puts.length - last.size);
        expect(c.size).toBe(0);
      }),
    );
  });
});
