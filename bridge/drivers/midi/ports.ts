import type { Clock } from '../../core/clock.js';
import { DeviceState } from '../../core/devices.js';
import type { MidiOut } from '../../core/midi/wire.js';
import type { MidiBackend, MidiInputHandle, MidiOutputHandle } from './interface.js';

export const MIDI_IN_COUNTERS = ['messages', 'sysex', 'applied', 'filtered', 'mode', 'unmapped', 'reconnects'] as const;
export const MIDI_OUT_COUNTERS = ['sent', 'coalesced', 'heldTouched', 'errors', 'reconnects'] as const;

export interface MidiPortsOptions {
  readonly clock: Clock;
  /** The profiles a port applies to now (rules can change with a profile reload). */
  readonly profilesFor: (port: string, dir: 'input' | 'output') => readonly string[];
  readonly onMessage: (port: string, m: MidiOut, t: number) => void;
  /** An output (re)opened: its profiles' feedback is resent in full. */
  readonly onOutputUp: (port: string) => void;
  /** An input went away: its decoder state must not survive. */
  readonly onInputDown: (port: string) => void;
  readonly warn: (msg: string) => void;
}

interface Open<H> {
  readonly device: DeviceState;
  handle: H | undefined;
}

/**
 * Hot-plug for one backend: easymidi has no connect events, so `poll` (about once a second) diffs
 * the port list, opens every port a profile matches, marks a vanished one down ('disconnected'),
 * and reopens it by name (its identity) when it returns. A port no profile matches is listed but
 * not opened. Never throws.
 */
export class MidiPorts {
  private readonly inputs = new Map<string, Open<MidiInputHandle>>();
  private readonly outputs = new Map<string, Open<MidiOutputHandle>>();
  /** Every port seen in the last poll, with the profiles it matched (for `detent devices`). */
  seen: { port: string; dir: 'input' | 'output'; profiles: readonly string[] }[] = [];

  constructor(
    readonly backend: MidiBackend,
    private readonly opts: MidiPortsOptions,
  ) {}

  /** One scan; answers the reason when the backend cannot list ports. */
  poll(): string | undefined {
    const list = this.backend.list();
    if (!list.ok) return list.error;
    this.seen = [];
    this.sync('input', list.value.inputs, this.inputs, (port, dev) => this.openInput(port, dev));
    this.sync('output', list.value.outputs, this.outputs, (port, dev) => this.openOutput(port, dev));
    return undefined;
  }

  /** Writes to every open output whose profiles include `profile`; answers how many. */
  send(profile: string, messages: readonly MidiOut[]): number {
    let n = 0;
    for (const [port, o] of this.outputs) {
      if (o.handle === undefined || !this.opts.profilesFor(port, 'output').includes(profile)) continue;
      for (const m of messages) o.handle.send(m);
      o.device.count('sent', messages.length);
      o.device.lastActivity = this.opts.clock.now();
      n++;
    }
    return n;
  }

  devices(): DeviceState[] {
    return [...this.inputs.values(), ...this.outputs.values()].map((o) => o.device);
  }

  close(): void {
    for (const o of [...this.inputs.values(), ...this.outputs.values()]) o.handle?.close();
    this.inputs.clear();
    this.outputs.clear();
  }

  private sync<H extends { close(): void }>(dir: 'input' | 'output', present: readonly string[], open: Map<string, Open<H>>, opener: (port: string, dev: DeviceState) => H | undefined): void {
    for (const port of present) {
      const profiles = this.opts.profilesFor(port, dir);
      this.seen.push({ port, dir, profiles });
      const o = open.get(port);
      if (profiles.length === 0 || (o !== undefined && o.handle !== undefined)) continue;
      const device = o?.device ?? new DeviceState(`midi-${dir === 'input' ? 'in' : 'out'}:${port}`, dir === 'input' ? 'midi-in' : 'midi-out', port, `${this.backend.name} ${port}`, dir === 'input' ? MIDI_IN_COUNTERS : MIDI_OUT_COUNTERS);
      if (o !== undefined) device.count('reconnects');
      const handle = opener(port, device);
      open.set(port, { device, handle });
      if (handle !== undefined && dir === 'output') this.opts.onOutputUp(port);
    }
    for (const [port, o] of open) {
      if (present.includes(port) || o.handle === undefined) continue;
      this.down(port, o, 'disconnected', dir);
    }
  }

  private down<H extends { close(): void }>(port: string, o: Open<H>, reason: string, dir: 'input' | 'output'): void {
    o.handle?.close();
    o.handle = undefined;
    o.device.status = { state: 'down', reason };
    if (dir === 'input') this.opts.onInputDown(port);
  }

  private openInput(port: string, device: DeviceState): MidiInputHandle | undefined {
    const r = this.backend.openInput(
      port,
      (m) => {
        const t = this.opts.clock.now();
        device.lastActivity = t;
        device.count(m.type === 'sysex' ? 'sysex' : 'messages');
        this.opts.onMessage(port, m, t);
      },
      (reason) => this.fail(device, this.inputs, port, reason, 'input'),
    );
    return this.opened(r, device, port);
  }

  private openOutput(port: string, device: DeviceState): MidiOutputHandle | undefined {
    const r = this.backend.openOutput(port, (reason) => {
      device.count('errors');
      this.fail(device, this.outputs, port, reason, 'output');
    });
    return this.opened(r, device, port);
  }

  private opened<H>(r: { ok: true; value: H } | { ok: false; error: string }, device: DeviceState, port: string): H | undefined {
    if (r.ok) {
      device.status = { state: 'up' };
      return r.value;
    }
    // Said once per distinct error, not on every poll.
    if (device.lastError !== r.error) this.opts.warn(`MIDI ${port}: ${r.error}`);
    device.status = { state: 'down', reason: r.error };
    device.lastError = r.error;
    return undefined;
  }

  private fail<H extends { close(): void }>(device: DeviceState, open: Map<string, Open<H>>, port: string, reason: string, dir: 'input' | 'output'): void {
    device.lastError = reason;
    const o = open.get(port);
    if (o !== undefined && o.handle !== undefined) this.down(port, o, reason, dir);
  }
}
