import { describe, expect, it } from 'vitest';
import { TruePeakDetector } from '../../bridge/engine/dsp/truepeak.js';
import { ProgrammePeaks } from '../../bridge/engine/offline/peaks.js';

/**
 * ProgrammePeaks (offline/peaks.ts, the report meter's sample and true peak) against the detector
 * it stands for: TruePeakDetector.push on every sample, the largest value it returns. The skipped
 * chunks and points must not change the maximum by a single bit, whatever the block sizes.
 */

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

/** Programme-like material: tones, noise, silence, a hot burst and isolated inter-sample overs. */
function programme(seed: number, n: number): Float32Array {
  const rnd = noise(seed);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / 48000;
    let v = 0.3 * Math.sin(2 * Math.PI * 997 * t + seed) + 0.05 * rnd();
    if (i > n / 3 && i < n / 2) v = 0;
    if (i > n / 2 && i < (2 * n) / 3) v = 0.9 * Math.sin(2 * Math.PI * 11990 * t) + 0.2 * rnd();
    if (i % 7919 === 0) v = (i % 2 === 0 ? 1 : -1) * 0.95;
    x[i] = v;
  }
  return x;
}

function reference(channels: readonly Float32Array[]): { sample: number; truePeak: number } {
  let sample = 0;
  let truePeak = 0;
  for (const x of channels) {
    const d = new TruePeakDetector();
    for (let i = 0; i < x.length; i++) {
      sample = Math.max(sample, Math.abs(x[i] as number));
      truePeak = Math.max(truePeak, d.push(x[i] as number));
    }
  }
  return { sample, truePeak };
}

describe('ProgrammePeaks', () => {
  it.each([65536, 4096, 1000, 33, 31, 1])('equals TruePeakDetector to the last bit, blocks of %i frames', (block) => {
    const n = 48000 * 2 + 77;
    const channels = [programme(1, n), programme(2, n)];
    const peaks = new ProgrammePeaks(2);
    for (let at = 0; at < n; at += block) {
      const len = Math.min(block, n - at);
      channels.forEach((x, c) => peaks.process(c, x.subarray(at, at + len), len));
    }
    const ref = reference(channels);
    expect(Object.is(peaks.samplePeak, ref.sample)).toBe(true);
    expect(Object.is(peaks.truePeak, ref.truePeak)).toBe(true);
    expect(peaks.truePeak).toBeGreaterThan(peaks.samplePeak);
  });
});
