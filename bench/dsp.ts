/**
 * Speed of the three dynamics processors (bridge/engine/dsp: dynamic EQ, glue compressor, true-peak
 * limiter) alone, on 60 s of stereo 48 kHz programme (the demo loop, 7.5 times), in render quanta of
 * 128 frames with the parameter blocks offline/chain.ts passes (one constant float32 value per
 * parameter), plus the worklet's a-rate case (every parameter automated: 128 values per block).
 * Figures: × real time, CPU time of the process, median of 5 runs after a warm-up.
 *
 * Standalone:
 *   node --import tsx -e "import('./bench/dsp.ts').then((m) => console.log(m.dspSpeed().join('\n')))"
 * Against another implementation in the same run (e.g. the sources of an older commit copied to a
 * directory: git show f7da89f:bridge/engine/dsp/compressor.ts > /tmp/old/compressor.ts, …), pass it
 * as the baseline (tsx hands a .ts module's exports over as `default`):
 *   node --import tsx -e "Promise.all(['./bench/dsp.ts', '/tmp/old/compressor.ts', '/tmp/old/dyneq.ts',
 *     '/tmp/old/limiter.ts'].map((f) => import(f))).then(([m, ...o]) => { const [c, d, l] = o.map((x) =>
 *     x.default ?? x); console.log(m.dspSpeed({ baseline: { GlueCompressor: c.GlueCompressor,
 *     DynamicBand: d.DynamicBand, TruePeakLimiter: l.TruePeakLimiter } }).join('\n')); })"
 */
import { GlueCompressor } from '../bridge/engine/dsp/compressor.js';
import type { ParamBlock } from '../bridge/engine/dsp/dynamics.js';
import { DynamicBand } from '../bridge/engine/dsp/dyneq.js';
import { TruePeakLimiter } from '../bridge/engine/dsp/limiter.js';
import { demoLoop } from '../bridge/engine/source/demo.js';

const RATE = 48000;
const SECONDS = 60;
const QUANTUM = 128;

interface Core {
  process(inL: Float32Array, inR: Float32Array, outL: Float32Array, outR: Float32Array, p: ParamBlock): void;
}
type Make = new (rate: number) => Core;
/** An implementation of the three processors. */
export interface DspImpl {
  GlueCompressor: Make;
  DynamicBand: Make;
  TruePeakLimiter: Make;
}
const CURRENT: DspImpl = { GlueCompressor, DynamicBand, TruePeakLimiter };

/**
 * × real time of the implementation of commit f7da89f (before the optimisation), measured with
 * this bench on the same machine (Linux x64, node 20, 2 cores shared with other work).
 */
export const BEFORE: Readonly<Record<string, number>> = {
  'dynamic EQ (6 kHz, -30 dB)': 181,
  'glue compressor (-20 dB, 2:1, knee 6)': 157,
  'true-peak limiter (-1 dBTP, under the ceiling)': 222,
  'true-peak limiter (-1 dBTP, input +12 dB)': 62,
  'dynamic EQ, a-rate parameters': 177,
  'glue compressor, a-rate parameters': 152,
  'true-peak limiter, a-rate parameters, +12 dB': 61,
};

interface Case {
  label: string;
  make: (impl: DspImpl) => Core;
  params: Record<string, number>;
  /** Input gain, dB. */
  drive?: number;
  aRate?: boolean;
}

/** The chain's defaults, with the thresholds of bench/engine.ts offlineSpeed. */
const DYNEQ = { freq: 6000, q: 2, threshold: -30, ratio: 4, attack: 1, release: 100, bypass: 0 };
const COMP = { threshold: -20, ratio: 2, attack: 10, release: 200, knee: 6, makeup: 0, scHpf: 20, mix: 100, bypass: 0 };
const LIM = { ceiling: -1, release: 100, lookahead: 5, bypass: 0 };

const CASES: readonly Case[] = [
  { label: 'dynamic EQ (6 kHz, -30 dB)', make: (m) => new m.DynamicBand(RATE), params: DYNEQ },
  { label: 'glue compressor (-20 dB, 2:1, knee 6)', make: (m) => new m.GlueCompressor(RATE), params: COMP },
  { label: 'true-peak limiter (-1 dBTP, under the ceiling)', make: (m) => new m.TruePeakLimiter(RATE), params: LIM },
  { label: 'true-peak limiter (-1 dBTP, input +6 dB: peaks limited)', make: (m) => new m.TruePeakLimiter(RATE), params: LIM, drive: 6 },
  { label: 'true-peak limiter (-1 dBTP, input +12 dB: limiting throughout)', make: (m) => new m.TruePeakLimiter(RATE), params: LIM, drive: 12 },
  { label: 'dynamic EQ, every parameter automated (a-rate)', make: (m) => new m.DynamicBand(RATE), params: DYNEQ, aRate: true },
  { label: 'glue compressor, every parameter automated (a-rate)', make: (m) => new m.GlueCompressor(RATE), params: COMP, aRate: true },
  { label: 'true-peak limiter, every parameter automated (a-rate), +6 dB', make: (m) => new m.TruePeakLimiter(RATE), params: LIM, drive: 6, aRate: true },
];

