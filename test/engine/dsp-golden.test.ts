import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GlueCompressor } from '../../bridge/engine/dsp/compressor.js';
import type { ParamBlock } from '../../bridge/engine/dsp/dynamics.js';
import { DynamicBand } from '../../bridge/engine/dsp/dyneq.js';
import { TruePeakLimiter } from '../../bridge/engine/dsp/limiter.js';

/**
 * Golden output of the three dynamics processors (dsp/dyneq.ts, compressor.ts, limiter.ts): each
 * scenario runs a processor over a deterministic stereo input and compares a fingerprint of what it
 * produced (SHA-256 of every float32 output sample, in both channels, and of every takeReduction
 * value as float64, plus a few sample values for diagnosis) with dsp-golden.json, generated with
 * the implementation of commit f7da89f (before the processors were optimised). The optimised
 * processors must give the same samples bit for bit: the fingerprints are compared exactly.
 *
 * The parameter blocks are passed as the AudioWorklets get them (worklet/processors.ts): one float32
 * value per parameter while a parameter is constant (k-rate, the one-value array reused and
 * overwritten from block to block), one per frame (a-rate, 128 values) while it is automated, and
 * both mixed in one block; offline/chain.ts passes one constant one-value block for the whole
 * render. Scenarios also cover parameters changing mid-run, odd block lengths, a missing parameter
 * (read as 0), mono input (the same array for both channels) and in-place processing (output arrays
 * = input arrays).
 *
 * Regenerate (only on purpose, with a known-good implementation): DSP_GOLDEN_UPDATE=1 npx vitest run
 * test/engine/dsp-golden.test.ts. The fingerprints depend on V8's Math.exp/log/log10/pow/sin/cos,
 * which are the same fdlibm ports on every platform.
 */

const RATE = 48000;
const SECONDS = 3;
const N = SECONDS * RATE;
const FIXTURE = new URL('./dsp-golden.json', import.meta.url);
const UPDATE = process.env['DSP_GOLDEN_UPDATE'] === '1';

/** mulberry32: deterministic noise in [-1, 1). */
function noise(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  };
}

/**
 * 3 s of stereo test programme, different in the two channels: quiet tones (0–0.5 s), programme-like
 * sines + noise + kick-like bursts up to +6 dBFS (0.5–1.5 s), digital silence (1.5–1.7 s), very hot
 * noise and tones, +12 dB (1.7–2.5 s), a decaying tone with single-sample impulses (2.5–3 s).
 */
function input(): [Float32Array, Float32Array] {
  const out: [Float32Array, Float32Array] = [new Float32Array(N), new Float32Array(N)];
  for (let ch = 0; ch < 2; ch++) {
    const x = out[ch] as Float32Array;
    const rnd = noise(17 + ch * 101);
    const f = ch === 0 ? 1 : 1.013;
    for (let i = 0; i < N; i++) {
      const t = i / RATE;
      const w = (hz: number): number => Math.sin(2 * Math.PI * hz * f * t + ch);
      let v: number;
      if (t < 0.5) v = 0.01 * w(440) + 0.001 * rnd();
      else if (t < 1.5) {
        const beat = (t - 0.5) % 0.25;
        const kick = beat < 0.08 ? 2 * Math.exp(-beat * 40) * Math.sin(2 * Math.PI * (60 + 200 * Math.exp(-beat * 60)) * beat) : 0;
        v = 0.25 * w(60) + 0.15 * w(1000) + 0.1 * w(6000) + 0.08 * rnd() + kick;
      } else if (t < 1.7) v = 0;
      else if (t < 2.5) v = 4 * (0.5 * w(220) + 0.3 * w(3300) + 0.3 * rnd());
      else {
        v = 0.9 * Math.exp(-(t - 2.5) * 6) * w(5000);
        if (i % 4801 === 0) v = ch === 0 ? 1.5 : -1.2;
      }
      x[i] = v;
    }
  }
  return out;
}

/**
 * For the limiter's pass-through: tones under its quiet level (ceiling −4 dBTP / PEAK_BOUND), and
 * every 38 render quanta a two-sample click over the ceiling on a quantum's first frames, so the
 * true peaks around it depend on the detectors' history of the quiet (passed-through) stretch before.
 */
