/**
 * The spectrum meter's pure parts: the band table, the band-to-bin mapping, the multirate plan,
 * and the analyser itself fed directly (fast; test/engine/spectrum-meter.test.ts renders through
 * the real worklet).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fftSizeFor, MIN_HALF_BINS, SPECTRUM_TAU_S, SpectrumAnalyser, spectrumPlan } from '../../bridge/engine/meters/spectrum/analyser.js';
import { bandBinWeights, bandEdges, SPECTRUM_CENTRES_HZ, SPECTRUM_NOMINAL_HZ } from '../../bridge/engine/meters/spectrum/bands.js';
import { Fft } from '../../bridge/engine/meters/spectrum/fft.js';
import { METER_FLOOR_DB } from '../../bridge/engine/meters/meter-math.js';
import { periodicNoise } from './periodic-noise.js';
import { sine } from './signal.js';

const RATE = 48000;
const SINE_DB = 20 * Math.log10(0.1) - 10 * Math.log10(2); // −20 dBFS peak: −23.01 dB mean square
const sumDb = (db: readonly number[]): number => 10 * Math.log10(db.reduce((s, d) => s + 10 ** (d / 10), 0));
const band = (hz: number): number => SPECTRUM_CENTRES_HZ.findIndex((c) => Math.abs(c / hz - 1) < 0.02);

/** Feeds `x` (periodic) cyclically for `frames` frames in 1/30 s blocks; `each` gets the time after each block. */
function looped(x: Float32Array, frames: number, each: (l: Float32Array, r: Float32Array, t: number) => void): void {
  const hop = 1600;
  const block = new Float32Array(hop);
  for (let at = 0; at < frames; at += hop) {
    for (let i = 0; i < hop; i++) block[i] = x[(at + i) % x.length] ?? 0;
    each(block, block, (at + hop) / RATE);
  }
}

/** Runs `x` (and `right`, default the same) through a fresh analyser. */
function analyse(x: Float32Array, rate = RATE, right = x): SpectrumAnalyser {
  const a = new SpectrumAnalyser(rate);
  a.process(x, right);
  return a;
}

describe('1/6-octave bands', () => {
  it('61 ISO 266 base-10 centres, 1000 · 10^(x/20), 20 Hz .. 20 kHz', () => {
    expect(SPECTRUM_CENTRES_HZ).toHaveLength(61);
    expect(SPECTRUM_CENTRES_HZ[0]).toBeCloseTo(19.953, 3);
    expect(SPECTRUM_CENTRES_HZ[60]).toBeCloseTo(19952.6, 1);
    expect(SPECTRUM_CENTRES_HZ[band(1000)]).toBeCloseTo(1000, 9);
    expect(SPECTRUM_CENTRES_HZ[band(100)]).toBeCloseTo(100, 9);
    for (let i = 1; i < 61; i++) expect((SPECTRUM_CENTRES_HZ[i] ?? 0) / (SPECTRUM_CENTRES_HZ[i - 1] ?? 1)).toBeCloseTo(2 ** (1 / 6), 2);
  });

  it('nominal labels follow the R20 series', () => {
    expect(SPECTRUM_NOMINAL_HZ.slice(0, 12)).toEqual([20, 22.4, 25, 28, 31.5, 35.5, 40, 45, 50, 56, 63, 71]);
    expect(SPECTRUM_NOMINAL_HZ.slice(32, 38)).toEqual([800, 900, 1000, 1120, 1250, 1400]);
    expect(SPECTRUM_NOMINAL_HZ.slice(-5)).toEqual([12500, 14000, 16000, 18000, 20000]);
    SPECTRUM_NOMINAL_HZ.forEach((n, i) => expect(Math.abs(n / (SPECTRUM_CENTRES_HZ[i] ?? 1) - 1)).toBeLessThan(0.013));
  });

  it('edges are centre · 10^(±1/40) and adjacent bands share them', () => {
    const [lo, hi] = bandEdges(1000);
    expect(lo).toBeCloseTo(944.06, 2);
    expect(hi).toBeCloseTo(1059.25, 2);
    for (let i = 1; i < 61; i++) expect(bandEdges(SPECTRUM_CENTRES_HZ[i] ?? 0)[0]).toBeCloseTo(bandEdges(SPECTRUM_CENTRES_HZ[i - 1] ?? 0)[1], 9);
  });
});

