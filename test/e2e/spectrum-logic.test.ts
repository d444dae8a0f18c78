/** The spectrum view's pure parts: band → x (log axis), level → y, labels, plot geometry, peak-hold decay. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SPECTRUM_CENTRES_HZ } from '../../bridge/engine/meters/spectrum/bands.js';
import { PeakHold } from '../../dashboard/src/meters/peak-hold.js';
import { bandColumns, spectrumPlot } from '../../dashboard/src/meters/spectrum-draw.js';
import {
  BAND_COUNT,
  bandCentre,
  bandSpan,
  FREQUENCY_LABELS,
  formatHz,
  frequencyPosition,
  levelAt,
  levelPosition,
  SPECTRUM_BOTTOM_DB,
  SPECTRUM_DB_TICKS,
  SPECTRUM_FALL_DB_PER_S,
  SPECTRUM_HOLD_MS,
  SPECTRUM_TOP_DB,
} from '../../dashboard/src/meters/spectrum-scale.js';

describe('frequency axis', () => {
  it('has one band per frame level, tiling the axis from 0 to 1 in equal widths', () => {
    expect(BAND_COUNT).toBe(61);
    expect(bandSpan(0)[0]).toBeCloseTo(0, 12);
    expect(bandSpan(BAND_COUNT - 1)[1]).toBeCloseTo(1, 12);
    for (let i = 1; i < BAND_COUNT; i++) {
      expect(bandSpan(i)[0]).toBeCloseTo(bandSpan(i - 1)[1], 12); // shared edge: no gap, no overlap
      const [a, b] = bandSpan(i);
      expect(b - a).toBeCloseTo(1 / BAND_COUNT, 12);
    }
  });

  it('is logarithmic: each octave takes the same width, and a band centre sits mid-band', () => {
    const octave = frequencyPosition(2000) - frequencyPosition(1000);
    expect(frequencyPosition(200) - frequencyPosition(100)).toBeCloseTo(octave, 12);
    // Base-10 bands: 20 to a decade exactly (so an octave is 6.02 bands, not quite 6).
    expect(frequencyPosition(10000) - frequencyPosition(1000)).toBeCloseTo(20 / BAND_COUNT, 12);
    for (let i = 0; i < BAND_COUNT; i++) {
      const [a, b] = bandSpan(i);
      expect(bandCentre(i)).toBeCloseTo((a + b) / 2, 12);
    }
    // 1 kHz is band 34 (ISO 266: x = 0), centred at 34.5 band widths.
    expect(SPECTRUM_CENTRES_HZ[34]).toBeCloseTo(1000, 9);
    expect(bandCentre(34)).toBeCloseTo(34.5 / BAND_COUNT, 12);
    expect(frequencyPosition(10)).toBeLessThan(0);
    expect(frequencyPosition(30000)).toBeGreaterThan(1);
  });

  it('labels the octaves 31 Hz .. 16 kHz at their bands', () => {
    expect(FREQUENCY_LABELS.map((l) => l.text)).toEqual(['31', '63', '125', '250', '500', '1k', '2k', '4k', '8k', '16k']);
    for (const l of FREQUENCY_LABELS) expect(l.band % 6).toBe(FREQUENCY_LABELS[0]!.band % 6);
    expect(FREQUENCY_LABELS.find((l) => l.text === '1k')?.band).toBe(34);
    expect(formatHz(31.5)).toBe('31');
    expect(formatHz(12500)).toBe('12.5k');
  });
});

describe('level axis', () => {
  it('maps dB linearly from the bottom (0) to the top (1), clamped, NaN at the bottom', () => {
    expect(levelPosition(SPECTRUM_BOTTOM_DB)).toBe(0);
    expect(levelPosition(SPECTRUM_TOP_DB)).toBe(1);
    expect(levelPosition(-45)).toBeCloseTo(0.5, 12);
    expect(levelPosition(-120)).toBe(0);
    expect(levelPosition(6)).toBe(1);
    expect(levelPosition(Number.NaN)).toBe(0);
    expect(levelPosition(-Infinity)).toBe(0);
  });

  it('inverts inside the scale', () => {
    fc.assert(
      fc.property(fc.double({ min: SPECTRUM_BOTTOM_DB, max: SPECTRUM_TOP_DB, noNaN: true }), (db) => {
        expect(levelAt(levelPosition(db))).toBeCloseTo(db, 9);
      }),
    );
  });

  it('has a grid line every 10 dB from the top to the bottom', () => {
    expect(SPECTRUM_DB_TICKS).toEqual([0, -10, -20, -30, -40, -50, -60, -70, -80, -90]);
  });
});

describe('plot geometry', () => {
  it('leaves room for the labels and scales with the device pixel ratio', () => {
    expect(spectrumPlot(600, 150, 1)).toEqual({ x: 30, y: 8, w: 566, h: 126 });
    expect(spectrumPlot(1200, 300, 2)).toEqual({ x: 60, y: 16, w: 1132, h: 252 });
  });

  it('gives every band its own columns, left to right, with a gap when bands are wide', () => {
    for (const [width, dpr] of [[600, 1], [200, 1], [1200, 2]] as const) {
      const plot = spectrumPlot(width, 150 * dpr, dpr);
      let lastRight = plot.x;
      for (let i = 0; i < BAND_COUNT; i++) {
        const [left, right] = bandColumns(plot, i, dpr);
        expect(right).toBeGreaterThan(left);
        expect(left).toBeGreaterThanOrEqual(lastRight);
        lastRight = right;
      }
      expect(lastRight).toBeLessThanOrEqual(plot.x + plot.w);
    }
    const wide = spectrumPlot(600, 150, 1);
    const [l0, r0] = bandColumns(wide, 0, 1);
    const [l1] = bandColumns(wide, 1, 1);
    expect(l1 - r0).toBe(1);
    expect(r0 - l0).toBeGreaterThanOrEqual(7);
  });
});

describe('band peak hold', () => {
  it('holds longer and falls slower than the level meters', () => {
    const hold = new PeakHold(SPECTRUM_HOLD_MS, SPECTRUM_FALL_DB_PER_S);
    expect(hold.update(-30, 0)).toBe(-30);
    expect(hold.update(-50, 100)).toBe(-30);
    expect(hold.at(SPECTRUM_HOLD_MS)).toBe(-30);
    expect(hold.at(SPECTRUM_HOLD_MS + 1000)).toBeCloseTo(-30 - SPECTRUM_FALL_DB_PER_S, 9);
    expect(hold.update(-40, SPECTRUM_HOLD_MS + 2000)).toBe(-40); // the band rose above the falling line
    expect(SPECTRUM_FALL_DB_PER_S).toBeLessThan(20);
    expect(SPECTRUM_HOLD_MS).toBeGreaterThan(1500);
  });

  it('decays linearly in time after the hold, until reset', () => {
    fc.assert(
      fc.property(fc.double({ min: -90, max: 0, noNaN: true }), fc.integer({ min: 0, max: 20_000 }), (db, after) => {
        const hold = new PeakHold(SPECTRUM_HOLD_MS, SPECTRUM_FALL_DB_PER_S);
        hold.update(db, 0);
        expect(hold.at(SPECTRUM_HOLD_MS + after)).toBeCloseTo(db - (SPECTRUM_FALL_DB_PER_S * after) / 1000, 9);
      }),
    );
    const hold = new PeakHold(SPECTRUM_HOLD_MS, SPECTRUM_FALL_DB_PER_S);
    hold.update(-10, 0);
    hold.reset();
    expect(hold.at(0)).toBe(-Infinity);
  });
});
