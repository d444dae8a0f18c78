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
import type { DeviceSnapshot } from '../core/devices.js';
import type { ParamDescriptor } from '../core/param/descriptor.js';

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
}

export type ServerMessage =
  /** `client` is this connection's id, as it appears in `param` origins (`dashboard <client>`). */
  | { readonly type: 'hello'; readonly version: string; readonly client: string; readonly params: readonly ParamState[]; readonly mappings: readonly MappingView[]; readonly devices: readonly DeviceSnapshot[] }
  /** A parameter changed; `origin` is a short human label (`osc 127.0.0.1:53211`, `api`). */
  | { readonly type: 'param'; readonly id: string; readonly value: number; readonly norm: number; readonly origin: string }
  /** Meters, packed: per channel [L, R] in dBFS. Stale frames may be dropped for a slow client. */
  | { readonly type: 'meters'; readonly t: number; readonly peakDb: readonly number[]; readonly rmsDb: readonly number[] }
  | { readonly type: 'devices'; readonly devices: readonly DeviceSnapshot[] }
  | { readonly type: 'error'; readonly code: string; readonly message: string };

export type ClientMessage =
  | { readonly type: 'set'; readonly id: string; readonly value: number }
  | { readonly type: 'set-norm'; readonly id: string; readonly norm: number }
  /** "I have handled one `meters` message; send another when there is one." */
  | { readonly type: 'meters-ack' };
