import { describe, expect, it } from 'vitest';
import type { ParamBlock } from '../../bridge/engine/dsp/dynamics.js';
import { TruePeakLimiter } from '../../bridge/engine/dsp/limiter.js';
import { LoudnessMeter } from '../../bridge/engine/meters/loudness/meter.js';
import { demoLoop } from '../../bridge/engine/source/demo.js';

const RATE = 48000;
const BLOCK = 128;

/** Runs the limiter over stereo input in render quanta, with constant parameters. */
export function limit(input: readonly Float32Array[], params: Record<string, number>): Float32Array[] {
  const lim = new TruePeakLimiter(RATE);
  const n = input[0]?.length ?? 0;
  const out = [new Float32Array(n), new Float32Array(n)];
  const p: ParamBlock = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, new Float32Array([v])]));
  for (let at = 0; at < n; at += BLOCK) {
    const end = Math.min(n, at + BLOCK);
    lim.process(
      (input[0] as Float32Array).subarray(at, end),
      (input[1] as Float32Array).subarray(at, end),
      (out[0] as Float32Array).subarray(at, end),
      (out[1] as Float32Array).subarray(at, end),
      p,
    );
  }
  return out;
}

/** The demo loop driven `gainDb` hot (sample peaks far above full scale). */
export function hot(gainDb: number): Float32Array[] {
  const k = 10 ** (gainDb / 20);
  return demoLoop(RATE).map((c) => c.map((x) => x * k));
}

const truePeak = (x: readonly Float32Array[]): number => {
  const m = new LoudnessMeter(RATE, 2);
  m.process(x);
  return m.read().truePeakMaxDb;
};

describe('true-peak limiter', () => {
  it.each([
    [-1, 18, 5],
    [-1, 30, 1],
    [-0.1, 12, 10],
    [-3, 24, 2],
  ])('ceiling %d dBTP, input +%d dB hot, lookahead %d ms: output true peak stays under the ceiling', (ceiling, drive, lookahead) => {
    const out = limit(hot(drive), { ceiling, release: 100, lookahead, bypass: 0 });
    const tp = truePeak(out);
    console.log(`ceiling ${ceiling}, +${drive} dB, ${lookahead} ms: output TP ${tp.toFixed(3)} dBTP (overshoot ${(tp - ceiling).toFixed(3)} dB)`);
    expect(tp).toBeLessThanOrEqual(ceiling);
    expect(tp).toBeGreaterThan(ceiling - 0.5); // it limits, it does not just turn everything down
  });

  it('leaves material under the ceiling untouched, only delayed by its latency', () => {
    const input = hot(0); // -6 dBFS peak
    const lim = new TruePeakLimiter(RATE);
    const out = limit(input, { ceiling: -1, release: 100, lookahead: 5, bypass: 0 });
    const d = lim.latency;
    let err = 0;
    for (let i = d; i < 20000; i++) err = Math.max(err, Math.abs((out[0]?.[i] ?? 0) - (input[0]?.[i - d] ?? 0)));
    expect(err).toBeLessThan(1e-6);
  });
});
