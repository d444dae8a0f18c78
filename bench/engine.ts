/**
 * The engine's benchmarks (issue 6): zipper noise of a 7-bit gain sweep with and without
 * de-zippering, offline speed of the full chain with meters (fast path on two threads and on one,
 * graph path) against ffmpeg running a comparable chain on the same file, and the real-time CPU
 * share on the none sink. `say` prints a line and adds it to bench/RESULTS.md.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { db, dbToGain } from '../bridge/core/units.js';
import { encodeWav } from '../bridge/engine/export/wav.js';
import { loudnessReport, type LoudnessReport } from '../bridge/engine/export/report.js';
import { demoLoop } from '../bridge/engine/source/demo.js';
import { createWebAudioEngine } from '../bridge/engine/webaudio/engine.js';
import { renderChainOffline, type RenderedAudio, type TimedChange } from '../bridge/engine/webaudio/offline.js';
import { programmeReport } from '../bridge/engine/offline/loudness.js';
import { renderChainFast, renderMeasured, type MeasuredRender } from '../bridge/engine/offline/render.js';
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

/** Median of a list of timings. */
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Wall time of `f`, seconds, with its result. */
async function timed<T>(f: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const t0 = performance.now();
  const result = await f();
  return { seconds: (performance.now() - t0) / 1000, result };
}

/**
 * Offline speed of the full chain with meters on a 3-minute stereo 48 kHz file (the demo loop, 22.5
 * times): the fast path as `detent render` runs it (bridge/engine/offline: the chain in TypeScript
 * on two threads, the second one also computing ProgrammeMeter's report), the same in one thread
 * (renderChainFast, then programmeReport), the graph path (OfflineAudioContext with the
 * AudioWorklets, then loudnessReport) and ffmpeg running a comparable chain on the same file. Wall
 * time, render and report, median of three runs each; the runs of the fast paths and ffmpeg are
 * interleaved (one of each, three times), so a machine busy with something else slows them alike.
 * The graph path runs once (it is the slow reference, and the source of the equality check).
 * Callable on its own:
 *   node --import tsx -e "import('./bench/engine.ts').then((m) => m.offlineSpeed(console.log))"
 */
export async function offlineSpeed(say: (l: string) => void, dir?: string): Promise<void> {
  const own = dir === undefined ? await mkdtemp(join(tmpdir(), 'detent-bench-')) : undefined;
  const where = dir ?? own ?? tmpdir();
  try {
    const seconds = 180;
    const loop = demoLoop(RATE);
    const chans = loop.map((c) => {
      const x = new Float32Array(seconds * RATE);
      for (let i = 0; i < x.length; i++) x[i] = c[i % c.length] ?? 0;
      return x;
    });
    const path = join(where, 'three-minutes.wav');
    await writeFile(path, encodeWav(chans, RATE, 'float32'));
    const values = new Map([['eq.band2.gain', 2], ['comp.threshold', -20], ['dyneq.threshold', -30]]);
    const req = { source: { kind: 'pcm' as const, sampleRate: RATE, channels: chans }, seconds, values };
    const chain = 'equalizer=f=1000:t=q:w=1:g=2,acompressor=threshold=0.1:ratio=2,alimiter=limit=0.89,ebur128=peak=true';
    const ffmpegRun = (): Promise<unknown> => run('ffmpeg', ['-hide_banner', '-nostats', '-i', path, '-af', chain, '-f', 'null', '-'], { maxBuffer: 64 * 1024 * 1024 });
    const hasFfmpeg = await run('ffmpeg', ['-version']).then(
      () => true,
      () => false,
    );
    const times = { fast: [] as number[], one: [] as number[], ffmpeg: [] as number[], graph: [] as number[] };
    let fast: MeasuredRender | undefined;
    let one: LoudnessReport | undefined;
    for (let k = 0; k < 3; k++) {
      const f = await timed(() => renderMeasured(req));
      times.fast.push(f.seconds);
      fast = f.result;
      const o = await timed(async () => {
        const out = await renderChainFast(req);
        return programmeReport(out.channels, RATE);
      });
      times.one.push(o.seconds);
      one = o.result;
      if (hasFfmpeg) times.ffmpeg.push((await timed(ffmpegRun)).seconds);
    }
    // The graph path once: it takes tens of seconds (minutes on a busy machine).
    const g = await timed(async () => {
      const out = await renderChainOffline(req);
      return { out, report: loudnessReport(out.channels, RATE) };
    });
    times.graph.push(g.seconds);
    const graph: { out: RenderedAudio; report: LoudnessReport } = g.result;
    let max = 0;
    fast?.audio.channels.forEach((c, ch) => c.forEach((x, i) => (max = Math.max(max, Math.abs(x - (graph.out.channels[ch]?.[i] ?? 0))))));
    const sameReport = JSON.stringify(fast?.report) === JSON.stringify(one);
    const row = (label: string, ts: readonly number[]): string => `| ${label} | ${median(ts).toFixed(2)} s | ${(seconds / median(ts)).toFixed(0)}× |`;
    say('## Offline speed: full chain with meters, 3-minute stereo 48 kHz file');
    say('');
    say('Detent: every module in, true-peak limiter, then the BS.1770 report over the output. Fast path: the chain in');
    say("TypeScript (bridge/engine/offline, the worklets' DSP classes) with ProgrammeMeter: as `detent render` runs it, on");
    say('two threads (the second runs the end of the chain and the meter while the first renders the next blocks), and in');
    say('one thread; graph path: OfflineAudioContext with the AudioWorklets, LoudnessMeter.');
    say(`I ${fast?.report.integrated} / ${graph.report.integrated} LUFS; the two fast reports ${sameReport ? 'identical' : 'DIFFER'}; largest difference between`);
    say(`the fast and graph outputs ${max === 0 ? 'none (bit-identical)' : `${(20 * Math.log10(max)).toFixed(1)} dBFS`}. ffmpeg: \`${chain}\` on the same file.`);
    say(`Median of 3 runs each, the fast paths and ffmpeg interleaved; the graph path once. ${cpus().length} CPUs, load average`);
    say(`${loadavg()[0]?.toFixed(1)} at the end (on a busy machine the two threads share what is left of the cores).`);
    say('');
    say('| | wall time | × real time |');
    say('|---|---|---|');
    say(row('Detent, fast path (`detent render`, two threads)', times.fast));
    say(row('Detent, fast path in one thread', times.one));
    say(row('Detent, graph path (`--engine graph`)', times.graph));
    say(hasFfmpeg ? row('ffmpeg', times.ffmpeg) : '| ffmpeg | not installed | |');
    say('');
    if (hasFfmpeg) {
      say(`The fast path (two threads) runs at ${(median(times.ffmpeg) / median(times.fast)).toFixed(2)}× ffmpeg's speed.`);
      say('');
    }
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
