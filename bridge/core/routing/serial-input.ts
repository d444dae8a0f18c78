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

interface DeviceState {
  readonly profile: SerialChannels;
  readonly conditioners: Map<string, { spec: ChannelSpec; conditioner: Conditioner }>;
}

/**
 * Routes serial readings into the mapping runtime: per device and channel, one conditioner (1€,
 * sleep, calibration, stepped switch, encoder counts) turns raw ADC counts into a control value,
 * which goes to the runtime as the channel's virtual control. Pure apart from conditioner state;
 * time comes in with the readings.
 */
export class SerialRouter {
  private readonly devices = new Map<string, DeviceState>();

  constructor(private readonly runtime: MappingRuntime) {}

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
    for (const c of this.devices.get(device)?.conditioners.values() ?? []) c.conditioner.reset();
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
      const value = entry.conditioner.push(raw, t);
      if (value === null) {
        if (result.kind === 'unmapped') result = { kind: 'filtered' };
        continue;
      }
      const r = this.runtime.handle({ control: entry.spec.control, value, t, origin: { kind: 'serial', device } });
      if (r.kind === 'applied') changes.push(...r.changes);
      else if (result.kind === 'unmapped' || r.kind === 'mode') result = r;
    }
    return changes.length > 0 ? { kind: 'applied', changes } : result;
  }

  private entry(device: string, name: string, bits: number): { spec: ChannelSpec; conditioner: Conditioner } | undefined {
    const d = this.devices.get(device);
    if (d === undefined) return undefined;
    let entry = d.conditioners.get(name);
    if (entry === undefined) {
      const spec = d.profile.channels.get(name) ?? d.profile.unlisted?.(name, bits);
      if (spec === undefined) return undefined;
      entry = { spec, conditioner: createConditioner(spec) };
      d.conditioners.set(name, entry);
    }
    return entry;
  }
}
