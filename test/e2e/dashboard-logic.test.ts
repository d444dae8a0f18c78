/**
 * The dashboard's pure parts, without a browser: value formatting, the meter scale, peak-hold
 * ballistics and reconnect back-off. (They sit beside the browser test because they are the
 * dashboard's; none of them touches the DOM.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, backoffDelay } from '../../dashboard/src/backoff.js';
import { decimalsFor, formatDb, formatValue } from '../../dashboard/src/format.js';
import { FALL_DB_PER_S, HOLD_MS, PeakHold } from '../../dashboard/src/meters/peak-hold.js';
import { meterPosition, METER_TICKS, SCALE_TOP_DB } from '../../dashboard/src/meters/scale.js';

describe('formatValue', () => {
  it.each([
    [3.5, 'dB', 0.5, '+3.5 dB'],
    [-6, 'dB', 0, '\u22126.0 dB'],
    [0, 'dB', 0.1, '0.0 dB'],
    [-0.01, 'dB', 0, '0.0 dB'],
    [1200, 'Hz', 0, '1.20 kHz'],
    [63.4, 'Hz', 0, '63.4 Hz'],
    [440, 'Hz', 0, '440 Hz'],
    [4, 'ratio', 0, '4.0:1'],
    [2.5, 'ms', 0, '2.50 ms'],
    [120, 'ms', 0, '120 ms'],
    [100, '%', 0, '100 %'],
    [0.71, 'Q', 0, 'Q 0.71'],
    [12, 'dB/oct', 0, '12 dB/oct'],
    [1, 'on/off', 1, 'on'],
  ] as const)('%s %s (step %s) → %s', (v, unit, step, text) => {
    expect(formatValue(v, unit, step)).toBe(text);
  });

  it('shows as many decimals as the step needs', () => {
    expect([decimalsFor(0.5, 9), decimalsFor(0.01, 9), decimalsFor(1, 9), decimalsFor(0, 9)]).toEqual([1, 2, 0, 9]);
  });

  it('meter readings: minus sign, infinity at the floor', () => {
    expect(formatDb(-12.34)).toBe('\u221212.3');
    expect(formatDb(-120)).toBe('\u2212\u221e');
    expect(formatDb(-Infinity)).toBe('\u2212\u221e');
  });
});

describe('meter scale', () => {
  it('is monotonic, 0 at the floor, 1 at the top, and clamps', () => {
    fc.assert(
      fc.property(fc.double({ min: -200, max: 20, noNaN: true }), fc.double({ min: -200, max: 20, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(meterPosition(lo)).toBeLessThanOrEqual(meterPosition(hi));
        expect(meterPosition(lo)).toBeGreaterThanOrEqual(0);
        expect(meterPosition(hi)).toBeLessThanOrEqual(1);
      }),
    );
    expect(meterPosition(-70)).toBe(0);
    expect(meterPosition(SCALE_TOP_DB)).toBe(1);
    expect(meterPosition(Number.NaN)).toBe(0);
  });

  it('gives the top 20 dB about half the height', () => {
    expect(meterPosition(0) - meterPosition(-20)).toBeGreaterThan(0.45);
    expect(METER_TICKS.every((t, i) => i === 0 || t < (METER_TICKS[i - 1] ?? Infinity))).toBe(true);
  });
});

describe('PeakHold', () => {
  it('holds the highest peak, then falls at a fixed rate until the signal meets it', () => {
    const hold = new PeakHold();
    expect(hold.update(-6, 0)).toBe(-6);
    expect(hold.update(-20, 100)).toBe(-6);
    expect(hold.at(HOLD_MS)).toBe(-6);
    expect(hold.at(HOLD_MS + 500)).toBeCloseTo(-6 - FALL_DB_PER_S * 0.5, 9);
    expect(hold.update(-9, HOLD_MS + 500)).toBe(-9); // the signal is above the falling marker
    expect(hold.update(-3, HOLD_MS + 600)).toBe(-3);
  });

  it('never shows less than the peak just fed, and never rises without input', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -120, max: 6, noNaN: true }), fc.nat(400)), { maxLength: 50 }), (steps) => {
        const hold = new PeakHold();
        let t = 0;
        for (const [peak, dt] of steps) {
          t += dt;
          expect(hold.update(peak, t)).toBeGreaterThanOrEqual(peak);
          expect(hold.at(t + 1000)).toBeLessThanOrEqual(hold.at(t));
        }
      }),
    );
  });
});

describe('reconnect back-off', () => {
  it('doubles from the base to the cap, with at most 25 % spread', () => {
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, 0))).toEqual([1, 2, 4, 8].map((k) => k * BACKOFF_BASE_MS));
    expect(backoffDelay(50, 0)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(50, 1)).toBe(BACKOFF_MAX_MS * 0.75);
  });
});