function programme(): [Float32Array, Float32Array] {
  const loop = demoLoop(RATE);
  const chans = loop.map((c) => {
    const x = new Float32Array(SECONDS * RATE);
    for (let i = 0; i < x.length; i++) x[i] = c[i % c.length] ?? 0;
    return x;
  });
  return [chans[0] ?? new Float32Array(), chans[1] ?? new Float32Array()];
}

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/**
 * CPU seconds to run `c` over the input once. A-rate: each parameter moves within ±0.1 % of its
 * value (a slow sine, 128 different float32 values per block), precomputed outside the timing.
 */
function once(c: Case, impl: DspImpl, src: readonly [Float32Array, Float32Array]): number {
  const core = c.make(impl);
  const [l, r] = src;
  const blocks = Math.floor(l.length / QUANTUM);
  const k: ParamBlock = Object.fromEntries(Object.entries(c.params).map(([k, v]) => [k, Float32Array.of(v)]));
  const a: Record<string, Float32Array>[] = [];
  if (c.aRate === true)
    for (let b = 0; b < 64; b++)
      a.push(Object.fromEntries(Object.entries(c.params).map(([k, v]) => [k, Float32Array.from({ length: QUANTUM }, (_, i) => v + Math.abs(v) * 1e-3 * Math.sin((2 * Math.PI * (b * QUANTUM + i)) / (64 * QUANTUM)))])));
  const outL = new Float32Array(QUANTUM);
  const outR = new Float32Array(QUANTUM);
  const t0 = cpu();
  for (let b = 0; b < blocks; b++) {
    const at = b * QUANTUM;
    core.process(l.subarray(at, at + QUANTUM), r.subarray(at, at + QUANTUM), outL, outR, c.aRate === true ? (a[b % 64] as ParamBlock) : k);
  }
  return cpu() - t0;
}

function speed(c: Case, impl: DspImpl, src: readonly [Float32Array, Float32Array], runs = 5): number {
  once(c, impl, src);
  const t: number[] = [];
  for (let k = 0; k < runs; k++) t.push(once(c, impl, src));
  t.sort((a, b) => a - b);
  return SECONDS / (t[Math.floor(runs / 2)] ?? NaN);
}

/** Markdown lines: × real time per processor, before (baseline or recorded) and now. */
export function dspSpeed(opts: { baseline?: DspImpl; impl?: DspImpl } = {}): string[] {
  const clean = programme();
  const driven = new Map<number, [Float32Array, Float32Array]>();
  const drive = (db: number): [Float32Array, Float32Array] => {
    const k = 10 ** (db / 20);
    const x = driven.get(db) ?? (clean.map((c) => c.map((v) => v * k)) as [Float32Array, Float32Array]);
    driven.set(db, x);
    return x;
  };
  const lines = [
    '## Dynamics processors alone: 60 s stereo 48 kHz (demo loop), 128-frame blocks',
    '',
    `× real time, CPU time, median of 5 runs; before: ${opts.baseline === undefined ? 'recorded figures of commit f7da89f' : 'the baseline implementation, same run'}.`,
    'Parameters constant, one value per block as offline/chain.ts passes them, unless automated (128 values per block).',
    '',
    '| processor | before | now | speed-up |',
    '|---|---|---|---|',
  ];
  for (const c of CASES) {
    const src = c.drive === undefined ? clean : drive(c.drive);
    const now = speed(c, opts.impl ?? CURRENT, src);
    const before = opts.baseline === undefined ? BEFORE[c.label] : speed(c, opts.baseline, src);
    const fmt = (x: number | undefined): string => (x === undefined ? '–' : `${x.toFixed(0)}×`);
    lines.push(`| ${c.label} | ${fmt(before)} | ${fmt(now)} | ${before === undefined ? '–' : `${(now / before).toFixed(1)}×`} |`);
  }
  lines.push('');
  return lines;
}
