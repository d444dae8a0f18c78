import { describe, expect, it } from 'vitest';
import { interpretMidi } from '../../bridge/core/midi/interpret.js';
import { encodeRelative, relativeSteps } from '../../bridge/core/midi/relative.js';
import type { RelativeEncoding } from '../../bridge/core/midi/spec.js';
import fc from 'fast-check';

const enc = (kind: Exclude<RelativeEncoding['kind'], 'table'>): RelativeEncoding => ({ kind });

describe('relative encodings (DESIGN.md table)', () => {
  const table: [RelativeEncoding, number, number, number, number][] = [
    // encoding, +1 value, −1 value, +5 value, −5 value
    [enc('twos-complement'), 1, 127, 5, 123],
    [enc('binary-offset'), 65, 63, 69, 59],
    [enc('sign-magnitude'), 1, 65, 5, 69],
    [enc('sign-magnitude-inverted'), 65, 1, 69, 5],
    [enc('offset-16'), 17, 15, 21, 11],
  ];
  for (const [e, up, down, up5, down5] of table) {
    it(e.kind, () => {
      expect([relativeSteps(e, up), relativeSteps(e, down), relativeSteps(e, up5), relativeSteps(e, down5)]).toEqual([1, -1, 5, -5]);
      expect([encodeRelative(e, 1), encodeRelative(e, -1), encodeRelative(e, 5), encodeRelative(e, -5)]).toEqual([up, down, up5, down5]);
    });
  }

  it('a custom table', () => {
    const e: RelativeEncoding = { kind: 'table', steps: new Map([[10, 1], [20, -1], [30, 4]]) };
    expect([10, 20, 30, 40].map((v) => relativeSteps(e, v))).toEqual([1, -1, 4, 0]);
  });

  it('encode → decode round-trips within each encoding\'s reach', () => {
    fc.assert(
      fc.property(fc.constantFrom(...table.map((r) => r[0])), fc.integer({ min: -15, max: 15 }), (e, s) => {
        expect(relativeSteps(e, encodeRelative(e, s))).toBe(s);
      }),
    );
  });
});

describe('interpretation per profile', () => {
  it('absolute with a calibrated top: a fader topping out at 0x7C7F reads 1, above clamps', () => {
    const how = { kind: 'absolute' as const, min: 0, max: 15999 };
    expect(interpretMidi(how, { kind: 'value', raw: 15999, max: 16383 })).toEqual([{ kind: 'absolute', value: 1, resolution: 16000 }]);
    expect(interpretMidi(how, { kind: 'value', raw: 16383, max: 16383 })).toEqual([{ kind: 'absolute', value: 1, resolution: 16000 }]);
    expect(interpretMidi(how, { kind: 'value', raw: 8000, max: 16383 })).toEqual([{ kind: 'absolute', value: 8000 / 15999, resolution: 16000 }]);
  });

  it('NRPN increments on an absolute control are relative steps', () => {
    expect(interpretMidi({ kind: 'absolute', min: 0, max: 16383 }, { kind: 'step', steps: -1 })).toEqual([{ kind: 'relative', steps: -1 }]);
  });

  it('relative: zero steps are dropped', () => {
    expect(interpretMidi({ kind: 'relative', encoding: enc('binary-offset') }, { kind: 'value', raw: 64, max: 127 })).toEqual([]);
    expect(interpretMidi({ kind: 'relative', encoding: enc('sign-magnitude') }, { kind: 'value', raw: 67, max: 127 })).toEqual([{ kind: 'relative', steps: -3 }]);
  });

  it('buttons and touch: > 0 pressed; program change presses and releases', () => {
    expect(interpretMidi({ kind: 'button' }, { kind: 'value', raw: 127, max: 127 })).toEqual([{ kind: 'button', pressed: true }]);
    expect(interpretMidi({ kind: 'touch' }, { kind: 'value', raw: 0, max: 127 })).toEqual([{ kind: 'button', pressed: false }]);
    expect(interpretMidi({ kind: 'button' }, { kind: 'trigger' })).toEqual([
      { kind: 'button', pressed: true },
      { kind: 'button', pressed: false },
    ]);
  });
});
