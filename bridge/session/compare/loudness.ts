import { assertNever } from '../../core/assert-never.js';
import type { MeterFrame } from '../../engine/interface.js';

/**
 * How the loudness of a compared state is measured:
 * - `short-term`: BS.1770 short-term loudness (3 s window) from the engine's meter, averaged (in
 *   power) over `windowS` seconds once the 3 s window holds only the new state;
 * - `integrated`: the engine's gated integrated loudness, restarted once the previous state has
 *   left the meter's 400 ms window after a switch, and read `windowS` seconds later (a pass over
 *   the section being compared);
 * - `off`: no measurement, no compensation.
 * An engine whose frames carry no loudness falls back to the unweighted power sum of the channels'
 * 300 ms RMS (`rms`: not K-weighted, so it is right for level differences, as between two
 * settings of a gain, and only approximate between different EQ curves).
 */
export type MatchMethod = 'short-term' | 'integrated' | 'off';
export type LoudnessSource = 'short-term' | 'integrated' | 'rms';

/** Below this a reading is silence or a meter that has not filled (the meters' floor is -120). */
const GATE_LUFS = -70;

export interface Reading {
  readonly value: number;
  readonly source: LoudnessSource;
}

/** One frame's loudness for `method`, or undefined when the frame has none worth using. */
export function frameLoudness(f: MeterFrame, method: Exclude<MatchMethod, 'off'>): Reading | undefined {
  if (f.loudness !== undefined) {
    const value = method === 'integrated' ? f.loudness.integrated : f.loudness.shortTerm;
    return Number.isFinite(value) && value > GATE_LUFS ? { value, source: method } : undefined;
  }
  const power = f.rmsDb.reduce((sum, dbfs) => sum + 10 ** (dbfs / 10), 0);
  const value = -0.691 + 10 * Math.log10(power);
  return Number.isFinite(value) && value > GATE_LUFS ? { value, source: 'rms' } : undefined;
}

/** Seconds after a switch when the integrated meter is restarted: the 400 ms momentary window
 *  (BS.1770 gating block) plus the 30 ms level ramp, so no block mixes the two states. */
const RESTART_S = 0.45;

/** Seconds after entering a state before its readings describe it alone (window + ramp). */
export function settleSeconds(source: LoudnessSource): number {
  switch (source) {
    case 'short-term':
      return 3.1;
    case 'integrated':
      // The restart at RESTART_S, then one 400 ms gating block of the new state alone.
      return RESTART_S + 0.5;
    case 'rms':
      return 0.4;
    default:
      return assertNever(source, 'loudness source');
  }
}

/**
 * The measurement of one visit to a state, from meter frames (t in engine seconds). Complete once
 * `windowS` seconds of readings after the settle time were seen; the value is the power mean of
 * those readings (integrated: the last one, which already covers the pass).
 */
export class VisitMeter {
  private start: number | undefined;
  private sum = 0;
  private n = 0;
  private last: Reading | undefined;
  private done: Reading | undefined;

  private restarted = false;

  constructor(
    private readonly method: Exclude<MatchMethod, 'off'>,
    private readonly windowS: number,
    /** Engine.resetLoudness, for `integrated` (without it, integrated reads include the previous state). */
    private readonly restart?: () => void,
  ) {}

  get result(): Reading | undefined {
    return this.done;
  }

  /** Feeds a frame; returns the measurement when this frame completes it. */
  add(f: MeterFrame): Reading | undefined {
    if (this.done !== undefined) return undefined;
    this.start ??= f.t;
    if (this.method === 'integrated' && !this.restarted && f.t >= this.start + RESTART_S) {
      this.restarted = true;
      this.restart?.();
      return undefined;
    }
    const r = frameLoudness(f, this.method);
    if (r === undefined) return undefined;
    const from = this.start + settleSeconds(r.source);
    if (f.t < from) return undefined;
    this.sum += 10 ** (r.value / 10);
    this.n++;
    this.last = r;
    if (f.t < from + this.windowS) return undefined;
    const value = r.source === 'integrated' ? r.value : 10 * Math.log10(this.sum / this.n);
    this.done = { value, source: r.source };
    return this.done;
  }

  /** The latest reading so far (for display while measuring). */
  get latest(): Reading | undefined {
    return this.last;
  }
}