describe('band-to-bin mapping (fractional edge weights)', () => {
  // Bins of 10 Hz: bin k covers [10k − 5, 10k + 5] Hz.
  it.each([
    { name: 'exactly one bin', lo: 95, hi: 105, bins: 100, first: 10, weights: [1] },
    { name: 'inside one bin', lo: 98, hi: 102, bins: 100, first: 10, weights: [0.4] },
    { name: 'partial edge bins', lo: 92, hi: 118, bins: 100, first: 9, weights: [0.3, 1, 1, 0.3] },
    { name: 'across a bin boundary', lo: 101, hi: 109, bins: 100, first: 10, weights: [0.4, 0.4] },
    { name: 'DC is a half bin', lo: 0, hi: 12, bins: 100, first: 0, weights: [0.5, 0.7] },
    { name: 'Nyquist is a half bin (5 bins: top 40 Hz)', lo: 33, hi: 50, bins: 5, first: 3, weights: [0.2, 0.5] },
    { name: 'above the grid', lo: 45, hi: 60, bins: 5, first: 0, weights: [] },
  ])('$name', ({ lo, hi, bins, first, weights }) => {
    const w = bandBinWeights(lo, hi, 10, bins);
    expect(w.first).toBe(first);
    expect(Array.from(w.weights)).toHaveLength(weights.length);
    weights.forEach((x, i) => expect(w.weights[i]).toBeCloseTo(x, 12));
  });

  it('property: bands that tile the grid give every bin a total weight of 1 (½ at DC and Nyquist), so band powers sum to the bin powers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 600 }),
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        fc.uniqueArray(fc.double({ min: 0.001, max: 0.999, noNaN: true }), { maxLength: 40 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 600, maxLength: 600 }),
        (bins, binHz, cuts, power) => {
          const top = (bins - 1) * binHz;
          const edges = [0, ...[...cuts].sort((a, b) => a - b).map((c) => c * top), top];
          const total = new Float64Array(bins);
          let bandSum = 0;
          for (let i = 1; i < edges.length; i++) {
            const { first, weights } = bandBinWeights(edges[i - 1] ?? 0, edges[i] ?? 0, binHz, bins);
            weights.forEach((w, k) => {
              total[first + k] = (total[first + k] ?? 0) + w;
              bandSum += w * (power[first + k] ?? 0);
            });
          }
          total.forEach((t, k) => expect(t).toBeCloseTo(k === 0 || k === bins - 1 ? 0.5 : 1, 9));
          const binSum = power.slice(0, bins).reduce((s, p, k) => s + p * (k === 0 || k === bins - 1 ? 0.5 : 1), 0);
          expect(bandSum).toBeCloseTo(binSum, 8);
        },
      ),
    );
  });
});

