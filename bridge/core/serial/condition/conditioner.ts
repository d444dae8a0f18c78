import { assertNever } from '../../assert-never.js';
import type { ControlValue } from '../../control.js';
import type { Unit } from '../../unit.js';
import type { Calibration, ChannelSpec, FilterSpec } from '../channel.js';
import { applyCalibration } from './calibrate.js';
import { EncoderCounter } from './encoder.js';
import { StepHysteresis } from './hysteresis.js';
import { OneEuroFilter } from './one-euro.js';
import { SleepGate } from './sleep.js';
import { SteppedDecoder } from './stepped.js';

/**
 * One channel's input conditioning: raw readings in, control values out, or null when the
 * reading changes nothing. `raw` is in counts for the channel's `bits` (an encoder's running
 * count, a button's 0/1 or ADC counts); `t` is clock ms (monotonic; equal stamps are fine).
 * Non-finite readings are ignored (null). After `reset()` (port reopened) the first reading
 * always emits, so a freshly opened box reports where its knobs are; the exception is an encoder,
 * whose first count is only a baseline (a relative control has no position to report).
 */
export interface Conditioner {
  push(raw: number, t: number): ControlValue | null;
  reset(): void;
}

/**
 * Nominal report rate (Hz) the 1€ filter assumes until two readings with increasing timestamps
 * give the real one: deej's 10 ms. It only matters for the second reading after a reset.
 */
export const NOMINAL_RATE_HZ = 100;

export function createConditioner(spec: ChannelSpec): Conditioner {
  switch (spec.kind) {
    case 'pot':
    case 'fader':
      return continuous(spec.calibration, spec.filter);
    case 'switch':
      return stepped(spec.calibration, spec.positions, spec.hysteresis);
    case 'encoder':
      return encoder(spec.bits, spec.countsPerStep);
    case 'button':
      return button(spec.bits);
    default:
      return assertNever(spec, 'channel');
  }
}

const absolute = (step: number, resolution: number): ControlValue => ({ kind: 'absolute', value: (step / (resolution - 1)) as Unit, resolution });

/** Pots and faders: calibrate → taper → 1€ → sleep → hysteresis → absolute at filter.resolution. */
function continuous(calibration: Calibration, filter: FilterSpec): Conditioner {
  const euro = new OneEuroFilter({ freq: NOMINAL_RATE_HZ, minCutoff: filter.minCutoff, beta: filter.beta, dCutoff: filter.dCutoff });
  const gate = new SleepGate(filter.sleep);
  const output = new StepHysteresis(filter.resolution, filter.hysteresis);
  return {
    push(raw, t) {
      if (!Number.isFinite(raw) || !Number.isFinite(t)) return null;
      const filtered = euro.filter(applyCalibration(raw, calibration), t / 1000);
      const verdict = gate.update(raw);
      const before = output.current;
      let step: number;
      if (before === undefined) step = output.update(filtered);
      else
        switch (verdict.kind) {
          case 'hold':
            return null;
          case 'follow':
            step = output.update(filtered);
            break;
          case 'settle':
            step = output.settle(applyCalibration(verdict.anchor, calibration));
            break;
          default:
            return assertNever(verdict, 'gate verdict');
        }
      return step === before ? null : absolute(step, filter.resolution);
    },
    reset() {
      euro.reset();
      gate.reset();
      output.reset();
    },
  };
}

/** Stepped switch: calibrate → taper (uneven ladders) → step index with hysteresis; never smoothed. */
function stepped(calibration: Calibration, positions: number, hysteresis: number): Conditioner {
  const decoder = new SteppedDecoder(positions, hysteresis);
  let last: number | undefined;
  return {
    push(raw) {
      if (!Number.isFinite(raw)) return null;
      const index = decoder.update(applyCalibration(raw, calibration));
      if (index === last) return null;
      last = index;
      return absolute(index, positions);
    },
    reset() {
      decoder.reset();
      last = undefined;
    },
  };
}

/** Encoder: running count → signed whole detents, relative. */
function encoder(bits: number, countsPerStep: number): Conditioner {
  const counter = new EncoderCounter(bits, countsPerStep);
  return {
    push(raw) {
      if (!Number.isFinite(raw)) return null;
      const steps = counter.update(raw);
      return steps === 0 ? null : { kind: 'relative', steps };
    },
    reset() {
      counter.reset();
    },
  };
}

/** Button: pressed at or above half scale (2^(bits−1); 1 for a 1-bit 0/1 reading); emits on change. */
function button(bits: number): Conditioner {
  const half = 2 ** (bits - 1);
  let last: boolean | undefined;
  return {
    push(raw) {
      if (!Number.isFinite(raw)) return null;
      const pressed = raw >= half;
      if (pressed === last) return null;
      last = pressed;
      return { kind: 'button', pressed };
    },
    reset() {
      last = undefined;
    },
  };
}
