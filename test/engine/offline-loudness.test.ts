import { describe, expect, it } from 'vitest';
import { loudnessReport } from '../../bridge/engine/export/report.js';
import { ProgrammeMeter, programmeReport } from '../../bridge/engine/offline/loudness.js';
import { demoLoop } from '../../bridge/engine/source/demo.js';
import { RATE, TECH_3341, TECH_3342 } from './ebu-cases.js';

/**
 * ProgrammeMeter (the block-wise report meter of `detent measure` and the fast render) against
 * LoudnessMeter through loudnessReport: the same report, field for field, to the last bit.
 */

const demo = (seconds: number): Float32Array<ArrayBuffer>[] =>
  demoLoop(RATE).map((c) => {
    const x = new Float32Array(Math.round(seconds * RATE));
    for (let i = 0; i < x.length; i++) x[i] = c[i % c.length] ?? 0;
    return x;
  });

describe('programme meter equals loudnessReport', () => {
  it.each([...TECH_3341, ...TECH_3342].map((c) => [c.name, c.channels] as const))('EBU %s', (_name, channels) => {
    expect(programmeReport(channels, RATE)).toEqual(loudnessReport(channels, RATE));
  });

  it.each([
    ['demo, 12 s stereo', (): Float32Array[] => demo(12)],
    ['demo 14 dB hot (sample peaks over full scale)', (): Float32Array[] => demo(6).map((c) => c.map((v) => v * 10 ** (14 / 20)))],
    ['mono', (): Float32Array[] => [demo(5)[0] ?? new Float32Array()]],
    ['five channels (surround weights)', (): Float32Array[] => [...demo(4), ...demo(4).reverse(), demo(4)[0] ?? new Float32Array()]],
    ['seven channels (the first five measured)', (): Float32Array[] => [...demo(2), ...demo(2), ...demo(2), demo(2)[1] ?? new Float32Array()]],
    ['silence', (): Float32Array[] => [new Float32Array(RATE), new Float32Array(RATE)]],
    ['shorter than a momentary window', (): Float32Array[] => demo(0.3)],
    ['empty', (): Float32Array[] => [new Float32Array(0), new Float32Array(0)]],
    ['no channels', (): Float32Array[] => []],
  ])('%s', (_name, make) => {
    const channels = make();
    const fast = programmeReport(channels, RATE);
    expect(fast).toEqual(loudnessReport(channels, RATE));
  });

  it('gives the same report fed in blocks of any size, at 44.1 kHz too', () => {
    const rate = 44100;
    const x = demoLoop(rate).map((c) => c.slice(0, 5 * rate));
    const whole = loudnessReport(x, rate);
    for (const size of [1, 127, 480, 4096, 100_000]) {
      const m = new ProgrammeMeter(rate, 2);
      for (let at = 0; at < 5 * rate; at += size) m.process(x, at, Math.min(5 * rate, at + size));
      expect(m.report(), `blocks of ${size}`).toEqual(whole);
    }
  });

  it('is several times faster than LoudnessMeter on a minute of stereo', () => {
    const x = demo(60);
    const t0 = performance.now();
    const slow = loudnessReport(x, RATE);
    const t1 = performance.now();
    const fast = programmeReport(x, RATE);
    const t2 = performance.now();
    console.log(`60 s stereo: loudnessReport ${(t1 - t0).toFixed(0)} ms, programmeReport ${(t2 - t1).toFixed(0)} ms`);
    expect(fast).toEqual(slow);
    expect(t2 - t1).toBeLessThan(t1 - t0);
  }, 60_000);
});
