import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatDevices } from '../../bridge/commands/devices-format.js';
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
});
