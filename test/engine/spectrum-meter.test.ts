/**
 * Golden tests of the 1/6-octave spectrum through the real meter worklet: test signals rendered in
 * one OfflineAudioContext, each into its own meter node (the bundled processors.ts, as the engine
 * loads it), and the worklet's messages turned into MeterFrames as the engine does (toFrame).
 * Calibration: band levels are mean-square power, so a −20 dBFS sine (peak 0.1) reads −23.01 dB.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OfflineAudioContext } from 'node-web-audio-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorklets, workletNode } from '../../bridge/engine/chain/worklets.js';
import type { MeterFrame } from '../../bridge/engine/interface.js';
import { METER_FLOOR_DB } from '../../bridge/engine/meters/meter-math.js';
import { SPECTRUM_CENTRES_HZ, SPECTRUM_NOMINAL_HZ } from '../../bridge/engine/meters/spectrum/bands.js';
import { toFrame } from '../../bridge/engine/meters/worklet-meter.js';
import { createWebAudioEngine } from '../../bridge/engine/webaudio/engine.js';
import type { MeterMessage } from '../../bridge/engine/worklet/meter-core.js';
import { reportFrames } from '../../bridge/engine/worklet/names.js';
import { frameWhere } from './contract.js';
import { periodicNoise } from './periodic-noise.js';
import { sine, wav16 } from './signal.js';

const RATE = 48000;
const SECONDS = 5;
/** Frames from this time on are averaged for the noise cases (every window full, ballistics settled). */
const STEADY_S = 2.5;
const SINE_DB = -20 - 10 * Math.log10(2);
const band = (hz: number): number => SPECTRUM_CENTRES_HZ.findIndex((c) => Math.abs(c / hz - 1) < 0.02);
const powerSum = (db: readonly number[]): number => db.reduce((s, d) => s + 10 ** (d / 10), 0);
const toDb = (p: number): number => 10 * Math.log10(p);

/** Each case's signal: one period, looped; [left, right]. */
const CASES = {
  sine1k: () => mono(sine(1000, 0.1, RATE, RATE)),
  sine100: () => mono(sine(100, 0.1, RATE, RATE)),
  left1k: () => [sine(1000, 0.1, RATE, RATE), new Float32Array(RATE)],
  pink: () => mono(periodicNoise({ slopeDbPerOctave: -10 * Math.log10(2), rms: 0.1, lowHz: 12, highHz: 22000, rate: RATE, log2Length: 17, seed: 11 })),
  white: () => mono(periodicNoise({ slopeDbPerOctave: 0, rms: 0.1, lowHz: 25, highHz: 20000, rate: RATE, log2Length: 17, seed: 12 })),
  silence: () => mono(new Float32Array(RATE)),
} as const;
type Case = keyof typeof CASES;
const mono = (x: Float32Array): Float32Array[] => [x, x];

const frames = new Map<Case, MeterFrame[]>();

