/**
 * What the calibration dialog says, pure: the step for each phase (title, instruction, the label
 * of the button that moves on), each channel's cells, and where its bar's range and marker sit.
 */
import { assertNever } from '../../../bridge/core/assert-never.js';
import { MIN_SWEEP_FRACTION, type CalibrationPhase } from '../../../bridge/core/serial/calibration-session.js';
import type { CalibrationChannel, SavedCalibration } from './serial-api.js';

export interface PhaseStep {
  /** 1..4: hands off, travel, centre, save. */
  readonly step: number;
  readonly title: string;
  readonly instruction: string;
  /** The label of the button that moves to the next phase; null in `done` (Save instead). */
  readonly next: string | null;
}

/** The step list, in order, as the dialog's header shows it. */
export const STEPS = ['Hands off', 'Full travel', 'Centre', 'Save'] as const;

export function phaseStep(phase: CalibrationPhase): PhaseStep {
  switch (phase) {
    case 'rest':
      return { step: 1, title: 'Hands off', instruction: 'Leave every control alone: the resting noise of each channel is measured.', next: 'Next: full travel' };
    case 'sweep':
      return { step: 2, title: 'Full travel', instruction: 'Turn every control through its whole travel, both ends.', next: 'Next: centre' };
    case 'centre':
      return { step: 3, title: 'Centre', instruction: "Set each pot to its centre (12 o'clock); faders and switches can stay anywhere.", next: 'Finish' };
    case 'done':
      return { step: 4, title: 'Save', instruction: 'Measured. Save stores the calibration for this box and uses it at once.', next: null };
    default:
      return assertNever(phase, 'calibration phase');
  }
}

export interface ChannelCells {
  /** `fader/1`, or `channel 7` when the profile does not use it. */
  readonly label: string;
  readonly raw: string;
  readonly noise: string;
  readonly travel: string;
  readonly taper: string;
  /** `short`: swept under a quarter of its travel (it will not be saved); `ignored`: the profile has no control on it. */
  readonly tone: 'ok' | 'short' | 'ignored';
}

const num = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(1));
const fullScale = (c: CalibrationChannel): number => Math.max(1, 2 ** c.bits - 1);

/** The share of the ADC's range swept so far, 0..1; null before the sweep. */
export function coverage(c: CalibrationChannel): number | null {
  return c.range === null ? null : Math.abs(c.range.max - c.range.min) / fullScale(c);
}

const TAPER = { linear: 'linear', audio: 'audio (log)', reverse: 'reverse (C)' } as const;

function taperText(c: CalibrationChannel, phase: CalibrationPhase): string {
  if (phase === 'rest' || phase === 'sweep') return '';
  switch (c.kind) {
    case 'pot':
      return c.taper === null ? 'set to centre\u2026' : TAPER[c.taper];
    case 'fader':
      return 'fader: linear';
    case null:
      return '';
    default:
      return '\u2014';
  }
}

export function channelCells(c: CalibrationChannel, phase: CalibrationPhase): ChannelCells {
  const cov = coverage(c);
  const calibrated = c.kind === 'pot' || c.kind === 'fader' || c.kind === 'switch';
  const short = calibrated && phase !== 'rest' && (cov === null || cov < MIN_SWEEP_FRACTION);
  let travel = '';
  if (phase !== 'rest') {
    if (c.range !== null) travel = `${Math.round(c.range.min)}\u2013${Math.round(c.range.max)} (${Math.round((cov ?? 0) * 100)} %)`;
    else if (short) travel = 'not moved';
    if (short) travel += phase === 'sweep' ? ' \u00b7 turn it further' : ' \u00b7 too little travel: not saved';
  }
  return {
    label: c.control ?? `channel ${c.name}`,
    raw: num(c.raw),
    noise: phase === 'rest' ? 'measuring\u2026' : c.noise === null ? '\u2014' : `sd ${c.noise.sd.toFixed(1)} \u00b7 p-p ${num(c.noise.peakToPeak)}`,
    travel,
    taper: short ? '' : taperText(c, phase),
    tone: c.control === null ? 'ignored' : short ? 'short' : 'ok',
  };
}

export interface Bar {
  /** The current reading as a share of full scale, 0..1. */
  readonly pos: number;
  /** The travel captured so far, as shares of full scale; null before the sweep. */
  readonly range: { readonly from: number; readonly to: number } | null;
}

const unit = (x: number): number => Math.min(1, Math.max(0, x));

export function barOf(c: CalibrationChannel): Bar {
  const full = fullScale(c);
  const r = c.range;
  return {
    pos: unit(c.raw / full),
    range: r === null ? null : { from: unit(Math.min(r.min, r.max) / full), to: unit(Math.max(r.min, r.max) / full) },
  };
}

/** `Saved /…/deej--X1.json: channels 0, 1. In use now.` */
export function savedText(s: SavedCalibration): string {
  const n = s.channels.length;
  return `Saved ${s.file}: ${n === 1 ? 'channel' : 'channels'} ${s.channels.join(', ')}. In use now.`;
}
