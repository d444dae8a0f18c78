/**
 * The WebSocket protocol between the daemon and the dashboard, shared by both sides.
 * JSON text frames; each message is a discriminated union member on `type`.
 *
 * Flow control (server side in ws/channel.ts):
 * - `hello` comes first, then changes; a client never misses a parameter change. While a client
 *   is congested (its unsent bytes pass a threshold) changes are merged per parameter, so it gets
 *   the latest value of every parameter that moved, in the order they last moved.
 * - `meters` are credit-based: the server keeps at most a few meter frames unacknowledged per
 *   client and holds only the newest beyond that. A client that wants a live meter stream answers
 *   each `meters` it has handled with `meters-ack`; a client that never acks gets the first few
 *   frames only. This bounds stale meters even where kernel socket buffers hide a slow reader.
 */
import type { InputEntry } from '../core/monitor/describe.js';
import type { DeviceSnapshot } from '../core/devices.js';
import type { ParamDescriptor } from '../core/param/descriptor.js';
import type { LoudnessFrame } from '../engine/interface.js';
import type { LearnState } from '../learn/state.js';

export interface ParamState extends ParamDescriptor {
  readonly value: number;
  readonly norm: number;
}

/** A mapping as listed by `/api/mappings` and the dashboard. */
export interface MappingView {
  readonly id: string;
  readonly control: string;
  /** The physical input bound to the control (`osc /1/fader1`), or null if no profile provides it. */
  readonly input: string | null;
  readonly target: string;
  readonly feedback: boolean;
  readonly glue: unknown;
  /** Whether the mapping acts now (its page and modifiers match). */
  readonly active: boolean;
  /** The soft-takeover mode (`pickup`, `off`, ...). */
  readonly takeover: string;
  /**
   * For absolute controls once seen: caught or not, and which way (`up`/`down`) and how far (in
   * control travel, 0..1) to turn to catch. Null before the control was first moved.
   */
  readonly catch: { readonly caught: boolean; readonly knob: number | null; readonly direction: 'up' | 'down' | null; readonly distance: number | null } | null;
  /** The configured set's as written, `edited` (the learned overlay replaces it) or `added` (the overlay's own: learned). */
  readonly source: 'set' | 'edited' | 'added';
}

/** A mapping of the configured set that the learned overlay removes (restorable). */
export interface RemovedMappingView {
  readonly id: string;
  readonly control: string;
  readonly target: string;
}

export type ServerMessage =
  /** `client` is this connection's id, as it appears in `param` origins (`dashboard <client>`). */
  | { readonly type: 'hello'; readonly version: string; readonly client: string; readonly params: readonly ParamState[]; readonly mappings: readonly MappingView[]; readonly devices: readonly DeviceSnapshot[] }
  /** A parameter changed; `origin` is a short human label (`osc 127.0.0.1:53211`, `api`). */
  | { readonly type: 'param'; readonly id: string; readonly value: number; readonly norm: number; readonly origin: string }
  /**
   * Meters, packed: per channel [L, R] in dBFS; `spectrumDb` one level per 1/6-octave band, in the
   * order of SPECTRUM_CENTRES_HZ (bridge/engine/meters/spectrum/bands.ts). Stale frames may be
   * dropped for a slow client.
   */
  | {
      readonly type: 'meters';
      readonly t: number;
      readonly peakDb: readonly number[];
      readonly rmsDb: readonly number[];
      readonly loudness?: LoudnessFrame;
      readonly spectrumDb?: readonly number[];
    }
  | { readonly type: 'devices'; readonly devices: readonly DeviceSnapshot[] }
  /**
   * Incoming OSC, MIDI and serial messages for the monitor, about every 100 ms while a client is
   * connected; `dropped` counts those left out of this batch (a flood). Advisory: a congested
   * client skips batches.
   */
  | { readonly type: 'inputs'; readonly entries: readonly InputEntry[]; readonly dropped: number }
  /**
   * The mappings with their takeover state, and the problems of the mapping files (an invalid edit
   * keeps the previous mappings in force and is listed here until fixed). Sent when it changes.
   */
  | { readonly type: 'mappings'; readonly mappings: readonly MappingView[]; readonly problems: readonly string[]; readonly removed: readonly RemovedMappingView[] }
  /** Learn's state: after `hello` when learn is available, then on every change (rare, never merged). */
  | { readonly type: 'learn'; readonly learn: LearnState }
  | { readonly type: 'error'; readonly code: string; readonly message: string };

export type ClientMessage =
  | { readonly type: 'set'; readonly id: string; readonly value: number }
  | { readonly type: 'set-norm'; readonly id: string; readonly norm: number }
  /** "I have handled one `meters` message; send another when there is one." */
  | { readonly type: 'meters-ack' };
