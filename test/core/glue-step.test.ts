import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Step } from '../../bridge/core/mapping/spec.js';
import { applyStep, plainStepSize } from '../../bridge/core/glue/step.js';
import type { ParamDescriptor } from '../../bridge/core/param/descriptor.js';
import { PARAMS } from './fixtures.js';
import { descriptorArb, inRange, stepArb } from './glue-arbitraries.js';

const [gain, freq, , width, outGain] = PARAMS as [ParamDescriptor, ParamDescriptor, ParamDescriptor, ParamDescriptor, ParamDescriptor];
const halfDb: Step = { kind: 'plain', size: 0.5 };
const third: Step = { kind: 'octave', fraction: 3 };
const onOff: ParamDescriptor = { id: 'eq.on', name: 'EQ on', module: 'eq', unit: 'on/off', min: 0, max: 1, default: 1, scale: 'linear', step: 1 };
const odd: ParamDescriptor = { ...width, min: 0, max: 1, step: 0.3 };

describe('applyStep', () => {
  it.each([
    ['0.5 dB like a stepped attenuator', halfDb, gain, 0.26, 0.5],
    ['0.5 dB, just below the middle', halfDb, gain, 0.24, 0],
    ['0.5 dB, negative', halfDb, gain, -0.26, -0.5],
    ['0.5 dB, top', halfDb, gain, 23.9, 24],
    ['counted from min', { kind: 'plain', size: 5 }, gain, 0, 1],
    ['the top stays reachable off the grid', { kind: 'plain', size: 5 }, gain, 23.9, 24],
    ['outside the range clamps first', { kind: 'plain', size: 5 }, gain, 99, 24],
    ['1/3 octave: 1100 Hz → 1000', third, freq, 1100, 1000],
    ['1/3 octave: 1200 Hz → 1259.92', third, freq, 1200, 1000 * 2 ** (1 / 3)],
    ['1/3 octave: 900 Hz → 1000', third, freq, 900, 1000],
    ['1/3 octave: 850 Hz → 793.70', third, freq, 850, 1000 * 2 ** (-1 / 3)],
    ['1/3 octave keeps the bottom end', third, freq, 20, 20],
    ['1/3 octave keeps the top end', third, freq, 20000, 20000],
    ['octave: 3000 Hz → 4000', { kind: 'octave', fraction: 1 }, freq, 3000, 4000],
    ['1/12 octave: 440 Hz → 445.45 (from 1 kHz)', { kind: 'octave', fraction: 12 }, freq, 440, 1000 * 2 ** (-14 / 12)],
    ['octave steps need an all-positive range', third, gain, 3.3, 3.3],
    ['none: the value', { kind: 'none' }, gain, 0.3, 0.3],
    ['none still applies the parameter step', { kind: 'none' }, outGain, 0.3, 0.5],
    ['a glue step nests in the parameter step (0.3 → 0.5)', { kind: 'plain', size: 0.3 }, outGain, 0.74, 0.5],
    ['a glue step nests in the parameter step (1.2 → 1)', { kind: 'plain', size: 1.2 }, outGain, 1.4, 1],
    ['a bad size is no step', { kind: 'plain', size: Number.NaN }, gain, 0.3, 0.3],
    ['a bad fraction is no step', { kind: 'octave', fraction: 0 }, freq, 1100, 1100],
    ['NaN becomes the default', { kind: 'none' }, freq, Number.NaN, 1000],
    ['infinity clamps', halfDb, gain, Number.POSITIVE_INFINITY, 24],
    ['on/off', { kind: 'none' }, onOff, 0.7, 1],
    ['the top off the parameter grid, from outside', { kind: 'none' }, odd, 1.1, 0.9],
  ] as const)('%s', (_name, s, d, v, want) => {
    expect(applyStep(s, v, d)).toBeCloseTo(want, 2);
    expect(applyStep(s, v, d)).toBeCloseTo(want, 9);
  });

  it('plainStepSize is a multiple of the parameter step', () => {
    expect(plainStepSize(0.3, outGain)).toBe(0.5);
    expect(plainStepSize(1.3, outGain)).toBe(1.5);
    expect(plainStepSize(0.3, gain)).toBe(0.3);
  });

  it('always lands in the range, finite, for any step, value and parameter', () => {
    fc.assert(fc.property(stepArb(true), descriptorArb(), fc.double(), (s, d, v) => inRange(d, applyStep(s, v, d))));
  });

  it('is idempotent: quantising a quantised value changes nothing', () => {
    fc.assert(
      fc.property(stepArb(true), descriptorArb(), fc.double({ min: -1e5, max: 1e5, noNaN: true }), (s, d, v) => {
        const once = applyStep(s, v, d);
        expect(applyStep(s, once, d)).toBe(once);
      }),
    );
  });

  it('is monotonic: a larger value never quantises lower', () => {
    fc.assert(
      fc.property(stepArb(), descriptorArb(), fc.double({ min: -1e5, max: 1e5, noNaN: true }), fc.double({ min: -1e5, max: 1e5, noNaN: true }), (s, d, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(applyStep(s, lo, d)).toBeLessThanOrEqual(applyStep(s, hi, d));
      }),
    );
  });
});
