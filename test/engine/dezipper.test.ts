import { describe, expect, it } from 'vitest';
import { db, dbToGain } from '../../bridge/core/units.js';
import { CRITICAL_DAMPING_Q_DB, LEVEL_SMOOTHING_HZ } from '../../bridge/engine/chain/smoothing.js';
import { holdSegment, LEVEL_RAMP, valueAt, type Segment } from '../../bridge/engine/ramp/ramp.js';
import { renderChainOffline, type TimedChange } from '../../bridge/engine/webaudio/offline.js';
import { constant, maxStep, sine } from './signal.js';
import { spuriousDbc } from './spectrum.js';

const RATE = 48000;
const DC = 0.5;

/** The gain envelope the chain applied: output divided by a constant input. */
async function envelope(changes: readonly TimedChange[], input = constant(DC, RATE)): Promise<Float32Array> {
  const out = await renderChainOffline({ source: { kind: 'pcm', sampleRate: RATE, channels: [input, input] }, seconds: 1, changes });
  const l = out.channels[0] ?? new Float32Array();
  return l.map((v) => v / DC);
}

/**
 * The chain's control low-pass (chain/smoothing.ts) as the Web Audio spec defines a lowpass biquad
 * (Q in dB), in double precision, starting at rest like the node.
 */
function lowpass(x: Float64Array): Float64Array {
  const w0 = (2 * Math.PI * LEVEL_SMOOTHING_HZ) / RATE;
  const alpha = Math.sin(w0) / (2 * 10 ** (CRITICAL_DAMPING_Q_DB / 20));
  const a0 = 1 + alpha;
  const [b0, b1, b2] = [(1 - Math.cos(w0)) / 2 / a0, (1 - Math.cos(w0)) / a0, (1 - Math.cos(w0)) / 2 / a0];
  const [a1, a2] = [(-2 * Math.cos(w0)) / a0, (1 - alpha) / a0];
  const y = new Float64Array(x.length);
  let [x1, x2, y1, y2] = [0, 0, 0, 0];
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] ?? 0;
    const yi = b0 * xi + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
    [x2, x1, y2, y1] = [x1, xi, y1, yi];
    y[i] = yi;
  }
  return y;
}

/**
 * Largest per-sample change an exponential ramp from g0 to g1 over LEVEL_RAMP can make. The
 * critically damped low-pass after it only slows it (its impulse response is never negative).
 */
const rampBound = (g0: number, g1: number): number => (Math.abs(Math.log(g1 / g0)) * Math.max(g0, g1)) / (LEVEL_RAMP * RATE);

describe('de-zippering: a gain change is a ramp, never a step', () => {
  it('one change 0 → -12 dB moves no faster than the ramp allows, and arrives', async () => {
    const env = await envelope([{ at: 0.3, id: 'output.gain', value: -12 }]);
    const bound = rampBound(1, dbToGain(db(-12)));
    const { step } = maxStep(env);
    console.log(`single change: max step ${step.toExponential(3)} (ramp bound ${bound.toExponential(3)}, a hard step is 0.749)`);
    expect(step).toBeLessThanOrEqual(bound * 1.01);
    // Arrived within the ramp plus the low-pass settling (100 ms: 19 time constants).
    expect(env[Math.round((0.3 + LEVEL_RAMP + 0.1) * RATE)]).toBeCloseTo(dbToGain(db(-12)), 5);
    expect(env[Math.round(0.3 * RATE) - 1]).toBeCloseTo(1, 6);
  });

  it('the same measure fails on a hard step (so the test can fail)', async () => {
    const stepped = constant(DC, RATE);
    stepped.fill(DC * dbToGain(db(-12)), Math.round(0.3 * RATE));
    const env = await envelope([], stepped);
    expect(maxStep(env).step).toBeGreaterThan(100 * rampBound(1, dbToGain(db(-12))));
  });

  it('retargets mid-ramp (7-bit knob, one message per 5 ms) follow the model sample by sample', async () => {
    const stepDb = 48 / 127;
    const changes: TimedChange[] = Array.from({ length: 32 }, (_, k) => ({ at: 0.2 + 0.005 * k, id: 'output.gain', value: -(k + 1) * stepDb }));
    const env = await envelope(changes);
    // The model: each change restarts an exponential ramp from wherever the previous one is, and
    // the control low-pass smooths its departure from the starting level (1).
    let seg: Segment = holdSegment(1, 0);
    const segs = changes.map((c) => {
      const from = valueAt(seg, c.at);
      seg = { from, to: dbToGain(db(c.value)), t0: c.at, t1: c.at + LEVEL_RAMP, shape: 'exponential' };
      return seg;
    });
    const ramps = Float64Array.from({ length: env.length }, (_, i) => {
      const t = i / RATE;
      return valueAt([...segs].reverse().find((x) => x.t0 <= t) ?? holdSegment(1, 0), t) - 1;
    });
    const model = lowpass(ramps).map((v) => 1 + v);
    let worst = 0;
    for (let i = 0; i < env.length; i++) worst = Math.max(worst, Math.abs((env[i] ?? 0) - (model[i] ?? 0)));
    const { step } = maxStep(env);
    console.log(`7-bit retargets: max step ${step.toExponential(3)}, max deviation from the model ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-4);
    expect(step).toBeLessThanOrEqual(rampBound(1, dbToGain(db(-12))) * 1.01);
  });

  it('a 7-bit sweep of a 1 kHz tone: spurious energy far below a raw staircase', async () => {
    const tone = sine(1000, DC, RATE, RATE); // 1000 whole cycles: the loop is seamless
    const stepDb = 48 / 127;
    const updates = 33; // 0 → -12 dB in 0.5 s, one message per ~15 ms, quantised to 7 bits
    const changes: TimedChange[] = Array.from({ length: updates }, (_, k) => ({
      at: 0.5 + (0.5 * (k + 1)) / updates,
      id: 'output.gain',
      value: Math.round((-12 * (k + 1)) / updates / stepDb) * stepDb,
    }));
    const out = await renderChainOffline({ source: { kind: 'pcm', sampleRate: 1 * RATE, channels: [tone, tone] }, seconds: 2, changes });
    const size = 65536;
    const start = Math.round(0.75 * RATE - size / 2);
    const ramped = spuriousDbc(out.channels[0] ?? new Float32Array(), start, size, RATE, 1000);

    // The same gain values applied as raw steps (no smoothing at all), computed directly.
    const long = sine(1000, DC, RATE, 2 * RATE);
    for (let i = 0; i < long.length; i++) {
      const last = [...changes].reverse().find((c) => c.at <= i / RATE);
      long[i] = (long[i] ?? 0) * (last === undefined ? 1 : dbToGain(db(last.value)));
    }
    const raw = spuriousDbc(long, start, size, RATE, 1000);
    console.log(`7-bit sweep 0 → -12 dB: ramped ${ramped.toFixed(1)} dBc, raw staircase ${raw.toFixed(1)} dBc`);
    expect(raw).toBeGreaterThan(-50);
    expect(ramped).toBeLessThan(-100); // DESIGN.md's goal
    expect(ramped).toBeLessThan(raw - 50);
  });
});
