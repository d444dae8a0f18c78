import type { RawInput } from '../input.js';
import type { MappingRuntime } from '../mapping/runtime.js';
import { MidiDeviceDecoder } from '../midi/decoder.js';
import type { MidiEvent } from '../midi/event.js';
import { interpretMidi } from '../midi/interpret.js';
import { EMPTY_LAYOUT, layoutOf, type MidiLayout, type MidiSource } from '../midi/spec.js';
import type { ParamChange } from '../param/store.js';
import { midiKey } from './key.js';
import type { RouteOutcome } from './osc-input.js';
import type { RoutingTable } from './table.js';

export type MidiInput = Extract<RawInput, { kind: 'midi' }>;

/** Each table's MIDI layout per profile, computed once per compiled table. */
const layouts = new WeakMap<RoutingTable, ReadonlyMap<string, MidiLayout>>();

function layoutFor(table: RoutingTable, profile: string): MidiLayout {
  let byProfile = layouts.get(table);
  if (byProfile === undefined) {
    const sources = new Map<string, MidiSource[]>();
    for (const bs of table.byInput.values())
      for (const b of bs) {
        if (b.decode.kind !== 'midi') continue;
        const list = sources.get(b.profile) ?? [];
        list.push(b.decode.source);
        sources.set(b.profile, list);
      }
    byProfile = new Map([...sources].map(([p, s]) => [p, layoutOf(s)]));
    layouts.set(table, byProfile);
  }
  return byProfile.get(profile) ?? EMPTY_LAYOUT;
}

/**
 * Routes MIDI input into the mapping runtime: one stateful decoder per device and profile (14-bit
 * pairs and NRPN state are per device), then the bindings of each source event (looked up by
 * `midi <profile> <source>`), interpreted per binding. Pure apart from decoder state: time comes
 * in with the input, and the owner calls `flush(now)` at `nextDeadline()` for held halves.
 */
export class MidiRouter {
  private readonly decoders = new Map<string, MidiDeviceDecoder>();

  constructor(private readonly runtime: MappingRuntime) {}

  /** Routes one message from `input.device` for each profile that matched the device. */
  route(input: MidiInput, profiles: readonly string[]): RouteOutcome {
    let result: RouteOutcome = { kind: 'unmapped' };
    const changes: ParamChange[] = [];
    for (const profile of profiles) {
      const events = this.decoder(input.device, profile).push(layoutFor(this.runtime.routing, profile), input.message, input.t);
      result = this.apply(input.device, profile, events, input.t, changes, result);
    }
    return changes.length > 0 ? { kind: 'applied', changes } : result;
  }

  /** Emits held 14-bit halves whose wait has passed; one outcome per device/profile that had any. */
  flush(now: number): RouteOutcome[] {
    const out: RouteOutcome[] = [];
    for (const [k, d] of this.decoders) {
      const events = d.flush(now);
      if (events.length === 0) continue;
      const [device = '', profile = ''] = k.split('\n');
      const changes: ParamChange[] = [];
      const r = this.apply(device, profile, events, now, changes, { kind: 'unmapped' });
      out.push(changes.length > 0 ? { kind: 'applied', changes } : r);
    }
    return out;
  }

  nextDeadline(): number | undefined {
    let next: number | undefined;
    for (const d of this.decoders.values()) {
      const t = d.nextDeadline();
      if (t !== undefined && (next === undefined || t < next)) next = t;
    }
    return next;
  }

  /** Forgets a device's decoder state (it was unplugged: half values must not survive). */
  forget(device: string): void {
    for (const k of [...this.decoders.keys()]) if (k.startsWith(`${device}\n`)) this.decoders.delete(k);
  }

  private decoder(device: string, profile: string): MidiDeviceDecoder {
    const k = `${device}\n${profile}`;
    let d = this.decoders.get(k);
    if (d === undefined) {
      d = new MidiDeviceDecoder();
      this.decoders.set(k, d);
    }
    return d;
  }

  private apply(device: string, profile: string, events: readonly MidiEvent[], t: number, changes: ParamChange[], result: RouteOutcome): RouteOutcome {
    for (const e of events) {
      const bindings = this.runtime.routing.byInput.get(midiKey(profile, e.key));
      for (const b of bindings ?? []) {
        if (b.decode.kind !== 'midi') continue;
        for (const value of interpretMidi(b.decode.as, e.value)) {
          const r = this.runtime.handle({ control: b.control, value, t, origin: { kind: 'midi', device } });
          if (r.kind === 'applied') changes.push(...r.changes);
          else if (result.kind === 'unmapped' || r.kind === 'mode') result = r;
        }
      }
    }
    return result;
  }
}
