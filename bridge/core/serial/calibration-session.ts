import { assertNever } from '../assert-never.js';
import type { ChannelKind, FilterSpec } from './channel.js';
import { measureNoise, rangeOf, rawFraction, suggestFilter, taperFromMidpoint, type NoiseMeasure } from './condition/calibrate.js';

/**
 * Calibrating a knob box, as `detent calibrate` and the dashboard run it. Pure: readings come in
 * with their time, the caller moves the phases on when the engineer says so.
 *   rest   – hands off: the resting noise of every channel is measured (filter settings follow);
 *   sweep  – turn every knob, fader and switch through its whole travel, both ends;
 *   centre – set each pot to its centre detent (12 o'clock): a linear pot reads about half way,
 *            an audio-taper pot about 10–20 % (the taper correction follows); skip for faders;
 *   done   – the result: per channel, calibration and filter, for the channels that moved.
 */
export type CalibrationPhase = 'rest' | 'sweep' | 'centre' | 'done';

export interface CalibrationChannelView {
  readonly name: string;
  readonly control: string | null;
  readonly kind: ChannelKind | null;
  readonly bits: number;
  /** The latest raw reading. */
  readonly raw: number;
  readonly noise: NoiseMeasure | null;
  /** The travel seen in the sweep so far (raw counts, ends moved inward by the noise). */
  readonly range: { readonly min: number; readonly max: number } | null;
  /** Where the knob sits now within that travel, 0..1 (the centre phase reads this). */
  readonly fraction: number | null;
  /** Pots, from the centre phase on: 'audio' when the centre reading shows a log taper, 'reverse' for a C taper. */
  readonly taper: 'linear' | 'audio' | 'reverse' | null;
}

export interface ChannelResult {
  readonly min: number;
  readonly max: number;
  readonly taper: readonly number[] | null;
  readonly noise?: { readonly sd: number; readonly peakToPeak: number };
  readonly filter?: FilterSpec;
}

interface Channel {
  readonly name: string;
  control: string | null;
  kind: ChannelKind | null;
  bits: number;
  raw: number;
  readonly rest: number[];
  readonly sweep: number[];
  noise: NoiseMeasure | null;
  centre: number | null;
}

/** A sweep must cover this much of the ADC's range for a channel to count as calibrated. */
export const MIN_SWEEP_FRACTION = 0.25;
/** Readings kept per channel and phase (a minute at 100 reports/s is plenty). */
const MAX_SAMPLES = 6000;

export class CalibrationSession {
  private phaseNow: CalibrationPhase = 'rest';
  private readonly channels = new Map<string, Channel>();

  /** `describe` names a channel's control and kind (from the box's profile), or null when the profile ignores it. */
  constructor(private readonly describe: (name: string, bits: number) => { control: string; kind: ChannelKind } | null) {}

  get phase(): CalibrationPhase {
    return this.phaseNow;
  }

  observe(name: string, raw: number, bits: number): void {
    if (!Number.isFinite(raw)) return;
    let c = this.channels.get(name);
    if (c === undefined) {
      const d = this.describe(name, bits);
      c = { name, control: d?.control ?? null, kind: d?.kind ?? null, bits, raw, rest: [], sweep: [], noise: null, centre: null };
      this.channels.set(name, c);
    }
    c.raw = raw;
    c.bits = bits;
    switch (this.phaseNow) {
      case 'rest':
        if (c.rest.length < MAX_SAMPLES) c.rest.push(raw);
        break;
      case 'sweep':
        if (c.sweep.length < MAX_SAMPLES) c.sweep.push(raw);
        break;
      case 'centre':
        c.centre = raw;
        break;
      case 'done':
        break;
      default:
        assertNever(this.phaseNow, 'calibration phase');
    }
  }

  /** Moves to the next phase; from `centre` to `done`. */
  next(): CalibrationPhase {
    switch (this.phaseNow) {
      case 'rest':
        for (const c of this.channels.values()) {
          c.noise = measureNoise(c.rest);
          c.sweep.push(c.raw); // where it rested is part of its travel
        }
        this.phaseNow = 'sweep';
        break;
      case 'sweep':
        this.phaseNow = 'centre';
        break;
      case 'centre':
      case 'done':
        this.phaseNow = 'done';
        break;
      default:
        assertNever(this.phaseNow, 'calibration phase');
    }
    return this.phaseNow;
  }

  view(): CalibrationChannelView[] {
    return [...this.channels.values()]
      .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))
      .map((c) => {
        const range = this.rangeOf(c);
        const fraction = range === null ? null : rawFraction(c.raw, range.min, range.max);
        return { name: c.name, control: c.control, kind: c.kind, bits: c.bits, raw: c.raw, noise: c.noise, range, fraction, taper: this.taperKind(c) };
      });
  }

  /** Per channel that moved through enough of its travel: its calibration, taper and filter. */
  result(): Map<string, ChannelResult> {
    const out = new Map<string, ChannelResult>();
    for (const c of this.channels.values()) {
      if (c.kind !== 'pot' && c.kind !== 'fader' && c.kind !== 'switch') continue;
      const range = this.rangeOf(c);
      if (range === null || range.max - range.min < MIN_SWEEP_FRACTION * (2 ** c.bits - 1)) continue;
      const noise = c.noise === null ? undefined : { sd: round(c.noise.sd), peakToPeak: c.noise.peakToPeak };
      const filter = c.kind !== 'switch' && noise !== undefined ? suggestFilter(noise, c.bits) : undefined;
      out.set(c.name, {
        min: range.min,
        max: range.max,
        taper: c.kind === 'pot' ? this.taperTable(c) : null,
        ...(noise === undefined ? {} : { noise }),
        ...(filter === undefined ? {} : { filter }),
      });
    }
    return out;
  }

  private rangeOf(c: Channel): { min: number; max: number } | null {
    // Ends move inward by the noise's full reach (its peak to peak at rest, at least 3 sd): the
    // extreme of a sweep is the stop plus the largest noise seen there, which grows the longer the
    // knob is held against it; a knob resting on its stop must still read as the very end.
    const inset = c.noise === null ? 0 : Math.max(3 * c.noise.sd, c.noise.peakToPeak);
    const r = rangeOf(c.sweep, inset);
    return r === null ? null : { min: round(r.min), max: round(r.max) };
  }

  private taperTable(c: Channel): number[] | null {
    const range = this.rangeOf(c);
    if (c.centre === null || range === null) return null;
    const m = rawFraction(c.centre, range.min, range.max);
    return m > 0.02 && m < 0.98 ? (taperFromMidpoint(m)?.map(round) ?? null) : null;
  }

  private taperKind(c: Channel): CalibrationChannelView['taper'] {
    if (c.kind !== 'pot' || c.centre === null || this.phaseNow === 'rest' || this.phaseNow === 'sweep') return null;
    const t = this.taperTable(c);
    if (t === null) return 'linear';
    return (t[Math.floor(t.length / 2)] as number) < 0.5 ? 'audio' : 'reverse';
  }
}

const round = (x: number): number => Math.round(x * 10000) / 10000;
