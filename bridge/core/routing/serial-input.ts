import type { ControlValue } from '../control.js';
import type { MappingRuntime } from '../mapping/runtime.js';
import type { ParamChange } from '../param/store.js';
import type { ChannelSpec } from '../serial/channel.js';
import { createConditioner, type Conditioner } from '../serial/condition/conditioner.js';
import type { DecodeEvent } from '../serial/decoder.js';
import type { RouteOutcome } from './osc-input.js';

/** A device's channels as its firmware profile describes them (config/firmware-profile-compile.ts). */
export interface SerialChannels {
  readonly channels: ReadonlyMap<string, ChannelSpec>;
  /** Spec for a channel the profile does not list, or null to ignore such channels. */
  readonly unlisted: ((name: string, bits: number) => ChannelSpec) | null;
}

interface Entry {
  readonly spec: ChannelSpec;
  readonly conditioner: Conditioner;
  /** Last reading (rescaled raw) and when it arrived / was last fed to the conditioner (clock ms). */
  raw: number;
  heardAt: number;
  fedAt: number;
  /** Held readings fed since the last real one. */
  held: number;
}

interface DeviceState {
  readonly profile: SerialChannels;
  readonly conditioners: Map<string, Entry>;
}

/**
 * Send-on-change boards (Detent HR, MIDI, text lines) stop reporting when a knob stops; the
 * filter then still lags behind the last reading. The last reading is held (a zero-order hold:
 * the knob is where it was last reported) and fed again every REFEED_MS for HOLD_MS (long enough
 * for the sleep gate to see the knob rest: about 60 readings after a fast turn), so the
 * output settles exactly where the knob rests instead of waiting for the next keep-alive.
 * Boards that report continuously (deej every 10 ms) never trigger it.
 * The held readings sit on a fixed grid (the last real reading + k·REFEED_MS, k = 1..HOLD_READINGS):
 * a tick feeds every one due by its time, each stamped with its own grid time, so a timer that
 * runs late (a busy event loop) catches up instead of stretching the hold. The filter and the
 * gate see the same readings as with a punctual timer, and the output is on the knob at the
 * first tick after the grid ends (HOLD_READINGS·REFEED_MS = 1008 ms after the last real reading).
 */
export const REFEED_MS = 12;
export const HOLD_MS = 1000;
/** Held readings per hold: HOLD_MS at REFEED_MS, rounded up (84, the last 1008 ms after the real reading). */
export const HOLD_READINGS = Math.ceil(HOLD_MS / REFEED_MS);

/**
 * Routes serial readings into the mapping runtime: per device and channel, one conditioner (1€,
 * sleep, calibration, stepped switch, encoder counts) turns raw ADC counts into a control value,
 * which goes to the runtime as the channel's virtual control. Pure apart from conditioner state;
 * time comes in with the readings.
 */
export class SerialRouter {
  private readonly devices = new Map<string, DeviceState>();

  /** `observe` sees every conditioned value before the runtime does (learn). */
  constructor(
    private readonly runtime: MappingRuntime,
    private readonly observe: (control: string, value: ControlValue) => void = () => {},
  ) {}

  /** Sets (or replaces, e.g. after calibration) a device's channels; conditioner state starts afresh. */
  attach(device: string, profile: SerialChannels): void {
    this.devices.set(device, { profile, conditioners: new Map() });
  }

  /** Forgets a device (closed for good). */
  detach(device: string): void {
    this.devices.delete(device);
  }

  /** Starts every conditioner afresh (the port reopened: the first reading reports the position). */
  reset(device: string): void {
    for (const c of this.devices.get(device)?.conditioners.values() ?? []) {
      c.conditioner.reset();
      c.heardAt = -Infinity;
    }
  }

  /** The channel a reading maps to, or undefined when the profile ignores it. */
  channelOf(device: string, name: string, bits: number): ChannelSpec | undefined {
    return this.entry(device, name, bits)?.spec;
  }

