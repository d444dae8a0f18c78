/**
 * The engine's benchmarks (issue 6): zipper noise of a 7-bit gain sweep with and without
 * de-zippering, offline speed of the full chain with meters against ffmpeg running a comparable
 * chain on the same file, and the real-time CPU share on the none sink. `say` prints a line and
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

/** A 3-minute stereo 48 kHz file (the demo loop, 22.5 times), rendered by Detent and by ffmpeg. */
async function speed(say: (l: string) => void, dir: string): Promise<void> {
  const seconds = 180;
  const loop = demoLoop(RATE);
  const chans = loop.map((c) => {
    const x = new Float32Array(seconds * RATE);
    for (let i = 0; i < x.length; i++) x[i] = c[i % c.length] ?? 0;
    return x;
  });
  const path = join(dir, 'three-minutes.wav');
  await writeFile(path, encodeWav(chans, RATE, 'float32'));
  const values = new Map([['eq.band2.gain', 2], ['comp.threshold', -20], ['dyneq.threshold', -30]]);
  const t0 = performance.now();
  const out = await renderChainOffline({ source: { kind: 'pcm', sampleRate: RATE, channels: chans }, seconds, values });
  const report = loudnessReport(out.channels, RATE);
  const detent = (performance.now() - t0) / 1000;
  const chain = 'equalizer=f=1000:t=q:w=1:g=2,acompressor=threshold=0.1:ratio=2,alimiter=limit=0.89,ebur128=peak=true';
  const t1 = performance.now();
  await run('ffmpeg', ['-hide_banner', '-nostats', '-i', path, '-af', chain, '-f', 'null', '-'], { maxBuffer: 64 * 1024 * 1024 });
  const ffmpeg = (performance.now() - t1) / 1000;
  say('## Offline speed: full chain with meters, 3-minute stereo 48 kHz file');
  say('');
  say(`Detent: every module in, true-peak limiter, then the BS.1770 meter over the output (I ${report.integrated} LUFS).`);
  say(`ffmpeg: \`${chain}\` on the same file.`);
  say('');
  say('| | wall time | × real time |');
  say('|---|---|---|');
  say(`| Detent | ${detent.toFixed(2)} s | ${(seconds / detent).toFixed(0)}× |`);
  say(`| ffmpeg | ${ffmpeg.toFixed(2)} s | ${(seconds / ffmpeg).toFixed(0)}× |`);
  say('');
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
    await speed(say, dir);
    await realtime(say);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
