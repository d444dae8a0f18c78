import { assertNever } from '../assert-never.js';
import type { ControlValue } from '../control.js';
import { clampUnit } from '../unit.js';
import type { MidiEventValue } from './event.js';
import { relativeSteps } from './relative.js';
import type { MidiInterpretation } from './spec.js';

const PRESS: ControlValue = { kind: 'button', pressed: true };
const RELEASE: ControlValue = { kind: 'button', pressed: false };

/**
 * The control values one source event means for a control (usually one; a program change is a
 * press and a release; none for a zero encoder step). Absolute positions are clamped into 0..1
 * (calibrated tops); their resolution is the number of raw steps in the calibrated range.
 */
export function interpretMidi(how: MidiInterpretation, v: MidiEventValue): ControlValue[] {
  if (v.kind === 'trigger') return how.kind === 'button' || how.kind === 'touch' ? [PRESS, RELEASE] : [];
  switch (how.kind) {
    case 'absolute': {
      if (v.kind === 'step') return [{ kind: 'relative', steps: v.steps }];
      const span = how.max - how.min;
      return [{ kind: 'absolute', value: clampUnit((v.raw - how.min) / span), resolution: Math.abs(span) + 1 }];
    }
    case 'relative': {
      const steps = v.kind === 'step' ? v.steps : relativeSteps(how.encoding, v.raw);
      return steps === 0 ? [] : [{ kind: 'relative', steps }];
    }
    case 'button':
    case 'touch':
      if (v.kind === 'step') return [];
      return [v.raw > 0 ? PRESS : RELEASE];
    default:
      return assertNever(how, 'MIDI interpretation');
  }
}
