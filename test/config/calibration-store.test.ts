import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrationFile, readCalibration, writeCalibration } from '../../bridge/daemon/serial/calibration-store.js';

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
    expect([...(await readCalibration(dir, 'deej', 'SN1', (m) => warnings.push(m)))]).toEqual([['0', { min: 40, max: 980, taper: null }]]);
    await writeFile(file, JSON.stringify({ schemaVersion: 1, profile: 'deej', device: 'SN1', measuredAt: 'x', channels: { '0': { min: 'low', max: 980 } } }));
    expect((await readCalibration(dir, 'deej', 'SN1', (m) => warnings.push(m))).size).toBe(0);
    expect(warnings.join('\n')).toMatch(/calibration ignored: .*deej--SN1\.json: \/channels\/0\/min/);
    expect(await readFile(file, 'utf8')).toContain('"low"'); // a bad file is left as it is, never overwritten
    expect((await readCalibration(dir, 'deej', 'none', (m) => warnings.push(m))).size).toBe(0);
    expect(warnings).toHaveLength(1); // a missing file is simply no calibration
  });
});
