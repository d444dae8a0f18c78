/**
 * The engine's benchmarks (issue 6): zipper noise of a 7-bit gain sweep with and without
 * de-zippering, offline speed of the full chain with meters (fast path and graph path) against
 * ffmpeg running a comparable chain on the same file, and the real-time CPU share on the none sink. `say` prints a line and
 * adds it to bench/RESULTS.md.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { db, dbToGain } from '../bridge/core/units.js';
import { encodeWav } from '../bridge/engine/export/wav.js';
import { loudnessReport } from '../bridge/engine/export/report.js';
import { demoLoop } from '../bridge/engine/source/demo.js';
import { createWebAudioEngine } from '../bridge/engine/webaudio/engine.js';
import { renderChainOffline, type TimedChange } from '../bridge/engine/webaudio/offline.js';
import { programmeReport } from '../bridge/engine/offline/loudness.js';
import { renderChainFast } from '../bridge/engine/offline/render.js';
import { spuriousDbc } from '../test/engine/spectrum.js';

const run = promisify(execFile);
const RATE = 48000;

/** 1 kHz at -20 dBFS; output.gain swept -12 → +12 dB in 128 7-bit steps over 2 s (from 0.5 s). */
async function zipper(say: (l: string) => void): Promise<void> {
  const amp = 0.1;
  const tone = new Float32Array(RATE).map((_, i) => amp * Math.sin((2 * Math.PI * 1000 * i) / RATE));
  const steps = 128;
  const changes: TimedChange[] = Array.from({ length: steps }, (_, k) => ({ at: 0.5 + (2 * k) / steps, id: 'output.gain', value: -12 + (24 * k) / (steps - 1) }));
  const out = await renderChainOffline({
    source: { kind: 'pcm', sampleRate: RATE, channels: [tone, tone] },
    seconds: 3,
    values: new Map([['output.gain', -12]]),
    changes,
  });
  const raw = new Float32Array(3 * RATE);
  for (let i = 0; i < raw.length; i++) {
    const last = [...changes].reverse().find((c) => c.at <= i / RATE);
    raw[i] = amp * Math.sin((2 * Math.PI * 1000 * i) / RATE) * dbToGain(db(last?.value ?? -12));
  }
  const size = 65536; // 1.37 s inside the sweep
  const start = Math.round(1.5 * RATE - size / 2);
  const ramped = spuriousDbc(out.channels[0] ?? new Float32Array(), start, size, RATE, 1000);
  const stepped = spuriousDbc(raw, start, size, RATE, 1000);
  say('## Zipper noise: 7-bit sweep of output.gain, -12 → +12 dB in 128 steps over 2 s, 1 kHz at -20 dBFS');
  say('');
  say('Spurious energy more than 100 Hz from the carrier relative to the carrier (DESIGN.md\'s measure; 65536-point');
  say('Blackman-Harris-7 window inside the sweep). Target: ≤ -100 dBc with de-zippering.');
  say('');
  say('| | spurious energy |');
  say('|---|---|');
  say(`| raw steps (no de-zippering) | ${stepped.toFixed(1)} dBc |`);
  say(`| Detent chain (ramps + audio-rate smoothing) | ${ramped.toFixed(1)} dBc |`);
  say('');
}

/** Median of `runs` timings of `f`, seconds, with the last result. */
async function timed<T>(runs: number, f: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const times: number[] = [];
  let result: T | undefined;
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    result = await f();
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return { seconds: times[Math.floor(times.length / 2)] ?? NaN, result: result as T };
}

/**
 * Offline speed of the full chain with meters on a 60 s stereo 48 kHz file (the demo loop, 7.5
 * times): the fast path (bridge/engine/offline: the chain in TypeScript, then ProgrammeMeter's
 * report), the graph path (OfflineAudioContext with the AudioWorklets, then loudnessReport) and
 * ffmpeg running a comparable chain on the same file. Each figure is the median of three runs, wall
 * time, render and report. Callable on its own:
 *   node --import tsx -e "import('./bench/engine.ts').then((m) => m.offlineSpeed(console.log))"
 */
