import { SerialPort } from 'serialport';
import { MidiParser } from '../../bridge/core/midi/parser.js';
import { encodeMidi, type MidiOut } from '../../bridge/core/midi/wire.js';
import { EasymidiBackend, loadEasymidi } from '../../bridge/drivers/midi/easymidi.js';
import { FakeMidiBackend } from '../../bridge/drivers/midi/fake.js';
import { SerialMidiBackend } from '../../bridge/drivers/midi/serial.js';
import { midiBackendContract } from './midi-backend.contract.js';
import { ptyPair } from './pty.js';

midiBackendContract('fake', {
  skip: undefined,
  make: async () => {
    const backend = new FakeMidiBackend();
    backend.plug('X-TOUCH MINI');
    let read = 0;
    return {
      backend,
      port: 'X-TOUCH MINI',
      inject: async (m) => backend.deliver('X-TOUCH MINI', m),
      written: async () => backend.sent.slice(read, (read = backend.sent.length)).map((s) => s.message),
      cleanup: async () => {},
    };
  },
});

// easymidi with virtual ports (needs an ALSA sequencer: skipped with RtMidi's reason where there is none).
const easy = loadEasymidi();
midiBackendContract('easymidi', {
  skip: easy.ok ? undefined : easy.error,
  make: async () => {
    if (!easy.ok) throw new Error(easy.error);
    const mod = easy.value;
    const name = `detent-contract-${process.pid}`;
    const deviceOut = new mod.Output(name, true);
    const deviceIn = new mod.Input(`${name}-in`, true);
    const written: MidiOut[] = [];
    deviceIn.on('cc', (p) => written.push({ type: 'cc', channel: p.channel, controller: p.controller, value: p.value }));
    deviceIn.on('sysex', (p) => written.push({ type: 'sysex', body: p.bytes.slice(1, -1) }));
    const backend = new EasymidiBackend(mod);
    return {
      backend,
      port: name,
      inject: async (m) => {
        if (m.type === 'cc') deviceOut.send('cc', { channel: m.channel as 0, controller: m.controller, value: m.value });
        if (m.type === 'pitchbend') deviceOut.send('pitch', { channel: m.channel as 0, value: m.value });
        if (m.type === 'noteon') deviceOut.send('noteon', { channel: m.channel as 0, note: m.note, velocity: m.velocity });
      },
      written: async () => written.splice(0),
      cleanup: async () => {
        deviceOut.close();
        deviceIn.close();
      },
    };
  },
});

midiBackendContract('serial over a socat PTY', {
  skip: undefined,
  make: async () => {
    const pty = await ptyPair();
    const backend = new SerialMidiBackend([pty.a]);
    const device = new SerialPort({ path: pty.b, baudRate: 115200 });
    await new Promise<void>((r, j) => device.once('open', () => r()).once('error', j));
    const parser = new MidiParser();
    const written: MidiOut[] = [];
    device.on('data', (c: Buffer) => {
      for (const p of parser.push(c)) if (p.kind === 'message') written.push(p.message);
    });
    return {
      backend,
      port: `serial:${pty.a}`,
      inject: async (m) => void device.write(Buffer.from(encodeMidi(m))),
      written: async () => written.splice(0),
      cleanup: async () => {
        await new Promise<void>((r) => device.close(() => r()));
        await pty.close();
      },
    };
  },
});
