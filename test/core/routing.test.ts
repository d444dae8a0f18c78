import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { OscArg } from '../../bridge/core/input.js';
import { parseDetentAddress } from '../../bridge/core/routing/detent-namespace.js';
import { oscKey } from '../../bridge/core/routing/key.js';
import { decodeOsc } from '../../bridge/core/routing/osc-decode.js';
import { routeOsc } from '../../bridge/core/routing/osc-input.js';
import { bind, map, rig } from './mapping-fixtures.js';

const osc = (address: string, args: OscArg[], peer = '127.0.0.1:5000') => ({ kind: 'osc' as const, device: 'osc', peer, address, args, t: 0 });

describe('routing table', () => {
  const bindings = [bind('fader/1', '/1/fader1'), bind('fader/1', '/fader_1'), bind('fader/2', '/1/fader2')];
  const mappings = [map('m1', 'fader/1', 'input.gain'), map('m2', 'fader/1', 'stereo.width'), map('m3', 'knob/9', 'output.gain'), map('m4', 'fader/2', 'nope')];
  const { table, problems } = rig(bindings, mappings);

  it('routes inputs to controls, controls to mappings, targets to routes; lists unbound; reports unknown targets', () => {
    expect(table.byInput.get(oscKey('/1/fader1'))?.map((b) => b.control)).toEqual(['fader/1']);
    expect(table.byControl.get('fader/1')?.map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(table.byTarget.get('input.gain')?.map((r) => r.binding.input)).toEqual([oscKey('/1/fader1'), oscKey('/fader_1')]);
    expect(table.unbound.map((m) => m.id)).toEqual(['m3']);
    expect(problems).toEqual([{ mapping: 'm4', message: "unknown parameter 'nope'" }]);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(table)).toBe(true);
    expect(Object.isFrozen(table.byControl.get('fader/1'))).toBe(true);
  });

  it('look-ups find exactly the compiled addresses', () => {
    fc.assert(fc.property(fc.string(), (addr) => (table.byInput.get(oscKey(addr)) !== undefined) === ['/1/fader1', '/fader_1', '/1/fader2'].includes(addr)));
  });
});

describe('decodeOsc', () => {
  it.each([
    [{ kind: 'absolute', range: { min: 0, max: 1 } }, [{ type: 'f', value: 0.25 }], { kind: 'absolute', value: 0.25, resolution: Infinity }],
    [{ kind: 'absolute', range: { min: 0, max: 127 } }, [{ type: 'i', value: 127 }], { kind: 'absolute', value: 1, resolution: 128 }],
    [{ kind: 'relative' }, [{ type: 'i', value: -3 }], { kind: 'relative', steps: -3 }],
    [{ kind: 'button' }, [{ type: 'T' }], { kind: 'button', pressed: true }],
    [{ kind: 'button' }, [{ type: 'f', value: 0 }], { kind: 'button', pressed: false }],
    [{ kind: 'absolute', range: { min: 0, max: 1 } }, [{ type: 'f', value: 1.5 }], 'a number within 0..1'],
    [{ kind: 'absolute', range: { min: 0, max: 1 } }, [{ type: 'f', value: Number.NaN }], 'one finite number'],
    [{ kind: 'button' }, [{ type: 's', value: 'x' }], 'one finite number'],
  ] as const)('%o %o → %o', (decode, args, want) => {
    expect(decodeOsc(decode, [...args])).toEqual(want);
  });
});

describe('routeOsc', () => {
  const fresh = () => rig([bind('fader/1', '/1/fader1'), bind('enc/1', '/enc1', { kind: 'relative' })], [map('m1', 'fader/1', 'input.gain'), map('m2', 'enc/1', 'stereo.width')]);

  it.each([
    ['/detent/param/input.gain', [{ type: 'f', value: -6 }], 'input.gain', -6],
    ['/detent/param/input.gain', [{ type: 'i', value: 3 }], 'input.gain', 3],
    ['/detent/param/eq.band1.freq/norm', [{ type: 'd', value: 0.5 }], 'eq.band1.freq', Math.sqrt(20 * 20000)],
    ['/1/fader1', [{ type: 'f', value: 0.75 }], 'input.gain', 12],
    ['/enc1', [{ type: 'i', value: 5 }], 'stereo.width', 110],
  ] as const)('%s %o sets %s to %s', (address, args, id, want) => {
    const { store, runtime } = fresh();
    expect(routeOsc(osc(address, [...args]), runtime, store).kind).toBe('applied');
    expect(store.get(id)).toBeCloseTo(want, 6);
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
    const { store, runtime } = fresh();
    const before = store.snapshot();
    expect(routeOsc(osc(address, [...args]), runtime, store).kind).toBe(kind);
    expect(store.snapshot()).toEqual(before);
  });

  it('names the address, peer and types in a rejection', () => {
    const { store, runtime } = fresh();
    expect(routeOsc(osc('/detent/param/input.gain', [{ type: 's', value: 'x' }], '10.0.0.2:7000'), runtime, store)).toEqual({
      kind: 'rejected',
      error: { code: 'OSC_BAD_ARGUMENTS', message: '/detent/param/input.gain from 10.0.0.2:7000: expected one finite number, got [s]' },
    });
  });

  it('records the peer and address as the change origin', () => {
    const { store, runtime } = fresh();
    const out = routeOsc(osc('/1/fader1', [{ type: 'f', value: 0.5 }], '10.0.0.2:7000'), runtime, store);
    expect(out.kind === 'applied' && out.changes[0]?.origin).toEqual({ kind: 'osc', peer: '10.0.0.2:7000', address: '/1/fader1' });
  });

  it('parses the namespace strictly', () => {
    expect(parseDetentAddress('/detent/param/a.b/norm')).toEqual({ id: 'a.b', norm: true });
    expect(parseDetentAddress('/detent/param/a/b')).toBeUndefined();
    expect(parseDetentAddress('/detent/params/a')).toBeUndefined();
  });
});