  /** Routes one batch of decoder events; readings of unknown channels are `unmapped`. */
  route(device: string, events: readonly DecodeEvent[], t: number): RouteOutcome {
    let result: RouteOutcome = { kind: 'unmapped' };
    const changes: ParamChange[] = [];
    for (const e of events) {
      if (e.kind !== 'reading') continue;
      const entry = this.entry(device, e.channel, e.bits);
      if (entry === undefined) continue;
      // Readings at another resolution than the channel's (a Detent HR box switched to 16 bits) are rescaled.
      const raw = e.bits === entry.spec.bits ? e.raw : e.raw * 2 ** (entry.spec.bits - e.bits);
      entry.raw = raw;
      entry.heardAt = t;
      entry.held = 0;
      result = this.feed(device, entry, t, changes, result);
    }
    return changes.length > 0 ? { kind: 'applied', changes } : result;
  }

  /**
   * Feeds every held reading due by `t` (see REFEED_MS: all of them, at their grid times, when the
   * call comes late); call at `nextDeadline()`. The runtime sees only the last value per channel,
   * at `t`: the earlier ones are already superseded.
   */
  tick(t: number): RouteOutcome {
    let result: RouteOutcome = { kind: 'unmapped' };
    const changes: ParamChange[] = [];
    for (const [device, d] of this.devices)
      for (const entry of d.conditioners.values()) {
        let value: ControlValue | null | undefined;
        for (let at = this.due(entry); at !== undefined && t >= at; at = this.due(entry)) {
          entry.held++;
          entry.fedAt = at;
          value = entry.conditioner.push(entry.raw, at) ?? value ?? null;
        }
        if (value !== undefined) result = this.apply(device, entry, value, t, changes, result);
      }
    return changes.length > 0 ? { kind: 'applied', changes } : result;
  }

  /** Clock ms of the next held reading to feed, or undefined when every channel is quiet. */
  nextDeadline(): number | undefined {
    let next: number | undefined;
    for (const d of this.devices.values())
      for (const entry of d.conditioners.values()) {
        const at = this.due(entry);
        if (at !== undefined && (next === undefined || at < next)) next = at;
      }
    return next;
  }

  private due(e: Entry): number | undefined {
    if (e.spec.kind !== 'pot' && e.spec.kind !== 'fader') return undefined;
    return e.heardAt > -Infinity && e.held < HOLD_READINGS ? e.fedAt + REFEED_MS : undefined;
  }

  /** Feeds the entry's reading at `t` (a real one). */
  private feed(device: string, entry: Entry, t: number, changes: ParamChange[], result: RouteOutcome): RouteOutcome {
    entry.fedAt = t;
    return this.apply(device, entry, entry.conditioner.push(entry.raw, t), t, changes, result);
  }

  /** Hands a conditioned value (null: the conditioner emitted nothing) to learn and the runtime. */
  private apply(device: string, entry: Entry, value: ControlValue | null, t: number, changes: ParamChange[], result: RouteOutcome): RouteOutcome {
    if (value === null) return result.kind === 'unmapped' ? { kind: 'filtered' } : result;
    this.observe(entry.spec.control, value);
    const r = this.runtime.handle({ control: entry.spec.control, value, t, origin: { kind: 'serial', device } });
    if (r.kind === 'applied') changes.push(...r.changes);
    else if (result.kind === 'unmapped' || r.kind === 'mode') return r;
    return result;
  }

  private entry(device: string, name: string, bits: number): Entry | undefined {
    const d = this.devices.get(device);
    if (d === undefined) return undefined;
    let entry = d.conditioners.get(name);
    if (entry === undefined) {
      const spec = d.profile.channels.get(name) ?? d.profile.unlisted?.(name, bits);
      if (spec === undefined) return undefined;
      entry = { spec, conditioner: createConditioner(spec), raw: 0, heardAt: -Infinity, fedAt: -Infinity, held: 0 };
      d.conditioners.set(name, entry);
    }
    return entry;
  }
}
