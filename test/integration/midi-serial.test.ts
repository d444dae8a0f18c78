import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bridge/config/load.js';
import { MidiParser } from '../../bridge/core/midi/parser.js';
import type { MidiOut } from '../../bridge/core/midi/wire.js';
import { startDaemon, type Daemon } from '../../bridge/daemon/index.js';
import { FakeEngine } from '../../bridge/engine/fake.js';
import { ptyPair } from '../drivers/pty.js';
import { getJson, until } from './harness.js';

/** A serial knob box speaking MIDI bytes: a 14-bit fader, a 14-bit NRPN knob and a relative encoder. */
const PROFILE = {
  schemaVersion: 1,
  id: 'serial-midi-box',
  name: 'Serial MIDI box',
  match: { midi: { input: '/^serial:/', output: '/^serial:/' } },
  controls: [
    { id: 'fader/1', kind: 'absolute', midi: { channel: 1, cc14: 1 } },
    { id: 'knob/1', kind: 'absolute', midi: { channel: 1, nrpn: 5, bits: 14 } },
    { id: 'encoder/1', kind: 'relative', midi: { channel: 1, cc: 20, encoding: 'binary-offset', feedback: false } },
  ],
};

describe('MIDI over a serial PTY drives the chain end to end', () => {
  let daemon: Daemon;
  let device: SerialPort;
  let pty: Awaited<ReturnType<typeof ptyPair>>;
  const back: MidiOut[] = [];

  beforeAll(async () => {
    pty = await ptyPair();
    // The device end is open before the daemon starts (socat gives up on a PTY nobody holds).
    device = new SerialPort({ path: pty.b, baudRate: 115200 });
    await new Promise<void>((r, j) => device.once('open', () => r()).once('error', j));
    const parser = new MidiParser();
    device.on('data', (c: Buffer) => {
      for (const p of parser.push(c)) if (p.kind === 'message') back.push(p.message);
    });
    const stateDir = await mkdtemp(join(tmpdir(), 'detent-midi-'));
    const controllers = join(stateDir, 'controllers');
    await mkdir(controllers);
    await writeFile(join(controllers, 'box.json'), JSON.stringify(PROFILE));
    await writeFile(join(stateDir, 'config.json'), JSON.stringify({ schemaVersion: 1, midi: { ports: false, serial: [pty.a] }, mappings: { controllers } }));
    const loaded = await loadConfig(['--state-dir', stateDir, '--http-host', '127.0.0.1', '--http-port', '0', '--osc-port', '0', '--audio', 'none'], {});
    if (loaded.kind !== 'ok') throw new Error('config');
    // The fake engine: this test is about MIDI, and a real engine's worklet thread costs a core.
    daemon = await startDaemon(loaded.config, { logger: pino({ level: 'silent' }), engine: new FakeEngine() });
  });

  afterAll(async () => {
    await new Promise<void>((r) => device.close(() => r()));
    await daemon.close();
    await pty.close();
  });

  const send = (bytes: number[]) => new Promise<void>((r, j) => device.write(Buffer.from(bytes), (e) => (e ? j(e) : r())));
  const param = (id: string) => daemon.store.get(id as never) ?? NaN;

  it('the serial port shows up as a MIDI device and gets the full feedback on connect', async () => {
    const devices = await getJson<{ id: string; status: { state: string } }[]>(`${daemon.httpUrl}/api/devices`);
    expect(devices.find((d) => d.id === `midi-in:serial:${pty.a}`)?.status.state).toBe('up');
    // Input gain 0 dB is the fader's middle: 8192 as a 14-bit pair, MSB then LSB.
    await until(() => back.some((m) => m.type === 'cc' && m.controller === 1));
    expect(back.slice(0, 2)).toEqual([
      { type: 'cc', channel: 0, controller: 1, value: 64 },
      { type: 'cc', channel: 0, controller: 33, value: 0 },
    ]);
  });

  it('a 14-bit CC pair moves the fader parameter at full resolution', async () => {
    // Soft takeover: sweep across the fader's position (8192, 0 dB) within one gesture, then move
    // by 5 fine steps, which a 7-bit CC could not resolve.
    await send([0xb0, 1, 63, 33, 116, 1, 64, 33, 8, 33, 13]);
    await until(() => param('input.gain') > 0);
    expect(param('input.gain')).toBeLessThan(0.1);
  });

  it('a 14-bit NRPN (CC 99/98, 6, 38) and a relative encoder change their parameters', async () => {
    const cc = (n: number) => back.filter((m) => m.type === 'cc' && m.controller === n).map((m) => (m.type === 'cc' ? m.value : 0));
    // The knob's position as fed back on connect: NRPN 5's 14-bit data.
    const at = ((cc(6)[0] ?? 0) << 7) | (cc(38)[0] ?? 0);
    const freq = param('eq.band1.freq');
    const out = param('output.gain');
    const nrpn = (v: number) => [6, v >> 7, 38, v & 0x7f];
    await send([0xb0, 99, 0, 98, 5, ...nrpn(at - 20), ...nrpn(at + 20), ...nrpn(at + 60)]);
    // Output gain moves in 0.5 dB steps, the encoder 0.1 dB a detent: ten detents.
    await send([0xb0, ...Array.from({ length: 10 }, () => [20, 65]).flat()]);
    await until(() => param('eq.band1.freq') > freq && param('output.gain') > out);
    // A recall (here: a direct set) reaches the knob as NRPN select + 14-bit data.
    await new Promise((r) => setTimeout(r, 100));
    back.length = 0;
    daemon.store.set('eq.band1.freq' as never, daemon.store.descriptor('eq.band1.freq' as never)?.max ?? 0, { kind: 'api' });
    await until(() => back.length >= 4);
    expect(back.slice(0, 4)).toEqual([99, 0, 98, 5, 6, 127, 38, 127].flatMap((x, i, all) => (i % 2 === 0 ? [{ type: 'cc', channel: 0, controller: x, value: all[i + 1] }] : [])));
  });
});