/** Renders every case at once (one context, one meter node each) and collects their frames. */
async function renderAll(): Promise<void> {
  const ctx = new OfflineAudioContext({ numberOfChannels: 2, length: SECONDS * RATE, sampleRate: RATE });
  await loadWorklets(ctx);
  const zero = { dyneq: 0, comp: 0, limiter: 0 };
  for (const name of Object.keys(CASES) as Case[]) {
    const channels = CASES[name]();
    const buffer = ctx.createBuffer(2, channels[0]?.length ?? 0, RATE);
    channels.forEach((c, i) => buffer.copyToChannel(c as Float32Array<ArrayBuffer>, i));
    const source = ctx.createBufferSource();
    source.buffer = buffer;
    source.loop = true;
    const meter = workletNode(ctx, 'meter');
    source.connect(meter);
    source.start();
    const got: MeterFrame[] = [];
    frames.set(name, got);
    meter.port.onmessage = (e: MessageEvent<MeterMessage>): void => {
      got.push(toFrame(e.data.frame, RATE, e.data.reading, zero, e.data.spectrum));
    };
  }
  await ctx.startRendering();
  // The worklet's last messages may still be on their way to this thread.
  const expected = Math.floor((SECONDS * RATE) / reportFrames(RATE)) - 1;
  const until = Date.now() + 10_000;
  while ([...frames.values()].some((f) => f.length < expected) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
}

const of = (c: Case): MeterFrame[] => frames.get(c) ?? [];
const last = (c: Case): readonly number[] => of(c).at(-1)?.spectrumDb ?? [];
/** Band levels averaged (in power) over the steady frames. */
function steady(c: Case): number[] {
  const fs = of(c).filter((f) => f.t >= STEADY_S);
  return SPECTRUM_CENTRES_HZ.map((_, i) => toDb(fs.reduce((s, f) => s + 10 ** ((f.spectrumDb?.[i] ?? METER_FLOOR_DB) / 10), 0) / fs.length));
}
/** Level of each band relative to band i, dB. */
const relative = (db: readonly number[], i: number): number[] => db.map((d) => d - (db[i] ?? 0));

// Fast on an idle machine (about 10 s); the render thread hands every quantum to the worklet thread, so
// it slows down badly when other processes load the CPU.
beforeAll(renderAll, 480_000);

describe('1/6-octave spectrum through the meter worklet (offline render, 48 kHz)', () => {
  it('every frame carries 61 band levels, rounded to 0.01 dB', () => {
    for (const c of Object.keys(CASES) as Case[]) {
      expect(of(c).length, c).toBeGreaterThanOrEqual(SECONDS * 30 - 2);
      for (const f of of(c)) {
        expect(f.spectrumDb).toHaveLength(SPECTRUM_CENTRES_HZ.length);
        for (const d of f.spectrumDb ?? []) expect(Math.abs(d * 100 - Math.round(d * 100))).toBeLessThan(1e-6);
      }
    }
  });

  it.each([
    { c: 'sine1k' as const, hz: 1000 },
    { c: 'sine100' as const, hz: 100 },
  ])('a −20 dBFS sine at $hz Hz reads −23.01 dB in its band; neighbours ≥ 45 dB lower, the rest ≥ 60 dB', ({ c, hz }) => {
    const db = last(c);
    const i = band(hz);
    const rel = relative(db, i);
    console.log(`${hz} Hz: band ${db[i]?.toFixed(2)} dB; neighbours ${rel[i - 1]?.toFixed(1)} / ${rel[i + 1]?.toFixed(1)} dB; two away ${rel[i - 2]?.toFixed(1)} / ${rel[i + 2]?.toFixed(1)} dB; others ≤ ${Math.max(...rel.filter((_, k) => Math.abs(k - i) > 2)).toFixed(1)} dB`);
    expect(db.indexOf(Math.max(...db))).toBe(i);
    expect(Math.abs((db[i] ?? 0) - SINE_DB)).toBeLessThanOrEqual(0.02);
    expect(Math.max(rel[i - 1] ?? 0, rel[i + 1] ?? 0)).toBeLessThan(-45);
    rel.forEach((r, k) => {
      if (Math.abs(k - i) > 1) expect(r, SPECTRUM_NOMINAL_HZ[k]?.toString()).toBeLessThan(-60);
    });
    // The bands add up to the RMS meter's reading of the same signal.
    expect(toDb(powerSum(db))).toBeCloseTo(of(c).at(-1)?.rmsDb[0] ?? 0, 1);
  });

  it('the mean of the channels: a sine in the left channel only reads 3.01 dB below the same sine in both', () => {
    expect(Math.abs((last('left1k')[band(1000)] ?? 0) - (SINE_DB - 3.01))).toBeLessThanOrEqual(0.02);
  });

  it('pink noise reads flat: every band from 50 Hz to 16 kHz within ±1 dB of their mean', () => {
    const db = steady('pink');
    const inRange = db.filter((_, i) => (SPECTRUM_CENTRES_HZ[i] ?? 0) >= 49 && (SPECTRUM_CENTRES_HZ[i] ?? 0) <= 16500);
    const mean = inRange.reduce((s, d) => s + d, 0) / inRange.length;
    const dev = inRange.map((d) => d - mean);
    console.log(`pink: mean ${mean.toFixed(2)} dB per band, deviation ${Math.min(...dev).toFixed(2)} .. +${Math.max(...dev).toFixed(2)} dB over ${inRange.length} bands`);
    expect(inRange).toHaveLength(51);
    for (const d of dev) expect(Math.abs(d)).toBeLessThan(1);
    // 10·log10(6 · log2(22000/12)): the power of one band of pink noise of 0.1 RMS spread from 12 Hz to 22 kHz.
    expect(mean).toBeCloseTo(-20 - toDb(6 * Math.log2(22000 / 12)), 0);
  });

  it('white noise rises 0.5 dB per band (3 dB an octave), and its bands sum to its RMS', () => {
    const db = steady('white');
    const pts = db.map((d, i) => [i, d] as const).filter(([i]) => (SPECTRUM_CENTRES_HZ[i] ?? 0) >= 49 && (SPECTRUM_CENTRES_HZ[i] ?? 0) <= 16500);
    const mx = pts.reduce((s, [x]) => s + x, 0) / pts.length;
    const my = pts.reduce((s, [, y]) => s + y, 0) / pts.length;
    const slope = pts.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / pts.reduce((s, [x]) => s + (x - mx) ** 2, 0);
    const residual = pts.map(([x, y]) => y - (my + slope * (x - mx)));
    const sum = toDb(powerSum(db));
    const rms = toDb(of('white').filter((f) => f.t >= STEADY_S).reduce((s, f) => s + 10 ** ((f.rmsDb[0] ?? 0) / 10), 0) / of('white').filter((f) => f.t >= STEADY_S).length);
    console.log(`white: slope ${slope.toFixed(4)} dB/band, residual ${Math.min(...residual).toFixed(2)} .. +${Math.max(...residual).toFixed(2)} dB; band sum ${sum.toFixed(3)} dB, RMS ${rms.toFixed(3)} dB`);
    expect(Math.abs(slope - 0.5)).toBeLessThan(0.02);
    for (const r of residual) expect(Math.abs(r)).toBeLessThan(0.5);
    expect(Math.abs(sum - rms)).toBeLessThan(0.05);
    expect(Math.abs(sum - -20)).toBeLessThan(0.05);
  });

  it('silence reads the floor in every band of every frame', () => {
    for (const f of of('silence')) expect(f.spectrumDb).toEqual(new Array(61).fill(METER_FLOOR_DB));
  });
});

describe('spectrum in the live engine', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'detent-spectrum-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('meter frames from the engine carry the spectrum: a 441 Hz tone at −6 dBFS peaks in the 450 Hz band', async () => {
    const path = join(dir, 'tone.wav');
    const tone = sine(441, 0.5, 44100, 44100);
    await writeFile(path, wav16([tone, tone], 44100));
    const e = createWebAudioEngine({ output: 'none', source: path, log: { warn: () => {}, info: () => {} } });
    await e.start();
    // On a loaded machine the render thread can run behind the wall clock: allow it time.
    const f = await frameWhere(e, (x) => x.t > 1.2, 25_000);
    await e.close();
    const db = f?.spectrumDb ?? [];
    expect(db).toHaveLength(61);
    expect(db.indexOf(Math.max(...db))).toBe(band(450));
    expect(db[band(450)]).toBeCloseTo(-6.02 - 3.01, 0);
  }, 40_000);
});