function clicks(): [Float32Array, Float32Array] {
  const out: [Float32Array, Float32Array] = [new Float32Array(N), new Float32Array(N)];
  for (let ch = 0; ch < 2; ch++) {
    const x = out[ch] as Float32Array;
    for (let i = 0; i < N; i++) {
      const k = i % (38 * 128);
      x[i] = k === 0 ? 1.1 - 0.2 * ch : k === 1 ? -0.9 : (0.2 - 0.02 * ch) * Math.sin((2 * Math.PI * (997 + 111 * ch) * i) / RATE + 0.5 * ch);
    }
  }
  return out;
}

type Values = Record<string, number>;
/** A parameter's value at a frame: constant per block (k-rate) or a function of the frame (a-rate). */
type Schedule = (block: number, frame: number) => { k: Values; a?: Record<string, (frame: number) => number> };

interface Core {
  process(inL: Float32Array, inR: Float32Array, outL: Float32Array, outR: Float32Array, p: ParamBlock): void;
  takeReduction(): number;
}

interface Scenario {
  name: string;
  make: () => Core;
  schedule: Schedule;
  /** Block lengths, cycled (default: 128). */
  sizes?: readonly number[];
  mono?: boolean;
  inPlace?: boolean;
  /** Another input than `input()`. */
  source?: () => [Float32Array, Float32Array];
}

interface Fingerprint {
  sha256: string;
  samples: number[];
  reductions: number;
  lastReduction: number;
}

const PROBES = [0, 1, 300, 24000, 50000, 72000, 80000, 100000, 130000, N - 1];

/** Runs a scenario as a worklet would, block by block, with reused parameter arrays. */
function run(s: Scenario, src: readonly [Float32Array, Float32Array]): Fingerprint {
  const core = s.make();
  const own = s.source?.() ?? src;
  const inL = own[0].slice();
  const inR = s.mono === true ? inL : own[1].slice();
  const outL = s.inPlace === true ? inL : new Float32Array(N);
  const outR = s.inPlace === true ? inR : new Float32Array(N);
  const kArrays = new Map<string, Float32Array>();
  const aArrays = new Map<string, Float32Array>();
  const reductions: number[] = [];
  const sizes = s.sizes ?? [128];
  let block = 0;
  for (let at = 0; at < N; block++) {
    const len = Math.min(N - at, sizes[block % sizes.length] ?? 128);
    const { k, a = {} } = s.schedule(block, at);
    const p: Record<string, Float32Array> = {};
    for (const [name, v] of Object.entries(k)) {
      const arr = kArrays.get(name) ?? new Float32Array(1);
      kArrays.set(name, arr);
      arr[0] = v;
      p[name] = arr;
    }
    for (const [name, f] of Object.entries(a)) {
      let arr = aArrays.get(name);
      if (arr === undefined || arr.length !== Math.max(128, len)) arr = new Float32Array(Math.max(128, len));
      aArrays.set(name, arr);
      for (let i = 0; i < arr.length; i++) arr[i] = f(at + i);
      p[name] = arr;
    }
    core.process(inL.subarray(at, at + len), inR.subarray(at, at + len), outL.subarray(at, at + len), outR.subarray(at, at + len), p);
    if (block % 13 === 12) reductions.push(core.takeReduction());
    at += len;
  }
  reductions.push(core.takeReduction());
  const hash = createHash('sha256');
  hash.update(new Uint8Array(outL.buffer, outL.byteOffset, outL.byteLength));
  hash.update(new Uint8Array(outR.buffer, outR.byteOffset, outR.byteLength));
  hash.update(new Uint8Array(Float64Array.from(reductions).buffer));
  return {
    sha256: hash.digest('hex'),
    samples: PROBES.flatMap((i) => [outL[i] ?? NaN, outR[i] ?? NaN]),
    reductions: reductions.length,
    lastReduction: reductions.at(-2) ?? NaN,
  };
}

