import { err, ok, type Result } from '../../core/result.js';
import type { MidiOut } from '../../core/midi/wire.js';
import type { MidiBackend, MidiInputHandle, MidiOutputHandle, MidiPortList } from './interface.js';

/**
 * In-memory MIDI backend for tests: `plug`/`unplug` ports, `deliver` a message as if a device sent
 * it, `sent` records what was written per output port. `unavailable` makes every call
 * fail with that reason, as a system without MIDI does.
 */
export class FakeMidiBackend implements MidiBackend {
  readonly name = 'fake';
  readonly sent: { port: string; message: MidiOut }[] = [];
  unavailable: string | undefined;
  private readonly inputs = new Set<string>();
  private readonly outputs = new Set<string>();
  private readonly listeners = new Map<string, Set<(m: MidiOut) => void>>();
  private readonly errorListeners = new Map<string, Set<(reason: string) => void>>();

  plug(port: string, dirs: { input?: boolean; output?: boolean } = { input: true, output: true }): void {
    if (dirs.input !== false) this.inputs.add(port);
    if (dirs.output !== false) this.outputs.add(port);
  }

  unplug(port: string): void {
    this.inputs.delete(port);
    this.outputs.delete(port);
    for (const l of this.errorListeners.get(port) ?? []) l('device unplugged');
    this.listeners.delete(port);
    this.errorListeners.delete(port);
  }

  deliver(port: string, m: MidiOut): void {
    for (const l of this.listeners.get(port) ?? []) l(m);
  }

  list(): Result<MidiPortList, string> {
    if (this.unavailable !== undefined) return err(this.unavailable);
    return ok({ inputs: [...this.inputs], outputs: [...this.outputs] });
  }

  openInput(port: string, onMessage: (m: MidiOut) => void, onError: (reason: string) => void): Result<MidiInputHandle, string> {
    if (this.unavailable !== undefined) return err(this.unavailable);
    if (!this.inputs.has(port)) return err(`no MIDI input named '${port}'`);
    const set = this.listeners.get(port) ?? new Set();
    set.add(onMessage);
    this.listeners.set(port, set);
    this.onError(port, onError);
    return ok({ close: () => void this.listeners.get(port)?.delete(onMessage) });
  }

  openOutput(port: string, onError: (reason: string) => void): Result<MidiOutputHandle, string> {
    if (this.unavailable !== undefined) return err(this.unavailable);
    if (!this.outputs.has(port)) return err(`no MIDI output named '${port}'`);
    this.onError(port, onError);
    let open = true;
    return ok({
      send: (message) => {
        if (!open || !this.outputs.has(port)) return onError(`MIDI output '${port}' is closed`);
        this.sent.push({ port, message });
      },
      close: () => {
        open = false;
      },
    });
  }

  private onError(port: string, l: (reason: string) => void): void {
    const set = this.errorListeners.get(port) ?? new Set();
    set.add(l);
    this.errorListeners.set(port, set);
  }
}
