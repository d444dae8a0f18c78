/**
 * Message rates of the devices, from the counters of successive `devices` updates (about one a
 * second): the counter that counts a device's traffic, its change over the client's own time
 * between updates. Pure; times in ms of the client's clock.
 */
import { assertNever } from '../../bridge/core/assert-never.js';
import type { DeviceKind, DeviceSnapshot } from '../../bridge/core/devices.js';

/** The counter that counts a device's messages (frames for a serial box, meter frames for the engine). */
export function trafficCounter(kind: DeviceKind): string {
  switch (kind) {
    case 'osc-in':
    case 'midi-in':
      return 'messages';
    case 'osc-out':
    case 'midi-out':
      return 'sent';
    case 'serial':
      return 'frames';
    case 'engine':
      return 'meterFrames';
    default:
      return assertNever(kind, 'device kind');
  }
}

/** What the card shows: messages a second over the last update, and how long it has been quiet. */
export interface Traffic {
  /** Messages a second since the previous update; null before there are two updates. */
  readonly rate: number | null;
  /** Seconds since the counter last moved; null while it moves or if it never has. */
  readonly idleS: number | null;
}

interface Seen {
  count: number;
  at: number;
  /** When the counter last moved (client ms), or null if not seen moving. */
  movedAt: number | null;
}

export class DeviceRates {
  private readonly seen = new Map<string, Seen>();

  /** Takes one update, at client time `now` (ms); forgets devices that are gone. */
  update(devices: readonly DeviceSnapshot[], now: number): Map<string, Traffic> {
    const out = new Map<string, Traffic>();
    const present = new Set<string>();
    for (const d of devices) {
      present.add(d.id);
      const count = d.counters[trafficCounter(d.kind)] ?? 0;
      const prev = this.seen.get(d.id);
      if (prev === undefined || now <= prev.at) {
        this.seen.set(d.id, { count, at: now, movedAt: null });
        out.set(d.id, { rate: null, idleS: null });
        continue;
      }
      const moved = count !== prev.count;
      const rate = Math.max(0, count - prev.count) / ((now - prev.at) / 1000);
      const movedAt = moved ? now : prev.movedAt;
      this.seen.set(d.id, { count, at: now, movedAt });
      out.set(d.id, { rate, idleS: moved || movedAt === null ? null : (now - movedAt) / 1000 });
    }
    for (const id of [...this.seen.keys()]) if (!present.has(id)) this.seen.delete(id);
    return out;
  }
}

/** `42/s`, `0.5/s`; `idle 12 s` when quiet; empty before a rate exists. */
export function trafficText(t: Traffic | undefined): string {
  if (t === undefined || t.rate === null) return '';
  if (t.rate === 0) return t.idleS === null ? '0/s' : `idle ${t.idleS < 60 ? `${Math.round(t.idleS)} s` : `${Math.floor(t.idleS / 60)} min`}`;
  return `${t.rate < 10 ? t.rate.toFixed(1) : Math.round(t.rate).toLocaleString('en')}/s`;
}