/** A value stepping through `steps` every `every` blocks. */
const steps = (block: number, every: number, values: readonly number[]): number => values[Math.floor(block / every) % values.length] ?? 0;
/** Linear ramp from a to b over frames [f0, f1), held outside. */
const ramp = (f: number, f0: number, f1: number, a: number, b: number): number => Math.fround(f <= f0 ? a : f >= f1 ? b : a + ((b - a) * (f - f0)) / (f1 - f0));
/** Exponential ramp (as control-log parameters move). */
const expRamp = (f: number, f0: number, f1: number, a: number, b: number): number => Math.fround(f <= f0 ? a : f >= f1 ? b : a * (b / a) ** ((f - f0) / (f1 - f0)));
const konst = (v: Values): Schedule => () => ({ k: v });

const DYNEQ = { freq: 6000, q: 2, threshold: -30, ratio: 4, attack: 1, release: 100, bypass: 0 };
const COMP = { threshold: -20, ratio: 2, attack: 10, release: 200, knee: 6, makeup: 0, scHpf: 20, mix: 100, bypass: 0 };
const LIM = { ceiling: -1, release: 100, lookahead: 5, bypass: 0 };
const ODD_SIZES = [128, 64, 1, 127, 37, 128, 500, 3, 1000, 128];

const dyneq = (): Core => new DynamicBand(RATE);
const comp = (): Core => new GlueCompressor(RATE);
const lim = (): Core => new TruePeakLimiter(RATE);

