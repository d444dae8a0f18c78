/**
 * The bugs the fuzzers found in bridge/ (test/fuzz/known-bugs.ts says each in full), each reduced
 * to a small input. While a bug's flag in known-bugs.ts is true its test runs as `it.fails`
 * (passing while the bug is there, failing once it is fixed); after the fix, set the flag to
 * false: the test becomes a plain `it` and the fuzz properties stop tolerating the bug.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkValue } from '../../bridge/config/validate.js';
import { CalibrationFileSchema } from '../../bridge/config/calibration-schema.js';
import { ConfigSchema } from '../../bridge/config/config-schema.js';
import { ControllerProfileSchema } from '../../bridge/config/profile-schema.js';
import { loadMappingSet } from '../../bridge/config/mapping-set.js';
import { resolveConfig } from '../../bridge/config/resolve.js';
import { loadControllerProfile } from '../../bridge/config/profile.js';
import { checkSessionText } from '../../bridge/session/model/check.js';
import { readCalibration } from '../../bridge/daemon/serial/calibration-store.js';
import { decodePacket } from '../../bridge/drivers/osc/codec.js';
import { createConditioner } from '../../bridge/core/serial/condition/conditioner.js';
import { FILTER_10_BIT } from '../../bridge/core/serial/condition/defaults.js';
import { compileFirmwareProfile } from '../../bridge/config/firmware-profile-compile.js';
import { SerialRouter } from '../../bridge/core/routing/serial-input.js';
import { KNOWN_BUGS } from './known-bugs.js';
import { loadShipped, Rig } from './rig.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function temp(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'detent-fuzz-'));
  dirs.push(d);
  return d;
}

const bytes = (hex: string): Uint8Array => Uint8Array.from(hex.replace(/\s+/g, '').match(/../g) ?? [], (h) => parseInt(h, 16));
/** `[[[…]]]`, `depth` levels. */
const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** `it.fails` while the bug is known to be there, `it` once its flag says it is fixed. */
const bug = (known: boolean): typeof it.fails => (known ? it.fails : it);

