import { describe, expect, it } from 'vitest';
import { LoudnessMeter } from '../../bridge/engine/meters/loudness/meter.js';
import { RATE, TECH_3341, TECH_3342, type EbuCase } from './ebu-cases.js';

/** Runs the meter over a case, reading every 10 ms; returns the readings' M and S with times. */
function run(c: EbuCase): { meter: LoudnessMeter; m: [number, number][]; s: [number, number][]; tp: number } {
  const meter = new LoudnessMeter(RATE, c.channels.length);
  const m: [number, number][] = [];
  const s: [number, number][] = [];
  const len = c.channels[0]?.length ?? 0;
  const hop = meter.subFrames;
  let tp = -Infinity;
  for (let at = 0; at < len; at += hop) {
    meter.process(c.channels, at, Math.min(len, at + hop));
    const r = meter.read();
    m.push([(at + hop) / RATE, r.momentary]);
    s.push([(at + hop) / RATE, r.shortTerm]);
    // The generated files start abruptly; that onset is itself an overshoot of the band-limited
    // reconstruction (+0.7 dB at fs/8), which is not what the cases measure: skip the first 100 ms.
    if (at >= RATE / 10) tp = Math.max(tp, ...r.truePeakDb);
  }
  return { meter, m, s, tp };
}

const spread = (xs: readonly [number, number][], after: number, until: number): [number, number] => {
  const v = xs.filter(([t]) => t >= after && t <= until).map(([, x]) => x);
  return [Math.min(...v), Math.max(...v)];
};

describe('EBU Tech 3341 compliance cases (tolerance ±0.1 LU; true peak +0.2 / -0.4 dB)', () => {
  it.each(TECH_3341.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const { meter, m, s, tp } = run(c);
    const r = meter.read();
    const e = c.expect;
    const len = (c.channels[0]?.length ?? 0) / RATE;
    console.log(`${c.name}: I ${r.integrated.toFixed(3)} M ${r.momentary.toFixed(3)} S ${r.shortTerm.toFixed(3)} TP ${tp.toFixed(3)}`);
    if (e.integrated !== undefined) expect(Math.abs(r.integrated - e.integrated)).toBeLessThanOrEqual(0.1);
    if (e.momentary !== undefined) expect(Math.abs(r.momentary - e.momentary)).toBeLessThanOrEqual(0.1);
    if (e.shortTerm !== undefined) expect(Math.abs(r.shortTerm - e.shortTerm)).toBeLessThanOrEqual(0.1);
    if (e.momentaryConst !== undefined) {
      const [lo, hi] = spread(m, e.momentaryConst.after, len);
      expect(Math.max(Math.abs(lo - e.momentaryConst.value), Math.abs(hi - e.momentaryConst.value))).toBeLessThanOrEqual(0.1);
    }
    if (e.shortConst !== undefined) {
      const [lo, hi] = spread(s, e.shortConst.after, len);
      expect(Math.max(Math.abs(lo - e.shortConst.value), Math.abs(hi - e.shortConst.value))).toBeLessThanOrEqual(0.1);
    }
    if (e.truePeak !== undefined) {
      expect(tp).toBeLessThanOrEqual(e.truePeak + 0.2);
      expect(tp).toBeGreaterThanOrEqual(e.truePeak - 0.4);
    }
  });
});

describe('EBU Tech 3342 loudness range cases (tolerance ±1 LU)', () => {
  it.each(TECH_3342.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const { meter } = run(c);
    const r = meter.read();
    console.log(`${c.name}: LRA ${r.range.toFixed(3)}`);
    expect(Math.abs(r.range - (c.expect.range ?? 0))).toBeLessThanOrEqual(1);
  });
});