const SCENARIOS: readonly Scenario[] = [
  // Dynamic EQ: de-esser (defaults), resonant bass notch, low-mid broad, partial/full bypass.
  { name: 'dyneq defaults (6 kHz, Q 2, -30 dB, 4:1)', make: dyneq, schedule: konst(DYNEQ) },
  { name: 'dyneq bass notch 120 Hz Q 8, -40 dB, 20:1, fastest attack, slowest release', make: dyneq, schedule: konst({ ...DYNEQ, freq: 120, q: 8, threshold: -40, ratio: 20, attack: 0.1, release: 1000 }) },
  { name: 'dyneq broad 800 Hz Q 0.5, -12 dB, 1.5:1, attack 50, release 10', make: dyneq, schedule: konst({ ...DYNEQ, freq: 800, q: 0.5, threshold: -12, ratio: 1.5, attack: 50, release: 10 }) },
  { name: 'dyneq ratio 1 (no cut), threshold 0', make: dyneq, schedule: konst({ ...DYNEQ, ratio: 1, threshold: 0 }) },
  { name: 'dyneq bypass 0.5', make: dyneq, schedule: konst({ ...DYNEQ, bypass: 0.5 }) },
  { name: 'dyneq bypass 1', make: dyneq, schedule: konst({ ...DYNEQ, bypass: 1 }) },
  { name: 'dyneq 16 kHz (top of range)', make: dyneq, schedule: konst({ ...DYNEQ, freq: 16000, q: 10, threshold: -60 }) },
  {
    name: 'dyneq k-rate changes every 40 blocks',
    make: dyneq,
    schedule: (b) => ({
      k: {
        freq: steps(b, 40, [6000, 3000, 150, 9000, 40]),
        q: steps(b, 40, [2, 0.7, 6, 1, 10, 3]),
        threshold: steps(b, 40, [-30, -45, -10, -60, 0, -20, -35]),
        ratio: steps(b, 40, [4, 10, 1.2, 20]),
        attack: steps(b, 40, [1, 0.1, 20, 5, 50]),
        release: steps(b, 40, [100, 10, 500, 1000, 50, 30]),
        bypass: steps(b, 120, [0, 0, 0.25, 0, 1, 0]),
      },
    }),
  },
  {
    name: 'dyneq a-rate ramps mixed with k-rate',
    make: dyneq,
    schedule: (b) => {
      const k: Values = { ...DYNEQ };
      const a: Record<string, (f: number) => number> = {};
      if (b >= 100 && b < 160) a['freq'] = (f) => expRamp(f, 100 * 128, 160 * 128, 6000, 200);
      else k['freq'] = b < 100 ? 6000 : 200;
      if (b >= 130 && b < 200) a['threshold'] = (f) => ramp(f, 130 * 128, 200 * 128, -30, -50);
      else k['threshold'] = b < 130 ? -30 : -50;
      if (b >= 400 && b < 420) a['bypass'] = (f) => ramp(f, 400 * 128, 420 * 128, 0, 1);
      else if (b >= 700 && b < 720) a['bypass'] = (f) => ramp(f, 700 * 128, 720 * 128, 1, 0);
      else k['bypass'] = b >= 420 && b < 700 ? 1 : 0;
      if (b >= 800 && b < 900) {
        a['q'] = (f) => expRamp(f, 800 * 128, 900 * 128, 2, 9);
        a['attack'] = (f) => expRamp(f, 800 * 128, 900 * 128, 1, 30);
        a['release'] = (f) => expRamp(f, 800 * 128, 900 * 128, 100, 20);
        a['ratio'] = (f) => expRamp(f, 800 * 128, 900 * 128, 4, 12);
        delete k['q'];
        delete k['attack'];
        delete k['release'];
        delete k['ratio'];
      }
      return { k, a };
    },
  },
  { name: 'dyneq odd block lengths, changes', make: dyneq, sizes: ODD_SIZES, schedule: (b) => ({ k: { ...DYNEQ, threshold: steps(b, 30, [-30, -50, -20]), freq: steps(b, 45, [6000, 2500]) } }) },
  { name: 'dyneq missing bypass and attack (read as 0)', make: dyneq, schedule: () => ({ k: { freq: 2000, q: 1, threshold: -35, ratio: 3, release: 80 } }) },
  { name: 'dyneq mono input', make: dyneq, mono: true, schedule: konst(DYNEQ) },
  { name: 'dyneq in place', make: dyneq, inPlace: true, schedule: konst({ ...DYNEQ, freq: 1000, threshold: -40 }) },

  // Glue compressor: soft and hard knee, side-chain HPF, parallel mix, make-up, bypass.
  { name: 'comp -20 dB, defaults otherwise (soft knee 6 dB)', make: comp, schedule: konst(COMP) },
  { name: 'comp hard knee, -30 dB, 20:1, attack 0.1, release 10, makeup 6', make: comp, schedule: konst({ ...COMP, knee: 0, threshold: -30, ratio: 20, attack: 0.1, release: 10, makeup: 6 }) },
  { name: 'comp wide knee 24 dB, side-chain HPF 300 Hz, mix 50 %, makeup 3', make: comp, schedule: konst({ ...COMP, knee: 24, scHpf: 300, mix: 50, makeup: 3, threshold: -25, ratio: 4 }) },
  { name: 'comp side-chain HPF 500 Hz, slow', make: comp, schedule: konst({ ...COMP, scHpf: 500, attack: 100, release: 2000, threshold: -40, ratio: 8 }) },
  { name: 'comp threshold 0, ratio 1', make: comp, schedule: konst({ ...COMP, threshold: 0, ratio: 1 }) },
  { name: 'comp bypass 0.3, mix 0', make: comp, schedule: konst({ ...COMP, bypass: 0.3, mix: 0 }) },
  { name: 'comp bypass 1', make: comp, schedule: konst({ ...COMP, bypass: 1 }) },
  {
    name: 'comp k-rate changes every 35 blocks',
    make: comp,
    schedule: (b) => ({
      k: {
        threshold: steps(b, 35, [-20, -35, -5, -60, 0, -28]),
        ratio: steps(b, 35, [2, 8, 1, 20, 3.5]),
        attack: steps(b, 35, [10, 0.1, 100, 3]),
        release: steps(b, 35, [200, 10, 2000, 60, 500]),
        knee: steps(b, 35, [6, 0, 24, 12, 0, 3, 18]),
        makeup: steps(b, 35, [0, 6, 24, 2, 0]),
        scHpf: steps(b, 35, [20, 200, 500, 60, 20, 120]),
        mix: steps(b, 35, [100, 50, 0, 80, 100]),
        bypass: steps(b, 105, [0, 0.5, 0, 1, 0]),
      },
    }),
  },
  {
    name: 'comp a-rate ramps mixed with k-rate',
    make: comp,
    schedule: (b) => {
      const k: Values = { ...COMP };
      const a: Record<string, (f: number) => number> = {};
      if (b >= 50 && b < 150) {
        a['threshold'] = (f) => ramp(f, 50 * 128, 150 * 128, -20, -45);
        a['scHpf'] = (f) => expRamp(f, 50 * 128, 150 * 128, 20, 400);
        delete k['threshold'];
        delete k['scHpf'];
      } else if (b >= 150) {
        k['threshold'] = -45;
        k['scHpf'] = 400;
      }
      if (b >= 300 && b < 420) {
        a['knee'] = (f) => ramp(f, 300 * 128, 420 * 128, 6, 0);
        a['mix'] = (f) => ramp(f, 300 * 128, 420 * 128, 100, 40);
        a['makeup'] = (f) => ramp(f, 300 * 128, 420 * 128, 0, 9);
        a['ratio'] = (f) => expRamp(f, 300 * 128, 420 * 128, 2, 15);
        a['attack'] = (f) => expRamp(f, 300 * 128, 420 * 128, 10, 0.5);
        a['release'] = (f) => expRamp(f, 300 * 128, 420 * 128, 200, 30);
        for (const n of ['knee', 'mix', 'makeup', 'ratio', 'attack', 'release']) delete k[n];
      } else if (b >= 420) Object.assign(k, { knee: 0, mix: 40, makeup: 9, ratio: 15, attack: 0.5, release: 30 });
      if (b >= 600 && b < 640) a['bypass'] = (f) => ramp(f, 600 * 128, 640 * 128, 0, 1);
      else if (b >= 900 && b < 940) a['bypass'] = (f) => ramp(f, 900 * 128, 940 * 128, 1, 0);
      else k['bypass'] = b >= 640 && b < 900 ? 1 : 0;
      if (a['bypass'] !== undefined) delete k['bypass'];
      return { k, a };
    },
  },
  { name: 'comp odd block lengths, changes', make: comp, sizes: ODD_SIZES, schedule: (b) => ({ k: { ...COMP, threshold: steps(b, 30, [-20, -40, -10]), scHpf: steps(b, 50, [20, 250]) } }) },
  { name: 'comp missing knee and makeup (read as 0)', make: comp, schedule: () => ({ k: { threshold: -25, ratio: 3, attack: 5, release: 100, scHpf: 80, mix: 100, bypass: 0 } }) },
  { name: 'comp mono input', make: comp, mono: true, schedule: konst({ ...COMP, threshold: -30 }) },
  { name: 'comp in place', make: comp, inPlace: true, schedule: konst({ ...COMP, threshold: -30, knee: 0 }) },

  // True-peak limiter: ceilings, releases, lookaheads, changes while running.
  { name: 'limiter -1 dBTP, release 100, lookahead 5 (defaults)', make: lim, schedule: konst(LIM) },
  { name: 'limiter -0.1 dBTP, release 1, lookahead 0.5', make: lim, schedule: konst({ ...LIM, ceiling: -0.1, release: 1, lookahead: 0.5 }) },
  { name: 'limiter -12 dBTP, release 1000, lookahead 10', make: lim, schedule: konst({ ...LIM, ceiling: -12, release: 1000, lookahead: 10 }) },
  { name: 'limiter -3 dBTP, release 30, lookahead 2', make: lim, schedule: konst({ ...LIM, ceiling: -3, release: 30, lookahead: 2 }) },
  { name: 'limiter 0 dBTP, release 300, lookahead 7.3', make: lim, schedule: konst({ ...LIM, ceiling: 0, release: 300, lookahead: 7.3 }) },
  { name: 'limiter bypass 0.4', make: lim, schedule: konst({ ...LIM, bypass: 0.4, ceiling: -6 }) },
  { name: 'limiter bypass 1', make: lim, schedule: konst({ ...LIM, bypass: 1, ceiling: -6 }) },
  {
    name: 'limiter k-rate changes every 30 blocks',
    make: lim,
    schedule: (b) => ({
      k: {
        ceiling: steps(b, 30, [-1, -6, -0.1, -12, -3, 0]),
        release: steps(b, 30, [100, 1, 1000, 30, 5]),
        lookahead: steps(b, 30, [5, 10, 0.5, 7.3, 1, 10, 2]),
        bypass: steps(b, 90, [0, 0.5, 0, 1, 0]),
      },
    }),
  },
  {
    name: 'limiter a-rate ramps mixed with k-rate',
    make: lim,
    schedule: (b) => {
      const k: Values = { ...LIM };
      const a: Record<string, (f: number) => number> = {};
      if (b >= 100 && b < 300) {
        a['ceiling'] = (f) => ramp(f, 100 * 128, 300 * 128, -1, -9);
        delete k['ceiling'];
      } else if (b >= 300) k['ceiling'] = -9;
      if (b >= 250 && b < 330) {
        a['lookahead'] = (f) => ramp(f, 250 * 128, 330 * 128, 5, 0.5);
        a['release'] = (f) => expRamp(f, 250 * 128, 330 * 128, 100, 3);
        delete k['lookahead'];
        delete k['release'];
      } else if (b >= 330 && b < 600) Object.assign(k, { lookahead: 0.5, release: 3 });
      if (b >= 600 && b < 700) {
        a['lookahead'] = (f) => ramp(f, 600 * 128, 700 * 128, 0.5, 10);
        delete k['lookahead'];
        k['release'] = 3;
      } else if (b >= 700) Object.assign(k, { lookahead: 10, release: 3 });
      if (b >= 800 && b < 830) a['bypass'] = (f) => ramp(f, 800 * 128, 830 * 128, 0, 1);
      else if (b >= 950 && b < 980) a['bypass'] = (f) => ramp(f, 950 * 128, 980 * 128, 1, 0);
      else k['bypass'] = b >= 830 && b < 950 ? 1 : 0;
      if (a['bypass'] !== undefined) delete k['bypass'];
      return { k, a };
    },
  },
  { name: 'limiter odd block lengths, changes', make: lim, sizes: ODD_SIZES, schedule: (b) => ({ k: { ...LIM, ceiling: steps(b, 30, [-1, -4, -0.5]), lookahead: steps(b, 40, [5, 1.5, 9]) } }) },
  { name: 'limiter missing bypass (read as 0)', make: lim, schedule: () => ({ k: { ceiling: -2, release: 50, lookahead: 3 } }) },
  { name: 'limiter mono input', make: lim, mono: true, schedule: konst({ ...LIM, ceiling: -2 }) },
  { name: 'limiter in place', make: lim, inPlace: true, schedule: konst({ ...LIM, ceiling: -4, lookahead: 3 }) },
  { name: 'limiter quiet stretches then clicks', make: lim, source: clicks, schedule: konst({ ...LIM, ceiling: -4, release: 1, lookahead: 2 }) },
  { name: 'limiter quiet stretches then clicks, in place', make: lim, source: clicks, inPlace: true, schedule: konst({ ...LIM, ceiling: -4, release: 1, lookahead: 2 }) },
];

describe('dynamics processors: output bit-identical to the golden fingerprints', () => {
  const src = input();
  const golden: Record<string, Fingerprint> = UPDATE ? {} : (JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, Fingerprint>);
  const produced: Record<string, Fingerprint> = {};

  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', (name, s) => {
    const fp = run(s, src);
    produced[name] = fp;
    if (UPDATE) {
      writeFileSync(FIXTURE, `${JSON.stringify(produced, null, 1)}\n`);
      return;
    }
    const want = golden[name];
    expect(want, `no golden fingerprint for "${name}"`).toBeDefined();
    // Through JSON as the fixture was (-0 reads 0 there); the hash compares the bits.
    const { sha256, ...rest } = JSON.parse(JSON.stringify(fp)) as Fingerprint;
    const { sha256: wantSha, ...wantRest } = want ?? ({} as Fingerprint);
    expect(rest).toEqual(wantRest);
    expect(sha256).toBe(wantSha);
  });

  it('the fixture has no stale scenario', () => {
    if (UPDATE) return;
    expect(Object.keys(golden).sort()).toEqual(SCENARIOS.map((s) => s.name).sort());
  });
});
