/**
 * Device status and counters, as `/api/devices` and the dashboard show them. Drivers own one
 * DeviceState each and bump its counters; nothing here does I/O.
 */
export type DeviceKind = 'osc-in' | 'osc-out' | 'midi-in' | 'midi-out' | 'serial' | 'engine';

export type DeviceStatus =
  | { readonly state: 'up' }
  | { readonly state: 'down'; readonly reason: string }
  | { readonly state: 'unavailable'; readonly reason: string };

export interface DeviceSnapshot {
  readonly id: string;
  readonly kind: DeviceKind;
  readonly name: string;
  readonly status: DeviceStatus;
  /** Where it is: `udp 127.0.0.1:9000`, `/dev/ttyACM0`, `sink none @ 48000 Hz`. */
  readonly endpoint: string;
  /** Clock ms of the last message in or out, or null if none yet. */
  readonly lastActivity: number | null;
  readonly counters: Readonly<Record<string, number>>;
  /** The last error seen, with where it came from; null if none. */
  readonly lastError: string | null;
}

export class DeviceState {
  status: DeviceStatus = { state: 'up' };
  lastActivity: number | null = null;
  lastError: string | null = null;
  private readonly counters: Record<string, number> = {};

  constructor(
    readonly id: string,
    readonly kind: DeviceKind,
    readonly name: string,
    public endpoint: string,
    counterNames: readonly string[],
  ) {
    for (const c of counterNames) this.counters[c] = 0;
  }

  count(counter: string, by = 1): void {
    this.counters[counter] = (this.counters[counter] ?? 0) + by;
  }

  counter(name: string): number {
    return this.counters[name] ?? 0;
  }

  snapshot(): DeviceSnapshot {
    return {
      id: this.id,
      kind: this.kind,
      name: this.name,
      status: this.status,
      endpoint: this.endpoint,
      lastActivity: this.lastActivity,
      counters: { ...this.counters },
      lastError: this.lastError,
    };
  }
}
