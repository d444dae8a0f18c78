import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { err, ok, type Result } from '../../core/result.js';
import { MidiParser } from '../../core/midi/parser.js';
import { encodeMidi, type MidiOut } from '../../core/midi/wire.js';
import type { MidiBackend, MidiInputHandle, MidiOutputHandle, MidiPortList } from './interface.js';

/** Hairless MIDI convention: raw MIDI bytes over a serial port at 115200 baud. */
export const SERIAL_MIDI_BAUD = 115200;

interface Shared {
  readonly port: SerialPort;
  readonly listeners: Set<(m: MidiOut) => void>;
  readonly errors: Set<(reason: string) => void>;
  users: number;
}

/**
 * MIDI bytes over serial ports (a small transport until the serial subsystem lands): each
 * configured path is one port, listed as `serial:<path>` in both directions while the path exists.
 * Input and output share one SerialPort; incoming bytes go through the pure MIDI parser.
 */
export class SerialMidiBackend implements MidiBackend {
  readonly name = 'serial';
  private readonly open = new Map<string, Shared>();

  constructor(
    private readonly paths: readonly string[],
    private readonly baudRate = SERIAL_MIDI_BAUD,
  ) {}

  list(): Result<MidiPortList, string> {
    const names = this.paths.filter((p) => existsSync(p)).map((p) => `serial:${p}`);
    return ok({ inputs: names, outputs: names });
  }

  openInput(port: string, onMessage: (m: MidiOut) => void, onError: (reason: string) => void): Result<MidiInputHandle, string> {
    const s = this.share(port);
    if (!s.ok) return s;
    s.value.listeners.add(onMessage);
    s.value.errors.add(onError);
    return ok({ close: () => this.release(port, () => s.value.listeners.delete(onMessage), onError) });
  }

  openOutput(port: string, onError: (reason: string) => void): Result<MidiOutputHandle, string> {
    const s = this.share(port);
    if (!s.ok) return s;
    s.value.errors.add(onError);
    return ok({
      send: (m) => void s.value.port.write(Buffer.from(encodeMidi(m))),
      close: () => this.release(port, () => undefined, onError),
    });
  }

  private share(name: string): Result<Shared, string> {
    const existing = this.open.get(name);
    if (existing !== undefined) {
      existing.users++;
      return ok(existing);
    }
    const path = name.replace(/^serial:/, '');
    if (!this.paths.includes(path) || !existsSync(path)) return err(`no serial MIDI port '${name}'`);
    const parser = new MidiParser();
    const s: Shared = { port: new SerialPort({ path, baudRate: this.baudRate }), listeners: new Set(), errors: new Set(), users: 1 };
    s.port.on('data', (chunk: Buffer) => {
      for (const p of parser.push(chunk)) if (p.kind === 'message') for (const l of s.listeners) l(p.message);
    });
    const fail = (reason: string): void => {
      if (this.open.get(name) === s) this.open.delete(name);
      for (const l of [...s.errors]) l(reason);
    };
    s.port.on('error', (e: Error) => fail(e.message));
    s.port.on('close', () => fail('disconnected'));
    this.open.set(name, s);
    return ok(s);
  }

  private release(name: string, detach: () => void, onError: (reason: string) => void): void {
    detach();
    const s = this.open.get(name);
    if (s === undefined) return;
    s.errors.delete(onError);
    if (--s.users > 0) return;
    this.open.delete(name);
    s.port.removeAllListeners('close');
    if (s.port.isOpen) s.port.close();
    else s.port.once('open', () => s.port.close());
  }
}
