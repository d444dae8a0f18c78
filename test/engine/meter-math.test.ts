import { describe, expect, it } from 'vitest';
import { channelLevels, METER_FLOOR_DB, peakOf, rmsOf, toDbfs } from '../../bridge/engine/meters/meter-math.js';
import { sine } from './signal.js';

const RATE = 48000;
// 1 kHz at 48 kHz: 48 samples a cycle, so a 300 ms window holds whole cycles.
const HALF_SCALE_SINE = sine(1000, 0.5, RATE, RATE);

describe('meter math', () => {
  it.each([
    { name: 'full scale', amplitude: 1, db: 0 },
    { name: 'half scale', amplitude: 0.5, db: -6.0206 },
    { name: '-20 dB', amplitude: 0.1, db: -20 },
    { name: 'silence', amplitude: 0, db: METER_FLOOR_DB },
    { name: 'below the floor', amplitude: 1e-9, db: METER_FLOOR_DB },
    { name: 'NaN', amplitude: Number.NaN, db: METER_FLOOR_DB },
  ])('toDbfs: $name', ({ amplitude, db }) => {
    expect(toDbfs(amplitude)).toBeCloseTo(db, 4);
  });

  it.each([
    { name: 'sine at -6 dBFS', x: HALF_SCALE_SINE, peak: -6.02, rms: -9.03 },
    { name: 'full-scale square', x: Float32Array.from({ length: 480 }, (_, i) => (i % 2 ? 1 : -1)), peak: 0, rms: 0 },
    { name: 'silence', x: new Float32Array(RATE), peak: METER_FLOOR_DB, rms: METER_FLOOR_DB },
    { name: 'empty', x: new Float32Array(0), peak: METER_FLOOR_DB, rms: METER_FLOOR_DB },
  ])('peak and RMS: $name', ({ x, peak, rms }) => {
    expect(toDbfs(peakOf(x))).toBeCloseTo(peak, 2);
    expect(toDbfs(rmsOf(x))).toBeCloseTo(rms, 2);
  });

  it('channelLevels takes the peak from the newest frames only and RMS over its own window', () => {
    const x = new Float32Array(1000);
    x[100] = 0.9; // old: outside the 200-frame peak window
    x[950] = 0.25;
    const lv = channelLevels(x, 200, 1000);
    expect(lv.peakDb).toBeCloseTo(toDbfs(0.25), 6);
    expect(lv.rmsDb).toBeCloseTo(toDbfs(Math.sqrt((0.81 + 0.0625) / 1000)), 6);
  });

  it('window bounds are clamped into the array', () => {
    const x = Float32Array.from([0.5, -1, 0.25]);
    expect(peakOf(x, -5, 99)).toBe(1);
    expect(rmsOf(x, 2, 1)).toBe(0);
  });
});
