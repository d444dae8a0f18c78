import { describe, expect, it } from 'vitest';
import { assumedNoise, defaultFilter, FILTER_10_BIT, FILTER_12_BIT, FILTER_14_BIT, FILTER_7_BIT, noiseRules } from '../../../bridge/core/serial/condition/defaults.js';

describe('default filters', () => {
  it.each([
    [7, FILTER_7_BIT],
    [10, FILTER_10_BIT],
    [12, FILTER_12_BIT],
    [14, FILTER_14_BIT],
  ])('%d bits: the table entry', (bits, expected) => {
    expect(defaultFilter(bits)).toBe(expected);
  });

  it.each([
    [10, 1.5],
    [12, 1.5],
    [14, 6],
  ])('the %d-bit entry follows noiseRules for the noise it assumes (%f LSB)', (bits, sd) => {
    expect(assumedNoise(bits)).toBe(sd);
    expect(defaultFilter(bits)).toMatchObject(noiseRules(sd));
  });

  it.each([
    [1, { sleep: 0, resolution: 2 }],
    [6, { sleep: 0, resolution: 64 }],
    [8, { sleep: 1, resolution: 256 }],
    [11, { sleep: 8, hysteresis: 1.5, resolution: 2048 }],
    [16, { sleep: 60, resolution: 65536 }],
  ])('%d bits in between: %o', (bits, expected) => {
    expect(defaultFilter(bits)).toMatchObject(expected);
  });

  it('every default is within the firmware-profile schema', () => {
    for (let bits = 1; bits <= 16; bits++) {
      const f = defaultFilter(bits);
      expect(f.minCutoff).toBeGreaterThan(0);
      expect(f.minCutoff).toBeLessThanOrEqual(1000);
      expect(f.beta).toBeGreaterThanOrEqual(0);
      expect(f.dCutoff).toBeGreaterThan(0);
      expect(f.sleep).toBeGreaterThanOrEqual(0);
      expect(f.hysteresis).toBeGreaterThanOrEqual(0);
      expect(f.hysteresis).toBeLessThanOrEqual(16);
      expect(Number.isInteger(f.resolution) && f.resolution >= 2 && f.resolution <= 65536).toBe(true);
    }
  });
});
