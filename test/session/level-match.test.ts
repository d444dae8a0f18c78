import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../bridge/core/clock.js';
import { ParamStore } from '../../bridge/core/param/store.js';
import { ok } from '../../bridge/core/result.js';
import { dbToGain, db } from '../../bridge/core/units.js';
import { CHAIN_PARAMS } from '../../bridge/engine/chain/params.js';
import type { MeterFrame } from '../../bridge/engine/interface.js';
import { LoudnessMeter } from '../../bridge/engine/meters/loudness/meter.js';
import { Biquad, type BiquadCoefs } from '../../bridge/engine/dsp/biquad.js';
import { demoLoop } from '../../bridge/engine/source/demo.js';
import { CompareService, type MatchOptions } from '../../bridge/session/compare/compare.js';
import { matchGains, offsets } from '../../bridge/session/compare/level-match.js';
import { History } from '../../bridge/session/history/history.js';
import { Meters } from './fixtures.js';

const RATE = 48000;
const SECONDS = 8; // the demo loop's length
const FRAME = RATE / 10; // a meter frame every 100 ms, as the engine's worklet meter reports

/** The engine's meter over a stream (frames carry loudness), emitted as MeterFrames. */
function* meterFrames(meter: LoudnessMeter, channels: readonly Float32Array[], t0: number, withLoudness: boolean): Generator<MeterFrame> {
  const n = channels[0]?.length ?? 0;
  for (let i = 0; i + FRAME <= n; i += FRAME) {
    meter.process(channels, i, i + FRAME);
    const r = meter.read();
    const base = { t: t0 + (i + FRAME) / RATE, peakDb: r.samplePeakDb, rmsDb: r.rmsDb };
    yield withLoudness
      ? { ...base, loudness: { momentary: r.momentary, shortTerm: r.shortTerm, integrated: r.integrated, range: r.range, maxMomentary: r.maxMomentary, maxShortTerm: r.maxShortTerm, truePeakDb: r.truePeakDb, truePeakMaxDb: r.truePeakMaxDb, correlation: r.correlation, reductionDb: { dyneq: 0, comp: 0, limiter: 0 } } }
      : base;
  }
}

/** Integrated loudness of a rendering played through a monitor gain (dB). */
function monitorLoudness(channels: readonly Float32Array[], gainDb: number): number {
  const g = dbToGain(db(gainDb));
  const scaled = channels.map((c) => c.map((x) => x * g));
  const m = new LoudnessMeter(RATE);
  m.process(scaled);
  return m.read().integrated;
}

/** Peaking EQ, RBJ Audio EQ Cookbook. */
function peaking(hz: number, gainDb: number, q: number): BiquadCoefs {
  const A = 10 ** (gainDb / 40);
  const w = (2 * Math.PI * hz) / RATE;
  const alpha = Math.sin(w) / (2 * q);
  const a0 = 1 + alpha / A;
  return { b0: (1 + alpha * A) / a0, b1: (-2 * Math.cos(w)) / a0, b2: (1 - alpha * A) / a0, a1: (-2 * Math.cos(w)) / a0, a2: (1 - alpha / A) / a0 };
}

/**
 * A snapshot's sound, as meter math: the demo loop (8 s, the engine's own source) through an
 * output gain and an optional peaking EQ, in double precision. The chain is simplified to what
 * moves loudness; the meter is the engine's own BS.1770 meter (engine/meters/loudness).
 */
type Snap = { readonly gainDb: number; readonly eq?: { readonly hz: number; readonly db: number } };
function render(snap: Snap): { channels: Float32Array[]; values: Record<string, number> } {
  const g = dbToGain(db(snap.gainDb));
  const channels = demoLoop(RATE).map((ch) => {
    const f = snap.eq === undefined ? undefined : new Biquad(peaking(snap.eq.hz, snap.eq.db, 1));
    return ch.map((x) => (f === undefined ? x : f.step(x)) * g);
  });
  const values: Record<string, number> = { 'output.gain': snap.gainDb, ...(snap.eq === undefined ? {} : { 'eq.band2.freq': snap.eq.hz, 'eq.band2.gain': snap.eq.db }) };
  return { channels, values };
}

/**
 * A/B as the daemon does it: the compare service switches snapshots through the store and reads
 * the engine's meter frames (here the engine's LoudnessMeter over the rendered snapshots, one
 * continuous stream: A then B), then sets the monitor gain. The check is at the monitor: each
 * rendering times its monitor gain, measured again.
 */
function abAtMonitor(sa: Snap, sb: Snap, match: MatchOptions, withLoudness = true) {
  const ra = render(sa);
  const rb = render(sb);
  const a = ra.values;
  const b = rb.values;
  const store = new ParamStore(CHAIN_PARAMS, new ManualClock());
  const history = new History(store, { wallClock: Date.now });
  const meters = new Meters();
  const monitor: number[] = [];
  const meter = new LoudnessMeter(RATE);
  const compare = new CompareService({
    store,
    history,
    meters,
    monitor: (g) => monitor.push(g),
    resetLoudness: () => meter.reset(),
    snapshotValues: (_t, name) => ok({ track: 'main', values: name === 'A' ? a : b }),
  });
  expect(compare.start({ mode: 'snapshots', slots: ['A', 'B'], match }).ok).toBe(true);
  for (const f of meterFrames(meter, ra.channels, 0, withLoudness)) meters.emit(f);
  expect(compare.select('B').ok).toBe(true);
  expect(store.get('output.gain')).toBe(b['output.gain'] ?? 0);
  for (const f of meterFrames(meter, rb.channels, SECONDS, withLoudness)) meters.emit(f);
  const state = compare.state();
  if (!state.active) throw new Error('compare stopped');
  const gain = (slot: string) => state.slots.find((s) => s.name === slot)?.gainDb ?? NaN;
  const before = monitorLoudness(ra.channels, 0) - monitorLoudness(rb.channels, 0);
  const after = monitorLoudness(ra.channels, gain('A')) - monitorLoudness(rb.channels, gain('B'));
  return { state, before, after, monitor, gainA: gain('A'), gainB: gain('B'), compare };
}

