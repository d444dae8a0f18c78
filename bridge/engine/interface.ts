import type { ParamDescriptor, ParamId } from '../core/param/descriptor.js';
import type { Db } from '../core/units.js';
import type { TransportCommand, TransportResult, TransportState } from './source/transport.js';

/** One meter frame, about 30 a second: per channel (L, R), in dBFS (floor -120). */
export interface MeterFrame {
  /** Audio context time of the frame's end, in seconds. */
  readonly t: number;
  /** Highest absolute sample since the previous frame. */
  readonly peakDb: readonly number[];
  /** RMS over the last 300 ms (the classic RMS meter integration time). */
  readonly rmsDb: readonly number[];
  /** Loudness, true peak, correlation and gain reduction; absent from engines that do not meter. */
  readonly loudness?: LoudnessFrame;
  /**
   * 1/6-octave spectrum of the output (bridge/engine/meters/spectrum): one level per band, in
   * SPECTRUM_CENTRES_HZ order (61 bands, 20 Hz .. 20 kHz; labels SPECTRUM_NOMINAL_HZ, both in
   * meters/spectrum/bands.ts, which the dashboard imports). Each value is the band's mean-square
   * power in dB (the mean of L and R), so a sine of peak amplitude A reads 20·log10(A) − 3.01 dB
   * and the bands of a signal sum to its RMS level; 300 ms exponential ballistics; floor −120;
   * rounded to 0.01 dB. Absent from engines that do not meter.
   */
  readonly spectrumDb?: readonly number[];
}

/**
 * The loudness part of a meter frame (ITU-R BS.1770-4 / EBU R128, bridge/engine/meters/loudness),
 * computed in the audio thread. Loudness in LUFS, ranges in LU, levels in dB; every value that does
 * not exist yet (a window not yet filled, silence) reads the meter floor, -120.
 */
export interface LoudnessFrame {
  readonly momentary: number;
  readonly shortTerm: number;
  /** Gated integrated loudness since the last reset. */
  readonly integrated: number;
  /** Loudness range (EBU Tech 3342) since the last reset, LU. */
  readonly range: number;
  readonly maxMomentary: number;
  readonly maxShortTerm: number;
  /** Per channel true peak since the previous frame (4× oversampled), dBTP. */
  readonly truePeakDb: readonly number[];
  /** Highest true peak since the last reset, dBTP. */
  readonly truePeakMaxDb: number;
  /** L/R correlation over 300 ms, −1..1. */
  readonly correlation: number;
  /** Gain reduction of each dynamic module over the last frame, dB (≥ 0). */
  readonly reductionDb: { readonly dyneq: number; readonly comp: number; readonly limiter: number };
}

/** Where an engine plays: a JACK server, the system's default device, or nowhere (headless). */
export type Sink = 'default' | 'jack' | 'none';

export type EngineStatus =
  | { readonly state: 'stopped' }
  | {
      readonly state: 'running';
      readonly sink: Sink;
      readonly sampleRate: number;
      /** `demo` or the path of the file playing. */
      readonly source: string;
    }
  | { readonly state: 'failed'; readonly reason: string };

/**
 * An engine applies parameter values and reports meters. The embedded Web Audio engine and any
 * external engine (OSC, MIDI) implement this; the daemon only talks to this interface.
 */
export interface Engine {
  /** The chain's parameters, described as data. Stable ids; the store is built from these. */
  readonly params: readonly ParamDescriptor[];
  start(): Promise<EngineStatus>;
  /** Moves a parameter to a plain value, as a ramp (never a step). Coalesced per parameter. */
  apply(id: ParamId, value: number): void;
  /** Subscribes to meter frames; returns the unsubscribe function. */
  onMeters(listener: (frame: MeterFrame) => void): () => void;
  status(): EngineStatus;
  /**
   * The source's transport (play, pause, seek, loop, load another source); engines that play
   * nothing themselves (an external engine) omit both.
   */
  controlTransport?(command: TransportCommand): Promise<TransportResult>;
  transportState?(): TransportState;
  /** Restarts integrated loudness, loudness range and the maxima; engines that do not meter omit it. */
  resetLoudness?(): void;
  /**
   * Monitoring gain after the chain, dB (0 = unity), ramped like a level (no click): level-matched
   * A/B (bridge/session/compare). It is after the meters' tap and outside renders, so it never
   * changes a meter reading, a render or a saved value. Engines without a monitor path omit it.
   */
  setMonitorGain?(gain: Db): void;
  close(): Promise<void>;
}
