import { createRequire } from 'node:module';
import { assertNever } from '../../core/assert-never.js';
import { err, ok, type Result } from '../../core/result.js';
import type { MidiOut } from '../../core/midi/wire.js';
import type { MidiBackend, MidiInputHandle, MidiOutputHandle, MidiPortList } from './interface.js';
import type * as Easymidi from 'easymidi';

type EasymidiModule = typeof Easymidi;

/**
 * Loads easymidi (RtMidi through @julusian/midi's prebuilt binary) and checks the system has
 * MIDI: listing ports is what fails without an ALSA sequencer ("Failed to initialise RtMidi";
 * RtMidi also prints ALSA's own error to stderr, once per attempt, so callers probe once).
 */
export function loadEasymidi(): Result<EasymidiModule, string> {
  try {
    const mod = createRequire(import.meta.url)('easymidi') as EasymidiModule;
    mod.getInputs();
    return ok(mod);
  } catch (e) {
    return err((e as Error).message);
  }
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** MIDI ports through easymidi (RtMidi). Messages are translated field by field into MidiOut. */
export class EasymidiBackend implements MidiBackend {
  readonly name = 'easymidi';

  constructor(private readonly midi: EasymidiModule) {}

  list(): Result<MidiPortList, string> {
    try {
      return ok({ inputs: this.midi.getInputs(), outputs: this.midi.getOutputs() });
    } catch (e) {
      return err(message(e));
    }
  }

  openInput(port: string, onMessage: (m: MidiOut) => void, onError: (reason: string) => void): Result<MidiInputHandle, string> {
    try {
      if (!this.midi.getInputs().includes(port)) return err(`no MIDI input named '${port}'`);
      const input = new this.midi.Input(port);
      input.on('cc', (p) => onMessage({ type: 'cc', channel: p.channel, controller: p.controller, value: p.value }));
      input.on('noteon', (p) => onMessage({ type: 'noteon', channel: p.channel, note: p.note, velocity: p.velocity }));
      input.on('noteoff', (p) => onMessage({ type: 'noteoff', channel: p.channel, note: p.note, velocity: p.velocity }));
      input.on('pitch', (p) => onMessage({ type: 'pitchbend', channel: p.channel, value: p.value }));
      input.on('program', (p) => onMessage({ type: 'program', channel: p.channel, number: p.number }));
      input.on('channel aftertouch', (p) => onMessage({ type: 'channel-pressure', channel: p.channel, value: p.pressure }));
      input.on('poly aftertouch', (p) => onMessage({ type: 'poly-pressure', channel: p.channel, note: p.note, value: p.pressure }));
      // easymidi passes the whole message, F0 and F7 included.
      input.on('sysex', (p) => onMessage({ type: 'sysex', body: p.bytes.slice(1, -1) }));
      (input as unknown as { on(e: 'error', l: (e: unknown) => void): void }).on('error', (e) => onError(message(e)));
      return ok({ close: () => (input.isPortOpen() ? input.close() : undefined) });
    } catch (e) {
      return err(message(e));
    }
  }

  openOutput(port: string, onError: (reason: string) => void): Result<MidiOutputHandle, string> {
    try {
      if (!this.midi.getOutputs().includes(port)) return err(`no MIDI output named '${port}'`);
      const out = new this.midi.Output(port);
      return ok({
        send: (m) => {
          try {
            sendTo(out, m);
          } catch (e) {
            onError(message(e));
          }
        },
        close: () => (out.isPortOpen() ? out.close() : undefined),
      });
    } catch (e) {
      return err(message(e));
    }
  }
}

function sendTo(out: Easymidi.Output, m: MidiOut): void {
  const channel = m.type === 'sysex' ? 0 : (m.channel as Easymidi.Channel);
  switch (m.type) {
    case 'cc':
      return out.send('cc', { channel, controller: m.controller, value: m.value });
    case 'noteon':
      return out.send('noteon', { channel, note: m.note, velocity: m.velocity });
    case 'noteoff':
      return out.send('noteoff', { channel, note: m.note, velocity: m.velocity });
    case 'pitchbend':
      return out.send('pitch', { channel, value: m.value });
    case 'program':
      return out.send('program', { channel, number: m.number });
    case 'channel-pressure':
      return out.send('channel aftertouch', { channel, pressure: m.value });
    case 'poly-pressure':
      return out.send('poly aftertouch', { channel, note: m.note, pressure: m.value });
    case 'sysex':
      return out.send('sysex', [0xf0, ...m.body, 0xf7]);
    default:
      return assertNever(m, 'MIDI message');
  }
}