describe('level-matched A/B', () => {
  it('two snapshots 6 dB apart play within 0.2 LU of each other at the monitor (short-term, 3 s)', () => {
    const r = abAtMonitor({ gainDb: 0 }, { gainDb: -6 }, { method: 'short-term', windowS: 3 });
    console.log(`level match, 6 dB output gain: before ${r.before.toFixed(3)} LU, after ${r.after.toFixed(3)} LU; monitor gains A ${r.gainA.toFixed(3)} dB, B ${r.gainB.toFixed(3)} dB`);
    expect(r.before).toBeGreaterThan(5.8);
    expect(r.state).toMatchObject({ matched: true, selected: 'B', monitor: 'engine' });
    expect(Math.abs(r.after)).toBeLessThan(0.2);
    // Matching turns the louder one down, never the quieter one up; the offset is shown.
    expect(r.gainB).toBe(0);
    expect(r.gainA).toBeLessThan(-5.8);
    expect(r.state.active && r.state.slots.find((s) => s.name === 'A')?.offsetLu).toBeCloseTo(-r.gainA, 6);
    // The monitor is at B's gain (0 dB) after its measurement; switching back to A applies A's.
    r.compare.select('A');
    expect(r.monitor.at(-1)).toBeCloseTo(r.gainA, 6);
    r.compare.stop();
    expect(r.monitor.at(-1)).toBe(0);
  });

  it('two snapshots with different EQ and gain (about 6 dB apart) match within 0.2 LU too', () => {
    const r = abAtMonitor({ gainDb: 0, eq: { hz: 2000, db: 6 } }, { gainDb: -5, eq: { hz: 150, db: -4 } }, { method: 'short-term', windowS: 3 });
    console.log(`level match, EQ + gain: before ${r.before.toFixed(3)} LU, after ${r.after.toFixed(3)} LU`);
    expect(Math.abs(r.before)).toBeGreaterThan(4);
    expect(Math.abs(r.after)).toBeLessThan(0.2);
  });

  it('integrated over a pass, and the RMS fallback of an engine without loudness, match a gain difference too', () => {
    const integ = abAtMonitor({ gainDb: 0 }, { gainDb: -6 }, { method: 'integrated', windowS: 5 });
    const rms = abAtMonitor({ gainDb: 0 }, { gainDb: -6 }, { method: 'short-term', windowS: 3 }, false);
    console.log(`level match: integrated ${integ.after.toFixed(3)} LU, rms fallback ${rms.after.toFixed(3)} LU`);
    expect(Math.abs(integ.after)).toBeLessThan(0.2);
    expect(Math.abs(rms.after)).toBeLessThan(0.2);
    expect(rms.state.active && rms.state.slots.map((s) => s.source)).toEqual(['rms', 'rms']);
  });
});

describe('level matching, pure', () => {
  it('gains bring every state to the quietest; null until all are measured', () => {
    expect(matchGains(new Map([['A', -10], ['B', null]]))).toBeNull();
    expect(Object.fromEntries(matchGains(new Map([['A', -10], ['B', -16], ['C', -12]])) ?? [])).toEqual({ A: -6, B: 0, C: -4 });
    expect(Object.fromEntries(offsets(new Map([['A', -10], ['B', null]])))).toEqual({ A: 0, B: null });
  });

  it('match off: no gain; bypass mode switches every module bypass and back', async () => {
    const store = new ParamStore(CHAIN_PARAMS, new ManualClock());
    const history = new History(store, { wallClock: Date.now });
    const monitor: number[] = [];
    store.set('hpf.bypass', 0, { kind: 'api' });
    const compare = new CompareService({ store, history, meters: new Meters(), monitor: (g) => monitor.push(g), snapshotValues: () => ok({ track: 't', values: {} }) });
    expect(compare.start({ mode: 'bypass', match: { method: 'off', windowS: 3 } }).ok).toBe(true);
    compare.select('bypass');
    const bypasses = CHAIN_PARAMS.filter((d) => d.id.endsWith('.bypass'));
    expect(bypasses.every((d) => store.get(d.id) === 1)).toBe(true);
    compare.select('chain');
    expect(store.get('hpf.bypass')).toBe(0);
    expect(store.get('eq.bypass')).toBe(0);
    expect(compare.select('C').ok).toBe(false);
    compare.select('bypass');
    compare.stop();
    expect(store.get('eq.bypass')).toBe(0);
    expect(monitor.every((g) => g === 0)).toBe(true);
    expect(history.view().steps.map((s) => s.label)).toEqual(['hpf.bypass', 'compare bypass', 'compare chain', 'compare bypass', 'compare chain']);
  });
});