describe('multirate plan', () => {
  it('at 48 kHz: 2048-point FFT, 6 levels, 1 kHz on level 1 and 100 Hz on level 4', () => {
    const p = spectrumPlan(RATE);
    expect(p.size).toBe(2048);
    expect(p.levels).toBe(6);
    expect(p.bands).toHaveLength(61);
    expect(p.bands[band(1000)]?.level).toBe(1);
    expect(p.bands[band(100)]?.level).toBe(4);
    expect(p.bands.filter((b) => b.level === 0)).toHaveLength(25);
    expect(p.bands.filter((b) => b.level === 5)).toHaveLength(12);
  });

  it.each([22050, 32000, 44100, 48000, 88200, 96000, 192000])('at %i Hz: every band is read where the decimation filters are flat, with enough bins, within a 1.5 s window (2.05 s at 32 kHz)', (rate) => {
    const p = spectrumPlan(rate);
    expect(p.size).toBe(fftSizeFor(rate));
    expect(p.bands).toHaveLength(SPECTRUM_CENTRES_HZ.filter((c) => bandEdges(c)[0] < rate / 2).length);
    for (const b of p.bands) {
      const [lo, hi] = bandEdges(SPECTRUM_CENTRES_HZ[b.band] ?? 0);
      const levelRate = rate / 2 ** b.level;
      const binHz = levelRate / p.size;
      // The 4th-order Butterworth decimation filters (corner 0.2 of a level's rate) lose < 0.001 dB below 0.07.
      if (b.level > 0) expect(hi / levelRate).toBeLessThan(0.07);
      if (b.level < p.levels - 1) expect((hi - lo) / 2 / binHz).toBeGreaterThanOrEqual(MIN_HALF_BINS);
      else expect((hi - lo) / 2 / binHz).toBeGreaterThan(1.5);
      expect(p.size / levelRate).toBeLessThanOrEqual(rate === 32000 ? 2.1 : 1.5);
      expect(b.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(Math.min(hi, levelRate / 2) / binHz - lo / binHz, 6);
    }
  });
});

describe('FFT', () => {
  it('matches a direct DFT', () => {
    const n = 64;
    const x = Array.from({ length: n }, (_, i) => Math.sin(i * 0.7) + 0.3 * Math.cos(i * 2.1) + (i % 5) * 0.01);
    const y = Array.from({ length: n }, (_, i) => Math.cos(i * 0.4) * 0.5);
    const re = Float64Array.from(x);
    const im = Float64Array.from(y);
    new Fft(n).transform(re, im);
    for (let k = 0; k < n; k++) {
      let dr = 0;
      let di = 0;
      for (let j = 0; j < n; j++) {
        const a = (-2 * Math.PI * k * j) / n;
        dr += (x[j] ?? 0) * Math.cos(a) - (y[j] ?? 0) * Math.sin(a);
        di += (x[j] ?? 0) * Math.sin(a) + (y[j] ?? 0) * Math.cos(a);
      }
      expect(re[k]).toBeCloseTo(dr, 9);
      expect(im[k]).toBeCloseTo(di, 9);
    }
  });
});

describe('spectrum analyser (fed directly)', () => {
  it('a −20 dBFS sine at every band centre reads −23.01 dB in its band; neighbours ≥ 37 dB lower above 30 Hz, ≥ 23 dB below', () => {
    const rows: string[] = [];
    SPECTRUM_CENTRES_HZ.forEach((hz, i) => {
      const db = analyse(sine(hz, 0.1, RATE, 3 * RATE)).read();
      const own = db[i] ?? 0;
      const next = Math.max(db[i - 1] ?? -Infinity, db[i + 1] ?? -Infinity) - own;
      rows.push(`${SPECTRUM_NOMINAL_HZ[i]} ${(own - SINE_DB).toFixed(3)}/${next.toFixed(1)}`);
      expect(Math.abs(own - SINE_DB), `${hz} Hz`).toBeLessThan(hz < 21 ? 0.1 : hz < 23 ? 0.05 : 0.012);
      expect(next, `${hz} Hz`).toBeLessThan(hz > 30 ? -37 : -23);
      expect(Math.abs(sumDb(db) - SINE_DB), `${hz} Hz`).toBeLessThan(0.1);
    });
    console.log(`band error dB / strongest neighbour dB: ${rows.join(', ')}`);
  });

  it('calibration: a full-scale sine reads −3.01 dB; one channel only reads 3.01 dB below both', () => {
    expect(analyse(sine(1000, 1, RATE, 3 * RATE)).read()[band(1000)]).toBeCloseTo(-3.01, 2);
    const left = sine(1000, 0.1, RATE, 3 * RATE);
    expect(analyse(left, RATE, new Float32Array(left.length)).read()[band(1000)]).toBeCloseTo(SINE_DB - 3.01, 2);
  });

  it('mean of channel powers: anti-phase L/R is not cancelled (unlike a mono sum)', () => {
    const l = sine(250, 0.1, RATE, 3 * RATE);
    expect(analyse(l, RATE, l.map((v) => -v)).read()[band(250)]).toBeCloseTo(SINE_DB, 2);
  });

  it('silence reads the floor in every band, and returns to it after a signal stops', () => {
    expect(analyse(new Float32Array(RATE)).read()).toEqual(new Array(61).fill(METER_FLOOR_DB));
    const a = new SpectrumAnalyser(RATE);
    const x = sine(1000, 1, RATE, RATE);
    a.process(x, x);
    const quiet = new Float32Array(60 * RATE);
    a.process(quiet, quiet);
    expect(a.read()).toEqual(new Array(61).fill(METER_FLOOR_DB));
  });

  it.each([
    { hz: 1000, riseS: 0.6 },
    { hz: 100, riseS: 1.1 },
    { hz: 25.1, riseS: 2.0 },
  ])('ballistics at $hz Hz: within 1 dB of the final reading after $riseS s; once the window has passed, a 300 ms exponential decay', ({ hz, riseS }) => {
    const i = band(hz);
    const a = new SpectrumAnalyser(RATE);
    const hop = 1600;
    const x = sine(hz, 1, RATE, 4 * RATE);
    const full = SINE_DB + 20;
    let settledAt = -1;
    for (let at = 0; at < x.length; at += hop) {
      a.process(x, x, at, at + hop);
      if (settledAt < 0 && (a.read()[i] ?? 0) > full - 1) settledAt = (at + hop) / RATE;
    }
    expect(settledAt).toBeGreaterThan(0);
    expect(settledAt).toBeLessThan(riseS);
    // Decay from 2 s to 6 s after the stop (every window is past it), as a least-squares slope.
    const quiet = new Float32Array(hop);
    const points: [number, number][] = [];
    for (let at = hop; at <= 6 * RATE; at += hop) {
      a.process(quiet, quiet);
      if (at >= 2 * RATE) points.push([at / RATE, a.read()[i] ?? 0]);
    }
    const mt = points.reduce((s, [t]) => s + t, 0) / points.length;
    const md = points.reduce((s, [, d]) => s + d, 0) / points.length;
    const slope = points.reduce((s, [t, d]) => s + (t - mt) * (d - md), 0) / points.reduce((s, [t]) => s + (t - mt) ** 2, 0);
    const perTau = slope * SPECTRUM_TAU_S;
    console.log(`${hz} Hz: within 1 dB after ${settledAt.toFixed(2)} s; decay ${perTau.toFixed(3)} dB per ${SPECTRUM_TAU_S * 1000} ms`);
    expect(Math.abs(perTau / (-10 * Math.log10(Math.E)) - 1)).toBeLessThan(0.03);
  });

  it('property: energy conservation: for broadband noise in 25 Hz – 20 kHz the bands sum to its mean square (±0.03 dB)', () => {
    const errors: number[] = [];
    fc.assert(
      fc.property(fc.double({ min: -6, max: 3, noNaN: true }), fc.double({ min: -50, max: -6, noNaN: true }), fc.integer({ min: 1, max: 1e6 }), (slope, levelDb, seed) => {
        const rms = 10 ** (levelDb / 20);
        const x = periodicNoise({ slopeDbPerOctave: slope, rms, lowHz: 25, highHz: 20000, rate: RATE, log2Length: 17, seed });
        const a = new SpectrumAnalyser(RATE);
        let sum = 0;
        let frames = 0;
        // Read over two whole periods once settled: a shorter average would measure how the
        // windows sample the period (a steep slope puts most power in a few low components).
        looped(x, 3 * RATE + 2 * x.length, (l, r, t) => {
          a.process(l, r);
          if (t < 3) return;
          sum += a.readPower().reduce((s, p) => s + p, 0);
          frames++;
        });
        const error = 10 * Math.log10(sum / frames) - levelDb;
        errors.push(error);
        expect(Math.abs(error)).toBeLessThan(0.03);
      }),
      { numRuns: 12 },
    );
    console.log(`band sum − mean square, dB: ${errors.map((e) => e.toFixed(3)).join(' ')}`);
  });
});
