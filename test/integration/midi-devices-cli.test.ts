import { execFile, execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatDevices, formatSerialPorts } from '../../bridge/commands/devices-format.js';
import { ptyPair } from '../drivers/pty.js';

const CLI = fileURLToPath(new URL('../../dist/bridge/cli.js', import.meta.url));
const run = promisify(execFile);

describe('detent devices', () => {
  it('formats ports with their profiles, and unavailable backends with the reason', () => {
    expect(
      formatDevices(
        [
          { backend: 'easymidi', dir: 'input', port: 'X-TOUCH MINI', profiles: ['behringer-x-touch-mini'] },
          { backend: 'easymidi', dir: 'output', port: 'Midi Through', profiles: [] },
        ],
        [],
      ),
    ).toBe('in   easymidi  X-TOUCH MINI  → behringer-x-touch-mini\nout  easymidi  Midi Through  → (no profile)\n');
    expect(formatDevices([], [{ name: 'easymidi', reason: 'easymidi: Failed to initialise RtMidi' }])).toBe('MIDI (easymidi) unavailable: easymidi: Failed to initialise RtMidi\nno MIDI ports found\n');
  });

  it('the built CLI lists a serial MIDI port with the profile that matches it', async () => {
    const pty = await ptyPair();
    try {
      const state = await mkdtemp(join(tmpdir(), 'detent-devices-'));
      const controllers = join(state, 'controllers');
      await mkdir(controllers);
      const profile = { schemaVersion: 1, id: 'box', name: 'Box', match: { midi: { input: '/^serial:/' } }, controls: [{ id: 'knob/1', kind: 'absolute', midi: { cc: 1 } }] };
      await writeFile(join(controllers, 'box.json'), JSON.stringify(profile));
      await writeFile(join(state, 'config.json'), JSON.stringify({ schemaVersion: 1, midi: { serial: [pty.a] }, mappings: { controllers } }));
      const { stdout } = await run(process.execPath, [CLI, 'devices', '--state-dir', state]);
      expect(stdout).toContain(`in   serial    serial:${pty.a}  → box`);
      expect(stdout).toContain(`out  serial    serial:${pty.a}  → (no profile)`);
    } finally {
      await pty.close();
    }
  });

  it('formats serial ports with the firmware profile each opens with', () => {
    expect(
      formatSerialPorts(
        [
          { info: { path: '/dev/ttyACM0', source: 'system', vendorId: '2341', productId: '0043', manufacturer: 'Arduino (www.arduino.cc)' }, profiles: ['deej'] },
          { info: { path: '/dev/ttyUSB0', source: 'system' }, profiles: [] },
        ],
        null,
      ),
    ).toBe('serial  /dev/ttyACM0 2341:0043 Arduino (www.arduino.cc)  → deej\nserial  /dev/ttyUSB0  → (no profile: name one with --serial <path>:<profile>)\n');
  });

  it('the built CLI lists a configured serial knob box with its firmware profile, and says why udev is not used', async () => {
    const pty = await ptyPair();
    try {
      const state = await mkdtemp(join(tmpdir(), 'detent-devices-'));
      const { stdout } = await run(process.execPath, [CLI, 'devices', '--state-dir', state, '--serial', `${pty.a}:detent-hr`]);
      expect(stdout).toContain(`serial  ${pty.a}  → detent-hr`);
      // Without udevadm, serialport's list() rejects and the fallback is said; with it, the system list is used.
      if (!udevadm()) expect(stdout).toMatch(/serial: system port list unavailable \(.*\); showing \/dev\/serial\/by-id and configured paths/);
    } finally {
      await pty.close();
    }
  });
});

function udevadm(): boolean {
  try {
    execFileSync('udevadm', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
