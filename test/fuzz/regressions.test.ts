/**
 * The bugs the fuzzers (test/fuzz/*.ts) found in bridge/, each reduced to a small input and kept
 * as a regression test now that it is fixed. The fuzz properties check the same cases again.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
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
import { routeOsc } from '../../bridge/core/routing/osc-input.js';
import { loadShipped, Rig, withRig, type Shipped } from './rig.js';
import { allTargets } from './targets.js';

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

/** A shipped firmware profile by id. */
function firmware(shipped: Shipped, id: string): Shipped['firmware'][number]['profile'] {
  const loaded = shipped.firmware.find((p) => p.profile.id === id);
  if (loaded === undefined) throw new Error(`no ${id} profile`);
  return loaded.profile;
}

describe('regressions found by fuzzing', () => {
  it('an OSC array argument decodes with its type tags, and a rejection names them', async () => {
    // /x ,[f] 0.5: address, type tags with an array of one float, the float.
    const r = decodePacket(bytes('2f780000 2c5b665d 00000000 3f000000'));
    expect(r.ok && r.value).toEqual([{ address: '/x', args: [{ type: 'other', tag: '[f]' }] }]);
    // The same arguments sent to Detent's own namespace: the rejection says what came.
    const shipped = await loadShipped();
    withRig(shipped.table, shipped.modes, (rig) => {
      const out = routeOsc({ kind: 'osc', device: 'osc', peer: '10.0.0.2:7000', address: '/detent/param/input.gain', args: [{ type: 'other', tag: '[f]' }], t: 0 }, rig.runtime, rig.store);
      expect(out.kind === 'rejected' && out.error.message).toBe('/detent/param/input.gain from 10.0.0.2:7000: expected one finite number, got [[f]]');
    });
  });

  it('a truncated MIDI argument is malformed also when the datagram is a view into a larger buffer', () => {
    // "/" ",m" and only 3 of the 4 MIDI bytes: malformed.
    const packet = bytes('2f000000 2c6d0000 000000');
    expect(decodePacket(packet).ok).toBe(false);
    const big = new Uint8Array(packet.length + 8);
    big.set(packet, 1);
    expect(decodePacket(big.subarray(1, 1 + packet.length)).ok).toBe(false);
    // And a whole one decodes the same from a view as from its own buffer.
    const whole = bytes('2f000000 2c6d0000 01020304');
    const view = new Uint8Array(whole.length + 8).fill(0x41);
    view.set(whole, 3);
    expect(decodePacket(view.subarray(3, 3 + whole.length))).toEqual(decodePacket(whole));
  });

  it('checkValue reports a file nested 3,000 levels deep as a problem at the first level too deep (the root is level 1)', () => {
    const r = checkValue(ConfigSchema, JSON.parse(`{"schemaVersion":1,"x":${nested(3000)}}`), 'config.json');
    expect(r.ok ? [] : r.problems).toEqual([{ file: 'config.json', path: `/x${'/0'.repeat(99)}`, message: 'nested deeper than 100 levels' }]);
  });

  it('loading a controller profile nested that deep reports a problem', async () => {
    const file = join(await temp(), 'deep.json');
    await writeFile(file, `{"schemaVersion":1,"id":"deep","name":"d","match":{},"controls":${nested(3000)}}`);
    const r = await loadControllerProfile(file);
    expect(r.problems.map((p) => p.message)).toEqual(['nested deeper than 100 levels']);
  });

  it('a session file nested that deep is reported, not thrown out of checkSessionText', () => {
    const r = checkSessionText(`{"schemaVersion":2,"notes":${nested(3000)}}`, 'deep', 'deep.json');
    expect(r.ok ? [] : r.problems.map((p) => p.message)).toEqual(['nested deeper than 100 levels']);
  });

  it('an object where a defaulted array belongs is refused (and an empty array where a defaulted object belongs)', () => {
    const r = checkValue(ConfigSchema, { schemaVersion: 1, serial: { '0': { path: '/dev/ttyACM0' }, note: 'x' }, osc: { allow: {} } }, 'config.json');
    expect(r.ok ? [] : r.problems).toEqual([
      { file: 'config.json', path: '/osc/allow', message: 'expected an array, got {}' },
      { file: 'config.json', path: '/serial', message: 'expected an array, got {"0":{"path":"/dev/ttyACM0"},"note":"x"}' },
    ]);
    const profile = checkValue(ControllerProfileSchema, { schemaVersion: 1, id: 'p', name: 'P', match: [], controls: [] }, 'p.json');
    expect(profile.ok ? [] : profile.problems).toEqual([{ file: 'p.json', path: '/match', message: 'expected an object, got []' }]);
  });

  it('with a "constructor" key where an array belongs, resolveConfig reports a problem', () => {
    const ctx = { configPath: '/etc/detent/config.json', configDir: '/etc/detent', stateDir: '/var/lib/detent', packageRoot: '/opt/detent' };
    const r = resolveConfig({ schemaVersion: 1, osc: { allow: { constructor: 1 } } }, [], ctx);
    expect(r.ok ? [] : r.problems.map((p) => p.path)).toEqual(['/osc/allow']);
  });

  it('with a "constructor" key where an array belongs, loadMappingSet reports a problem', async () => {
    const file = join(await temp(), 'set.json');
    await writeFile(file, JSON.stringify({ schemaVersion: 1, name: 'Set', mappings: { constructor: 1 } }));
    const r = await loadMappingSet(file);
    expect(r.problems.map((p) => p.path)).toEqual(['/mappings']);
  });

  it('a calibration channel a firmware profile would refuse is left out with a warning', async () => {
    const dir = await temp();
    const cal = { schemaVersion: 1, profile: 'deej', device: 'box', measuredAt: '2026-03-01T10:00:00Z', channels: { '0': { min: 512, max: 512, taper: null }, '1': { min: 0, max: 1023, taper: [0, 0.8, 0.2, 1] }, '2': { min: 5, max: 1000, taper: null } } };
    await writeFile(join(dir, 'deej--box.json'), JSON.stringify(cal));
    const warnings: string[] = [];
    const read = await readCalibration(dir, firmware(await loadShipped(), 'deej'), 'box', (m) => warnings.push(m));
    expect([...read.keys()]).toEqual(['2']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/deej--box\.json: \/channels\/0\/max: max equals min.*deej--box\.json: \/channels\/1\/taper\/2: must increase/);
  });

  it('a calibration channel without taper loads with taper null, as the schema defaults it', () => {
    const cal = { schemaVersion: 1, profile: 'deej', device: 'box', measuredAt: '2026-03-01T10:00:00Z', channels: { '0': { min: 3, max: 1020 } } };
    const r = checkValue(CalibrationFileSchema, cal, 'deej--box.json');
    expect(r.ok ? r.value.channels : r.problems).toEqual({ '0': { min: 3, max: 1020, taper: null } });
  });

  it('a calibration key outside the name pattern is refused, and the box keeps routing', async () => {
    const dir = await temp();
    const cal = { schemaVersion: 1, profile: 'text-lines', device: 'box', measuredAt: '2026-03-01T10:00:00Z', channels: { A0: { min: 0, max: 1023, taper: null }, _gain: 1 } };
    await writeFile(join(dir, 'text-lines--box.json'), JSON.stringify(cal));
    const warnings: string[] = [];
    const shipped = await loadShipped();
    const profile = firmware(shipped, 'text-lines');
    const calibration = await readCalibration(dir, profile, 'box', (m) => warnings.push(m));
    expect(calibration.size).toBe(0);
    expect(warnings).toEqual([expect.stringMatching(/text-lines--box\.json: \/channels\/_gain: not a valid key/)]);
    const rig = new Rig(shipped.table, shipped.modes);
    const router = new SerialRouter(rig.runtime);
    router.attach('serial:/dev/ttyACM0', compileFirmwareProfile(profile, 'text-lines.json', calibration));
    // What a text-lines box sending `_gain 512` makes the serial path do.
    expect(() => router.route('serial:/dev/ttyACM0', [{ kind: 'frame' }, { kind: 'reading', channel: '_gain', raw: 512, bits: 10 }], 0)).not.toThrow();
  });

  it('a relative table key outside its pattern is refused', () => {
    const profile = { schemaVersion: 1, id: 'enc', name: 'Encoder', match: {}, controls: [{ id: 'knob/1', kind: 'relative', midi: { channel: 1, cc: 24, encoding: { table: { '1': 1, '1.0': 'fast' } } } }] };
    const r = checkValue(ControllerProfileSchema, profile, 'enc.json');
    expect(r.ok ? [] : r.problems).toEqual([{ file: 'enc.json', path: '/controls/0/midi/encoding/table/1.0', message: 'not a valid key (keys here match ^[0-9]+$)' }]);
  });

  it('readings at t = 0 and t = 1e-310 ms leave a pot without sleep working', () => {
    // Sleep off, as for 7-bit sources (with sleep on, only the settle after the knob rests moves the output).
    const pot = createConditioner({ name: '0', control: 'knob/1', bits: 10, kind: 'pot', calibration: { min: 0, max: 1023, taper: null }, filter: { ...FILTER_10_BIT, sleep: 0 } });
    pot.push(512, 0);
    pot.push(512, 1e-310);
    const out = Array.from({ length: 100 }, (_, i) => pot.push(i < 50 ? 1023 : 0, 10 + 10 * i));
    expect(out.some((v) => v !== null)).toBe(true);
  });

  it('the bench\'s one failure in a million mapping-set cases (a gigabyte of text built by the harness itself) now replays and passes', async () => {
    // 93 copies of a value nested 2,348 deep, printed with indentation: JSON.stringify threw
    // "Invalid string length" in test/fuzz/files.ts before any of bridge/ ran. Duplications now
    // copy at most MAX_COPIED_NODES; real files that large are refused unread (MAX_JSON_FILE_BYTES).
    const set = (await allTargets()).find((t) => t.id === 'mapping-set');
    if (set === undefined) throw new Error('no mapping-set target');
    expect(() => fc.assert(set.property(), { seed: 24186, path: '46359' })).not.toThrow();
  });
});
