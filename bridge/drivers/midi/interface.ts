import type { Result } from '../../core/result.js';
import type { MidiOut } from '../../core/midi/wire.js';

/** Port names present now, as the system names them. */
export interface MidiPortList {
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

export interface MidiInputHandle {
  /** Stops delivery; safe to call twice. */
  close(): void;
}

export interface MidiOutputHandle {
  /** Writes one message; a failure (port gone) is reported through the `onError` given at open. */
  send(m: MidiOut): void;
  close(): void;
}

/**
 * The only MIDI I/O Detent needs: list ports, open an input (messages arrive parsed, in the same
 * MidiOut form the byte parser yields) and open an output. Nothing throws: a system without MIDI
 * (no ALSA sequencer: "Failed to initialise RtMidi") answers every call with an error result
 * carrying the reason. Adapters: easymidi.ts (RtMidi), serial.ts (MIDI bytes over a serial port),
 * fake.ts; all pass test/drivers/midi-backend.contract.ts.
 */
export interface MidiBackend {
  /** `easymidi`, `serial`, `fake`: for logs and the devices page. */
  readonly name: string;
  list(): Result<MidiPortList, string>;
  openInput(port: string, onMessage: (m: MidiOut) => void, onError: (reason: string) => void): Result<MidiInputHandle, string>;
  openOutput(port: string, onError: (reason: string) => void): Result<MidiOutputHandle, string>;
}
