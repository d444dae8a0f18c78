import { describe, expect, it } from 'vitest';
import type { ParamDescriptor } from '../../bridge/core/param/descriptor.js';
import { CHAIN_PARAMS } from '../../bridge/engine/chain/params.js';
import { renderChainOffline } from '../../bridge/engine/webaudio/offline.js';
import { differenceDb } from './signal.js';

const SKIP = 4800; // 100 ms of filter settling

/** The end of the range farther from the default (in the parameter's own scale). */
function farEnd(d: ParamDescriptor): number {
  const pos = (v: number): number => (d.scale === 'log' ? Math.log(v) : v);
  return Math.abs(pos(d.max) - pos(d.default)) >= Math.abs(pos(d.min) - pos(d.default)) ? d.max : d.min;
}

/**
 * The setting under which a parameter can be heard, used in both renders: a frequency, Q or mode
 * does nothing while its band's gain is 0 dB, a compressor time or ratio nothing while nothing
 * crosses the threshold, a limiter release nothing while nothing hits the ceiling. These are the
 * conditions an engineer would also need; the test checks the parameter acts under them.
 */
function baseline(d: ParamDescriptor): [string, number][] {
  const [module, key] = d.id.split('.');
  const eqBand = /^eq\.(\w+)\.(freq|q|mode)$/.exec(d.id);
  if (eqBand !== null) return [[`eq.${eqBand[1]}.gain`, 12]];
  switch (module) {
    case 'hpf':
      return [['hpf.bypass', key === 'bypass' ? 1 : 0], ['hpf.freq', key === 'freq' ? 30 : 150]];
    case 'eq':
      return key === 'bypass' ? [['eq.band1.gain', 12]] : [];
    case 'dyneq':
      // A loud band: 150 Hz is where the demo's bass and kick live.
      return [['dyneq.threshold', -40], ['dyneq.freq', key === 'freq' ? 6000 : 150], ['dyneq.ratio', key === 'ratio' ? 2 : 8], ['input.gain', 6]];
    case 'comp':
      return [['comp.threshold', -30], ['comp.ratio', key === 'ratio' ? 2 : 8], ['comp.knee', key === 'knee' ? 0 : 6]];
    case 'stereo':
      return key === 'bypass' ? [['stereo.width', 0]] : [];
    case 'limiter':
      return [['input.gain', 18], ['limiter.lookahead', key === 'lookahead' ? 0.5 : 5]];
    default:
      return [];
  }
}

async function render(values: Map<string, number>): Promise<readonly Float32Array[]> {
  return (await renderChainOffline({ source: { kind: 'demo' }, seconds: 0.5, values })).channels;
}

/** Reference renders by baseline: many parameters share one (renders are deterministic, below). */
const refs = new Map<string, Promise<readonly Float32Array[]>>();
function reference(base: Map<string, number>): Promise<readonly Float32Array[]> {
  const key = JSON.stringify([...base].sort());
  const hit = refs.get(key) ?? render(base);
  refs.set(key, hit);
  return hit;
}

describe('every parameter changes the sound', () => {
  it.each(CHAIN_PARAMS.map((d) => [d.id, d] as const))('%s', async (_id, d) => {
    const base = new Map(baseline(d));
    const ref = await reference(base);
    const moved = await render(new Map([...base, [d.id, farEnd(d)]]));
    // How much of the signal the change altered, per channel: -40 dB is 1 % of its amplitude, far
    // above rounding (two renders of the same values differ by nothing at all).
    const diffs = ref.map((r, ch) => differenceDb(r, moved[ch] ?? new Float32Array(), SKIP));
    console.log(`${d.id} → ${farEnd(d)} ${d.unit}: difference L ${diffs[0]?.toFixed(1)} dB, R ${diffs[1]?.toFixed(1)} dB`);
    expect(Math.max(...diffs)).toBeGreaterThan(-40);
  });

  it("two renders of the same values are identical, so the differences above are the parameters'", async () => {
    const a = await render(new Map());
    const b = await render(new Map());
    a.forEach((ch, i) => expect(Buffer.from(ch.buffer).equals(Buffer.from((b[i] ?? new Float32Array()).buffer))).toBe(true));
  });

  it('the moved value is really different from the default for every parameter', () => {
    for (const d of CHAIN_PARAMS) expect(farEnd(d)).not.toBe(d.default);
  });
});
