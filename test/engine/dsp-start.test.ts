/**
 * A dynamics processor that renders its first quanta before its parameters arrive (all zero: an
 * AudioWorkletNode in a running context without parameterData) must recover once they do: a NaN
 * or an infinite envelope in its state would silence the chain for good. This was a daemon that
 * started silent about one time in six (the dynamic EQ's band-pass designed at Q 0).
 */
import { describe, expect, it } from 'vitest';
import { GlueCompressor } from '../../bridge/engine/dsp/compressor.js';
import type { ParamBlock } from '../../bridge/engine/dsp/dynamics.js';
import { DynamicBand } from '../../bridge/engine/dsp/dyneq.js';
import { TruePeakLimiter } from '../../bridge/engine/dsp/limiter.js';

const block = (values: Record<string, number>): ParamBlock => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, new Float32Array([v])])) as ParamBlock;
const names = ['threshold', 'ratio', 'attack', 'release', 'knee', 'makeup', 'scHpf', 'mix', 'bypass', 'freq', 'q', 'ceiling', 'lookahead'];
const zero = block(Object.fromEntries(names.map((n) => [n, 0])));
const good = block({ threshold: -20, ratio: 2, attack: 10, release: 200, knee: 6, makeup: 0, scHpf: 20, mix: 100, bypass: 0, freq: 6000, q: 2, ceiling: -1, lookahead: 5 });

describe.each([
  ['glue compressor', (r: number) => new GlueCompressor(r)],
  ['dynamic EQ', (r: number) => new DynamicBand(r)],
  ['true-peak limiter', (r: number) => new TruePeakLimiter(r)],
])('%s started on zero parameters', (_name, make) => {
  it('plays finite, audible output once its parameters arrive', () => {
    const dsp = make(48000);
    const x = Float32Array.from({ length: 128 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 1000 * i) / 48000));
    const l = new Float32Array(128);
    const r = new Float32Array(128);
    for (let k = 0; k < 4; k++) dsp.process(x, x, l, r, zero);
    for (let k = 0; k < 400; k++) dsp.process(x, x, l, r, good);
    expect(l.every(Number.isFinite) && r.every(Number.isFinite)).toBe(true);
    expect(Math.max(...l.map(Math.abs))).toBeGreaterThan(0.05);
  });
});
