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
 * A frequency or Q does nothing while its band's gain is 0 dB, so those are compared with the band
 * boosted by 12 dB in both renders.
 */
function baseline(d: ParamDescriptor): Map<string, number> {
  const m = /^eq\.(\w+)\.(freq|q)$/.exec(d.id);
  return m === null ? new Map() : new Map([[`eq.${m[1]}.gain`, 12]]);
}

async function render(values: Map<string, number>): Promise<readonly Float32Array[]> {
  return (await renderChainOffline({ source: { kind: 'demo' }, seconds: 1, values })).channels;
}

describe('every parameter changes the sound', () => {
  it.each(CHAIN_PARAMS.map((d) => [d.id, d] as const))('%s', async (_id, d) => {
    const base = baseline(d);
    const ref = await render(base);
    const moved = await render(new Map([...base, [d.id, farEnd(d)]]));
    // How much of the signal the change altered, per channel: -30 dB is 3 % of its amplitude, far
    // above rounding (two renders of the same values differ by nothing at all).
    const diffs = ref.map((r, ch) => differenceDb(r, moved[ch] ?? new Float32Array(), SKIP));
    console.log(`${d.id} → ${farEnd(d)} ${d.unit}: difference L ${diffs[0]?.toFixed(1)} dB, R ${diffs[1]?.toFixed(1)} dB`);
    expect(Math.max(...diffs)).toBeGreaterThan(-30);
  });

  it('two renders of the same values are identical, so the differences above are the parameters\'', async () => {
    const a = await render(new Map());
    const b = await render(new Map());
    a.forEach((ch, i) => expect(Buffer.from(ch.buffer).equals(Buffer.from((b[i] ?? new Float32Array()).buffer))).toBe(true));
  });

  it('the moved value is really different from the default for every parameter', () => {
    for (const d of CHAIN_PARAMS) expect(farEnd(d)).not.toBe(d.default);
  });
});
