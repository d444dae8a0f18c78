import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFirmwareProfile } from '../../bridge/config/firmware-profile.js';
import type { FirmwareProfile } from '../../bridge/config/firmware-profile-schema.js';
import { calibrationFile, readCalibration, writeCalibration } from '../../bridge/daemon/serial/calibration-store.js';

/** The shipped deej profile (10-bit channels 0..). */
async function deej(): Promise<FirmwareProfile> {
  const loaded = await loadFirmwareProfile(fileURLToPath(new URL('../../firmware-profiles/deej.json', import.meta.url)));
  if (loaded.profile === undefined) throw new Error('no deej profile');
  return loaded.profile.profile;
}

describe('calibration files', () => {
  it.each([
    ['deej', '../../etc/passwd'],
    ['../x', 'box'],
    ['deej', '.hidden'],
    ['deej', 'a/b'],
    ['', 'box'],
  ])('refuses unsafe names %j / %j (never joined into a path)', (profile, identity) => {
    expect(() => calibrationFile('/state/calibration', profile, identity)).toThrow(/not a safe calibration name/);
  });

  it('round-trips, and a broken file is reported with its path and ignored', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'detent-cal-'));
    const file = await writeCalibration(dir, { schemaVersion: 1, profile: 'deej', device: 'SN1', measuredAt: '2026-11-25T04:00:00.000Z', channels: { '0': { min: 40, max: 980, taper: null } } });
    expect(file).toBe(join(dir, 'deej--SN1.json'));
    const warnings: string[] = [];
    const profile = await deej();
    expect([...(await readCalibration(dir, profile, 'SN1', (m) => warnings.push(m)))]).toEqual([['0', { min: 40, max: 980, taper: null }]]);
    await writeFile(file, JSON.stringify({ schemaVersion: 1, profile: 'deej', device: 'SN1', measuredAt: 'x', channels: { '0': { min: 'low', max: 980 } } }));
    expect((await readCalibration(dir, profile, 'SN1', (m) => warnings.push(m))).size).toBe(0);
    expect(warnings.join('\n')).toMatch(/calibration ignored: .*deej--SN1\.json: \/channels\/0\/min/);
    expect(await readFile(file, 'utf8')).toContain('"low"'); // a bad file is left as it is, never overwritten
    expect((await readCalibration(dir, profile, 'none', (m) => warnings.push(m))).size).toBe(0);
    expect(warnings).toHaveLength(1); // a missing file is simply no calibration
  });

  it('leaves out, with a warning naming file and field, each channel a firmware profile would refuse', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'detent-cal-'));
    const channels = {
      '0': { min: 512, max: 512, taper: null },
      '1': { min: 0, max: 1023, taper: [0, 0.8, 0.2, 1] },
      '2': { min: 0, max: 4095, taper: null },
      '3': { min: 1020, max: 3 },
    };
    await writeFile(join(dir, 'deej--SN2.json'), JSON.stringify({ schemaVersion: 1, profile: 'deej', device: 'SN2', measuredAt: '2026-03-01T10:00:00Z', channels }));
    const warnings: string[] = [];
    const cal = await readCalibration(dir, await deej(), 'SN2', (m) => warnings.push(m));
    expect([...cal]).toEqual([['3', { min: 1020, max: 3, taper: null }]]);
    expect(warnings).toHaveLength(1);
    const file = join(dir, 'deej--SN2.json');
    expect(warnings[0]).toContain(`${file}: /channels/0/max: max equals min`);
    expect(warnings[0]).toContain(`${file}: /channels/1/taper/2: must increase`);
    expect(warnings[0]).toContain(`${file}: /channels/2/max: 4095 is outside the ADC's 0..1023`);
  });
});
