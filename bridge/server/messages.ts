/**
 * The WebSocket protocol between the daemon and the dashboard, shared by both sides.
 * JSON text frames; each message is a discriminated union member on `type`.
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
  | { readonly type: 'hello'; readonly version: string; readonly params: readonly ParamState[]; readonly mappings: readonly MappingView[]; readonly devices: readonly DeviceSnapshot[] }
  /** A parameter changed; `origin` is a short human label (`osc 127.0.0.1:53211`, `api`). */
  | { readonly type: 'param'; readonly id: string; readonly value: number; readonly norm: number; readonly origin: string }
  /** Meters, packed: per channel [L, R] in dBFS. Stale frames may be dropped for a slow client. */
  | { readonly type: 'meters'; readonly t: number; readonly peakDb: readonly number[]; readonly rmsDb: readonly number[] }
  | { readonly type: 'devices'; readonly devices: readonly DeviceSnapshot[] }
  | { readonly type: 'error'; readonly code: string; readonly message: string };

export type ClientMessage =
  | { readonly type: 'set'; readonly id: string; readonly value: number }
  | { readonly type: 'set-norm'; readonly id: string; readonly norm: number };