export async function offlineSpeed(say: (l: string) => void, dir?: string): Promise<void> {
  const own = dir === undefined ? await mkdtemp(join(tmpdir(), 'detent-bench-')) : undefined;
  const where = dir ?? own ?? tmpdir();
  try {
    const seconds = 60;
    const loop = demoLoop(RATE);
    const chans = loop.map((c) => {
      const x = new Float32Array(seconds * RATE);
      for (let i = 0; i < x.length; i++) x[i] = c[i % c.length] ?? 0;
      return x;
    });
    const path = join(where, 'one-minute.wav');
    await writeFile(path, encodeWav(chans, RATE, 'float32'));
    const values = new Map([['eq.band2.gain', 2], ['comp.threshold', -20], ['dyneq.threshold', -30]]);
    const req = { source: { kind: 'pcm' as const, sampleRate: RATE, channels: chans }, seconds, values };
    const fast = await timed(3, async () => {
      const out = await renderChainFast(req);
      return { out, report: programmeReport(out.channels, RATE) };
    });
    const graph = await timed(3, async () => {
      const out = await renderChainOffline(req);
      return { out, report: loudnessReport(out.channels, RATE) };
    });
    let max = 0;
    fast.result.out.channels.forEach((c, ch) => c.forEach((x, i) => (max = Math.max(max, Math.abs(x - (graph.result.out.channels[ch]?.[i] ?? 0))))));
    const chain = 'equalizer=f=1000:t=q:w=1:g=2,acompressor=threshold=0.1:ratio=2,alimiter=limit=0.89,ebur128=peak=true';
    const ffmpeg = await timed(3, () => run('ffmpeg', ['-hide_banner', '-nostats', '-i', path, '-af', chain, '-f', 'null', '-'], { maxBuffer: 64 * 1024 * 1024 })).catch(() => undefined);
    const row = (label: string, s: number): string => `| ${label} | ${s.toFixed(2)} s | ${(seconds / s).toFixed(0)}× |`;
    say('## Offline speed: full chain with meters, 60 s stereo 48 kHz file');
    say('');
    say('Detent: every module in, true-peak limiter, then the BS.1770 report over the output. Fast path: the chain in');
    say('TypeScript on the main thread (bridge/engine/offline, the worklets\' DSP classes), ProgrammeMeter; graph path:');
    say(`OfflineAudioContext with the AudioWorklets, LoudnessMeter. I ${fast.result.report.integrated} / ${graph.result.report.integrated} LUFS,`);
    say(`largest difference between the two outputs ${max === 0 ? 'none (bit-identical)' : `${(20 * Math.log10(max)).toFixed(1)} dBFS`}.`);
    say(`ffmpeg: \`${chain}\` on the same file. Median of 3 runs each.`);
    say('');
    say('| | wall time | × real time |');
    say('|---|---|---|');
    say(row('Detent, fast path (`detent render`)', fast.seconds));
    say(row('Detent, graph path (`--engine graph`)', graph.seconds));
    say(ffmpeg === undefined ? '| ffmpeg | not installed | |' : row('ffmpeg', ffmpeg.seconds));
    say('');
  } finally {
    if (own !== undefined) await rm(own, { recursive: true, force: true });
  }
}

/** CPU time of this process while the engine plays the demo on the none sink, 5 s. */
async function realtime(say: (l: string) => void): Promise<void> {
  const e = createWebAudioEngine({ output: 'none', source: 'demo', log: { warn: () => {}, info: () => {} } });
  await e.start();
  await new Promise((r) => setTimeout(r, 1000));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, 5000));
  const c = process.cpuUsage(c0);
  const wall = performance.now() - t0;
  await e.close();
  say('## Real time: CPU share playing the chain on the none sink');
  say('');
  say(`${(((c.user + c.system) / 1000 / wall) * 100).toFixed(0)} % of one core (process CPU time over 5 s of playback, meters on;`);
  say('includes the AudioWorklet thread, which node-web-audio-api 1.0.9 runs as a polling worker).');
  say('');
}

export async function engineBench(say: (l: string) => void): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'detent-bench-'));
  try {
    await zipper(say);
    await offlineSpeed(say, dir);
    await realtime(say);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
