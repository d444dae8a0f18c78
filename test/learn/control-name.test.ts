import { Value } from '@sinclair/typebox/value';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ControlName } from '../../bridge/config/names.js';
import { learnedControlName } from '../../bridge/learn/control-name.js';

describe('learned control names', () => {
  it.each([
    ['/1/fader1', 'learned/1-fader1'],
    ['/knob_1', 'learned/knob_1'],
    ['/track/2/fx/1/fxparam/3/value', 'learned/track-2-fx-1-fxparam-3-value'],
    ['/a b/ü', 'learned/a_b-_'],
    ['/-x', 'learned/x-x'],
  ])('%s → %s', (address, name) => {
    expect(learnedControlName(address, new Set())).toBe(name);
  });

  it('numbers a name that is taken', () => {
    expect(learnedControlName('/1/fader1', new Set(['learned/1-fader1', 'learned/1-fader1-2']))).toBe('learned/1-fader1-3');
  });

  it('always a valid control name, for any address', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).map((s) => `/${s}`), (address) => {
        expect(Value.Check(ControlName, learnedControlName(address, new Set()))).toBe(true);
      }),
    );
  });
});
