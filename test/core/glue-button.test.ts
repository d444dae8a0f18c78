import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { glueButton, IDENTITY_GLUE, type Glue } from '../../bridge/core/glue/glue.js';
import type { ButtonAction } from '../../bridge/core/mapping/spec.js';
import type { ParamDescriptor } from '../../bridge/core/param/descriptor.js';
import { PARAMS } from './fixtures.js';
import { descriptorArb, glueArb, inRange, u } from './glue-arbitraries.js';

const [gain, freq, , width, outGain] = PARAMS as [ParamDescriptor, ParamDescriptor, ParamDescriptor, ParamDescriptor, ParamDescriptor];
const onOff: ParamDescriptor = { id: 'eq.on', name: 'EQ on', module: 'eq', unit: 'on/off', min: 0, max: 1, default: 1, scale: 'linear', step: 1 };
const btn = (button: ButtonAction, glue: Partial<Glue> = {}): Glue => ({ ...IDENTITY_GLUE, ...glue, button });
const upperHalf: Partial<Glue> = { target: { min: u(0.5), max: u(1) } };

describe('glueButton', () => {
  it.each([
    ['momentary press: max', btn({ kind: 'momentary' }), gain, true, 0, 24],
    ['momentary release: min', btn({ kind: 'momentary' }), gain, false, 0, -24],
    ['momentary in a target range', btn({ kind: 'momentary' }, upperHalf), gain, false, 0, 0],
    ['momentary reversed: press gives min', btn({ kind: 'momentary' }, { reverse: true }), gain, true, 0, -24],
    ['toggle from the bottom', btn({ kind: 'toggle' }), gain, true, -24, 24],
    ['toggle from the top', btn({ kind: 'toggle' }), gain, true, 24, -24],
    ['toggle from the lower half', btn({ kind: 'toggle' }), gain, true, -5, 24],
    ['toggle from the upper half', btn({ kind: 'toggle' }), gain, true, 5, -24],
    ['toggle from the middle goes to the min', btn({ kind: 'toggle' }), gain, true, 0, -24],
    ['toggle judges halves in the target range (upper)', btn({ kind: 'toggle' }, upperHalf), gain, true, 15, 0],
    ['toggle judges halves in the target range (lower)', btn({ kind: 'toggle' }, upperHalf), gain, true, 10, 24],
    ['toggle with a reversed target range', btn({ kind: 'toggle' }, { target: { min: u(1), max: u(0) } }), gain, true, 20, -24],
    ['toggle judges halves in the taper (log: 1 kHz is upper)', btn({ kind: 'toggle' }), freq, true, 1000, 20],
    ['toggle release leaves it', btn({ kind: 'toggle' }), gain, false, 24, undefined],
    ['toggle on/off: off → on', btn({ kind: 'toggle' }), onOff, true, 0, 1],
    ['toggle on/off: on → off', btn({ kind: 'toggle' }), onOff, true, 1, 0],
    ['increment', btn({ kind: 'increment', step: 1 }), gain, true, 0, 1],
    ['increment clamps', btn({ kind: 'increment', step: 1 }), gain, true, 23.5, 24],
    ['increment stays in the target range', btn({ kind: 'increment', step: 1 }, upperHalf), gain, true, -10, 0],
    ['increment step 0: 1 % of the range', btn({ kind: 'increment', step: 0 }), gain, true, 0, 0.48],
    ['increment on a stepped parameter: at least one step', btn({ kind: 'increment', step: 0.1 }), outGain, true, 0, 0.5],
    ['increment never wraps', btn({ kind: 'increment', step: 1 }, { relative: { ...IDENTITY_GLUE.relative, wrap: true } }), gain, true, 24, 24],
    ['increment release leaves it', btn({ kind: 'increment', step: 1 }), gain, false, 0, undefined],
    ['decrement', btn({ kind: 'decrement', step: 2 }), width, true, 100, 98],
    ['decrement clamps', btn({ kind: 'decrement', step: 1 }), gain, true, -23.5, -24],
    ['decrement reversed goes up', btn({ kind: 'decrement', step: 1 }, { reverse: true }), gain, true, 0, 1],
    ['set', btn({ kind: 'set', value: -6 }), gain, true, 0, -6],
    ['set is quantised', btn({ kind: 'set', value: 3.3 }), outGain, true, 0, 3.5],
    ['set is clamped', btn({ kind: 'set', value: 100 }), gain, true, 0, 24],
    ['set release leaves it', btn({ kind: 'set', value: -6 }), gain, false, 0, undefined],
    ['reset: the default', btn({ kind: 'reset' }), freq, true, 200, 1000],
    ['reset ignores glue steps', btn({ kind: 'reset' }, { step: { kind: 'plain', size: 7 } }), gain, true, 5, 0],
    ['reset release leaves it', btn({ kind: 'reset' }), freq, false, 200, undefined],
  ] as const)('%s', (_name, glue, d, pressed, current, want) => {
    const got = glueButton(glue, pressed, current, d);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toBeCloseTo(want, 9);
  });

  it('is undefined or within the parameter range, for any glue and input', () => {
    fc.assert(
      fc.property(glueArb({ wild: true }), descriptorArb(), fc.boolean(), fc.double(), (glue, d, pressed, cur) => {
        const v = glueButton(glue, pressed, cur, d);
        return v === undefined ? glue.button.kind !== 'momentary' && (!pressed || glue.button.kind === 'set') : inRange(d, v);
      }),
    );
  });

  it('toggle alternates between the target ends, wherever it starts (non-table tapers)', () => {
    const glues = glueArb({ steps: false }).filter((g) => g.taper.kind !== 'table' && Math.abs(g.target.max - g.target.min) > 1e-3);
    fc.assert(
      fc.property(glues, descriptorArb(false), fc.double({ noNaN: true }), (glue, d, current) => {
        const g: Glue = { ...glue, button: { kind: 'toggle' } };
        const ends = [true, false].map((pressed) => glueButton({ ...g, button: { kind: 'momentary' } }, pressed, current, d) ?? Number.NaN);
        fc.pre(Math.abs((ends[0] ?? 0) - (ends[1] ?? 0)) > 1e-6 * (d.max - d.min));
        const first = glueButton(g, true, current, d) ?? Number.NaN;
        const second = glueButton(g, true, first, d) ?? Number.NaN;
        expect(glueButton(g, true, second, d)).toBe(first);
        expect(first).not.toBe(second);
      }),
    );
  });
});
