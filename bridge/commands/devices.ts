/**
 * `detent devices`: lists the MIDI inputs and outputs this machine has (system ports through
 * easymidi, and the configured serial MIDI ports) with the controller profiles each matches, or
 * why MIDI is unavailable; then the serial ports with the firmware profile each would open with. Takes the daemon's flags (`--config`, `--state-dir`). Exit 0 ok, 2 bad
 * usage or configuration.
 */
import { loadConfig } from '../config/load.js';
import { learnedControllersDir } from '../config/paths.js';
import { loadControllerProfileDirs } from '../config/profile.js';
import { midiPortRule } from '../config/profile-midi-compile.js';
import { midiBackendsFor } from '../daemon/midi-path.js';
import { profilesFor } from '../drivers/midi/match.js';
import { formatDevices, formatSerialPorts, type PortLine } from './devices-format.js';
import { loadFirmwareProfileDirs } from '../config/firmware-profile.js';
import { shippedFirmwareProfiles } from '../config/paths.js';
import { packageRoot } from '../package-root.js';
import { profilesMatching } from '../core/serial/identity.js';
import { NodeSerialBackend } from '../drivers/serial/node.js';

export async function devicesCommand(argv: readonly string[]): Promise<number> {
  const loaded = await loadConfig([...argv], process.env);
  if (loaded.kind !== 'ok') {
    process.stderr.write(`detent devices: ${loaded.kind === 'error' ? loaded.message : 'usage: detent devices [--config <file>] [--state-dir <dir>]'}\n`);
    return 2;
  }
  const { config } = loaded;
  const profiles = await loadControllerProfileDirs([{ path: config.mappings.controllers }, { path: learnedControllersDir(config.stateDir), optional: true }]);
  const rules = profiles.profiles.flatMap((p) => midiPortRule(p.profile) ?? []);
  const { backends, unavailable } = midiBackendsFor(config.midi);
  const ports: PortLine[] = [];
  for (const b of backends) {
    const list = b.list();
    if (!list.ok) {
      unavailable.push({ name: b.name, reason: list.error });
      continue;
    }
    for (const port of list.value.inputs) ports.push({ backend: b.name, dir: 'input', port, profiles: profilesFor(rules, port, 'input') });
    for (const port of list.value.outputs) ports.push({ backend: b.name, dir: 'output', port, profiles: profilesFor(rules, port, 'output') });
  }
  process.stdout.write(formatDevices(ports, unavailable));

  const firmware = await loadFirmwareProfileDirs([{ path: shippedFirmwareProfiles(packageRoot()) }, { path: config.mappings.firmware, optional: true }]);
  const identities = firmware.profiles.map((p) => ({ id: p.profile.id, identity: p.profile.identity }));
  const listing = await new NodeSerialBackend().list(config.serial.map((s) => s.path));
  const serial = listing.ports.map((info) => {
    const named = config.serial.find((s) => s.path === info.path)?.profile;
    return { info, profiles: named !== undefined ? [named] : profilesMatching(identities, info) };
  });
  process.stdout.write(formatSerialPorts(serial, listing.fallback));
  return 0;
}
