/**
 * Audio output over a real JACK server (jackd, dummy driver, no sound card): how long the engine
 * takes to join a server that starts while it waits (output `jack`), how long it takes to notice
 * the server gone and play on headless, the level at its JACK ports against the chain's, and the
 * process's CPU share on JACK against headless. Skipped where jackd is not installed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParamId } from '../bridge/core/param/descriptor.js';
import type { Engine } from '../bridge/engine/interface.js';
import { createWebAudioEngine } from '../bridge/engine/webaudio/engine.js';
import { blockLevel, haveJackd, jackRecord, startJackd } from '../test/engine/jackd.js';
import { writeToneWav } from '../test/engine/signal.js';
import { until } from '../test/integration/harness.js';

const RATE = 48_000;
const CYCLES = 5;
const SINE_RMS_DB = 20 * Math.log10(0.5 / Math.SQRT2);

const sinkOf = (e: Engine): string => {
  const s = e.status();
  return s.state === 'running' ? s.sink : s.state;
};

/** CPU share of this process over `ms`, % of one core. */
async function cpuShare(ms: number): Promise<number> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, ms));
  const c = process.cpuUsage(c0);
  return ((c.user + c.system) / 1000 / (performance.now() - t0)) * 100;
}

const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;

export async function jackSection(): Promise<string[]> {
  const head = ['## Audio output over JACK', ''];
  if (!haveJackd) return [...head, 'Skipped: jackd, jack_rec and jack_lsp are not installed (Debian: jackd2).'];
  const dir = await mkdtemp(join(tmpdir(), 'detent-bench-jack-'));
  const tone = join(dir, 'sine.wav');
  await writeToneWav(tone, 1000, 0.5, RATE, 3);
  const name = `detent-bench-${process.pid}`;
  const before = process.env['JACK_DEFAULT_SERVER'];
  process.env['JACK_DEFAULT_SERVER'] = name;
  const e = createWebAudioEngine({ output: 'jack', source: tone, log: { warn: () => {}, info: () => {} } });
  const join_: number[] = [];
  const lost: number[] = [];
  const levelErr: number[] = [];
  let cpuJack = 0;
  let cpuNone = 0;
  try {
    await e.start();
    cpuNone = await cpuShare(3000);
    for (let i = 0; i < CYCLES; i++) {
      const jack = await startJackd(name, RATE);
      const ready = performance.now();
      await until(() => sinkOf(e) === 'jack', 20_000);
      join_.push(performance.now() - ready);
      const gain = i % 2 === 0 ? 0 : -12;
      e.apply('output.gain' as ParamId, gain);
      await new Promise((r) => setTimeout(r, 300));
      const rec = await jackRecord(name, ['cpal_client_out:out_0', 'cpal_client_out:out_1'], 1, join(dir, `rec-${i}.wav`));
      for (const c of rec.channels) levelErr.push(Math.abs(blockLevel(c, RATE / 100).medianDb - (SINE_RMS_DB + gain)));
      if (i === 0) cpuJack = await cpuShare(3000);
      const stopAt = performance.now();
      await jack.stop();
      await until(() => sinkOf(e) === 'none', 20_000);
      lost.push(performance.now() - stopAt);
    }
  } finally {
    await e.close();
    if (before === undefined) delete process.env['JACK_DEFAULT_SERVER'];
    else process.env['JACK_DEFAULT_SERVER'] = before;
    await rm(dir, { recursive: true, force: true });
  }
  const f = (x: number): string => `${(x / 1000).toFixed(2)} s`;
  return [
    ...head,
    `Output \`jack\`, a 1 kHz sine at −9.03 dBFS RMS looping; ${CYCLES} cycles of jackd (dummy driver, 48 kHz, 256 frames, no real-time priority) started, recorded with jack_rec, stopped.`,
    '',
    '| figure | median | max |',
    '|---|---|---|',
    `| server ready → engine playing on JACK (checks every 1 s, then reopens) | ${f(med(join_))} | ${f(Math.max(...join_))} |`,
    `| server stopped → engine noticed and playing headless (clock still for 2 s, then reopens) | ${f(med(lost))} | ${f(Math.max(...lost))} |`,
    `| level at the JACK ports vs the chain's (0 and −12 dB output gain), abs. error | ${med(levelErr).toFixed(3)} dB | ${Math.max(...levelErr).toFixed(3)} dB |`,
    '',
    `CPU share of the process: ${cpuJack.toFixed(0)} % of one core playing to JACK, ${cpuNone.toFixed(0)} % headless (3 s each; the library's worklet thread dominates both).`,
  ];
}
