import type { ParamDescriptor, ParamId } from '../core/param/descriptor.js';

/** One meter frame, about 30 a second: per channel (L, R), in dBFS (floor -120). */
export interface MeterFrame {
  /** Audio context time of the frame's end, in seconds. */
  readonly t: number;
  /** Highest absolute sample since the previous frame. */
  readonly peakDb: readonly number[];
  /** RMS over the last 300 ms (the classic RMS meter integration time). */
  readonly rmsDb: readonly number[];
}

export type EngineStatus =
  | { readonly state: 'stopped' }
  | {
      readonly state: 'running';
      /** `default` when an audio device is open, `none` when running headless. */
      readonly sink: 'default' | 'none';
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
  close(): Promise<void>;
}