describe('known bugs found by fuzzing (it.fails while their flag is set)', () => {
  bug(KNOWN_BUGS.oscArrayArgumentTag)('KNOWN BUG oscArrayArgumentTag: an OSC array argument decodes with tag undefined', () => {
    // /x ,[f] 0.5 — address, type tags with an array, one float.
    const r = decodePacket(bytes('2f780000 2c5b665d 00000000 3f000000'));
    expect(r.ok).toBe(true);
    if (r.ok) for (const a of r.value[0]?.args ?? []) if (a.type === 'other') expect(typeof a.tag).toBe('string');
  });

  bug(KNOWN_BUGS.oscJsViewOffset)('KNOWN BUG oscJsViewOffset: a truncated MIDI argument is accepted when the datagram is a view into a larger buffer', () => {
    // "/" ",m" and only 3 of the 4 MIDI bytes: malformed.
    const packet = bytes('2f000000 2c6d0000 000000');
    expect(decodePacket(packet).ok).toBe(false);
    const big = new Uint8Array(packet.length + 8);
    big.set(packet, 1);
    expect(decodePacket(big.subarray(1, 1 + packet.length)).ok).toBe(false);
  });

  bug(KNOWN_BUGS.deepNesting)('KNOWN BUG deepNesting: checkValue throws RangeError on a file nested 3,000 levels deep', () => {
    expect(() => checkValue(ConfigSchema, JSON.parse(`{"schemaVersion":1,"x":${nested(3000)}}`), 'config.json')).not.toThrow();
  });

  bug(KNOWN_BUGS.deepNesting)('KNOWN BUG deepNesting: loading such a controller profile rejects instead of reporting a problem', async () => {
    const file = join(await temp(), 'deep.json');
    await writeFile(file, `{"schemaVersion":1,"id":"deep","name":"d","match":{},"controls":${nested(3000)}}`);
    const r = await loadControllerProfile(file);
    expect(r.problems.length).toBeGreaterThan(0);
  });

  bug(KNOWN_BUGS.deepNesting)('KNOWN BUG deepNesting: a session file nested that deep throws out of checkSessionText', () => {
    expect(() => checkSessionText(`{"schemaVersion":2,"notes":${nested(3000)}}`, 'deep', 'deep.json')).not.toThrow();
  });

  bug(KNOWN_BUGS.defaultObjectAsArray)('KNOWN BUG defaultObjectAsArray: an object where a defaulted array belongs loads as an array', () => {
    const r = checkValue(ConfigSchema, { schemaVersion: 1, serial: { '0': { path: '/dev/ttyACM0' }, note: 'x' }, osc: { allow: {} } }, 'config.json');
    // Today: ok, serial = [{ path: '/dev/ttyACM0' }] (plus an own property "note"), osc.allow = [].
    expect(r.ok).toBe(false);
  });

  bug(KNOWN_BUGS.defaultObjectAsArray)('KNOWN BUG defaultObjectAsArray: with a "constructor" key, resolveConfig throws', () => {
    const ctx = { configPath: '/etc/detent/config.json', configDir: '/etc/detent', stateDir: '/var/lib/detent', packageRoot: '/opt/detent' };
    expect(() => resolveConfig({ schemaVersion: 1, osc: { allow: { constructor: 1 } } }, [], ctx)).not.toThrow();
  });

  bug(KNOWN_BUGS.defaultObjectAsArray)('KNOWN BUG defaultObjectAsArray: with a "constructor" key, loadMappingSet rejects', async () => {
    const file = join(await temp(), 'set.json');
    await writeFile(file, JSON.stringify({ schemaVersion: 1, name: 'Set', mappings: { constructor: 1 } }));
    const r = await loadMappingSet(file);
    expect(r.problems.length).toBeGreaterThan(0);
  });

  bug(KNOWN_BUGS.calibrationUnchecked)('KNOWN BUG calibrationUnchecked: a calibration with min = max is accepted without a word', async () => {
    const dir = await temp();
    const cal = { schemaVersion: 1, profile: 'deej', device: 'box', measuredAt: '2026-03-01T10:00:00Z', channels: { '0': { min: 512, max: 512, taper: null }, '1': { min: 0, max: 1023, taper: [0, 0.8, 0.2, 1] } } };
    await writeFile(join(dir, 'deej--box.json'), JSON.stringify(cal));
    const warnings: string[] = [];
    await readCalibration(dir, 'deej', 'box', (m) => warnings.push(m));
    expect(warnings.length).toBeGreaterThan(0);
  });

  bug(KNOWN_BUGS.calibrationTaperDefault)('KNOWN BUG calibrationTaperDefault: a calibration channel without taper is refused, though the schema defaults it to null', () => {
    const cal = { schemaVersion: 1, profile: 'deej', device: 'box', measuredAt: '2026-03-01T10:00:00Z', channels: { '0': { min: 3, max: 1020 } } };
    const r = checkValue(CalibrationFileSchema, cal, 'deej--box.json');
    // Today: /channels/0/taper "missing (expected one of an array, a different value)".
    expect(r.ok ? [] : r.problems).toEqual([]);
  });

  bug(KNOWN_BUGS.calibrationRecordKeys)('KNOWN BUG calibrationRecordKeys: a calibration key outside the name pattern is taken unchecked, and its channel throws out of SerialRouter.route', async () => {
    const dir = await temp();
    const cal = { schemaVersion: 1, profile: 'text-lines', device: 'box', measuredAt: '2026-03-01T10:00:00Z', channels: { A0: { min: 0, max: 1023, taper: null }, _gain: 1 } };
    await writeFile(join(dir, 'text-lines--box.json'), JSON.stringify(cal));
    const warnings: string[] = [];
    const calibration = await readCalibration(dir, 'text-lines', 'box', (m) => warnings.push(m));
    const shipped = await loadShipped();
    const profile = shipped.firmware.find((p) => p.profile.id === 'text-lines');
    if (profile === undefined) throw new Error('no text-lines profile');
    const rig = new Rig(shipped.table, shipped.modes);
    const router = new SerialRouter(rig.runtime);
    router.attach('serial:/dev/ttyACM0', compileFirmwareProfile(profile.profile, profile.file, calibration));
    // What a text-lines box sending `_gain 512` makes the serial path do.
    expect(() => router.route('serial:/dev/ttyACM0', [{ kind: 'frame' }, { kind: 'reading', channel: '_gain', raw: 512, bits: 10 }], 0)).not.toThrow();
    expect(warnings.length).toBeGreaterThan(0);
  });

  bug(KNOWN_BUGS.relativeTableRecordKeys)('KNOWN BUG relativeTableRecordKeys: a relative table key outside its pattern is taken with any value', () => {
    const profile = { schemaVersion: 1, id: 'enc', name: 'Encoder', match: {}, controls: [{ id: 'knob/1', kind: 'relative', midi: { channel: 1, cc: 24, encoding: { table: { '1': 1, '1.0': 'fast' } } } }] };
    const r = checkValue(ControllerProfileSchema, profile, 'enc.json');
    // Today it loads, and raw value 1 means "fast" steps.
    expect(r.ok).toBe(false);
  });

  bug(KNOWN_BUGS.oneEuroSubnormalStep)('KNOWN BUG oneEuroSubnormalStep: readings at t = 0 and t = 1e-310 ms leave a pot without sleep dead until reset', () => {
    // Sleep off, as for 7-bit sources (with sleep on, only the settle after the knob rests moves the output).
    const pot = createConditioner({ name: '0', control: 'knob/1', bits: 10, kind: 'pot', calibration: { min: 0, max: 1023, taper: null }, filter: { ...FILTER_10_BIT, sleep: 0 } });
    pot.push(512, 0);
    pot.push(512, 1e-310);
    const out = Array.from({ length: 100 }, (_, i) => pot.push(i < 50 ? 1023 : 0, 10 + 10 * i));
    expect(out.some((v) => v !== null)).toBe(true);
  });
});
