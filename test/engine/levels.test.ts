import { describe, expect, it } from 'vitest';
import { renderChainOffline } from '../../bridge/engine/webaudio/offline.js';
import { rmsDb } from './signal.js';

const SECONDS = 1;
const SKIP = 4800; // 100 ms: let the filters settle

async function outputRmsDb(values: ReadonlyMap<string, number>): Promise<number[]> {
  const out = await renderChainOffline({ source: { kind: 'demo' }, seconds: SECONDS, values });
  return out.channels.map((c) => rmsDb(c, SKIP));
}

describe('offline chain levels', () => {
  it.each(['output.gain', 'input.gain'])('%s at -6 dB lowers the output RMS by 6.0 dB', async (id) => {
    const ref = await outputRmsDb(new Map([[id, 0]]));
    const cut = await outputRmsDb(new Map([[id, -6]]));
    const deltas = ref.map((r, ch) => (cut[ch] ?? 0) - r);
    console.log(`${id}: RMS delta L ${deltas[0]?.toFixed(4)} dB, R ${deltas[1]?.toFixed(4)} dB`);
    for (const d of deltas) expect(d).toBeCloseTo(-6, 1);
  });

  it('the chain at its defaults passes the demo through at unity (within 0.01 dB)', async () => {
    const out = await renderChainOffline({ source: { kind: 'demo' }, seconds: SECONDS });
    const { demoLoop } = await import('../../bridge/engine/source/demo.js');
    const [l, r] = demoLoop(48000);
    expect(rmsDb(out.channels[0] ?? new Float32Array(), SKIP) - rmsDb(l.subarray(0, 48000), SKIP)).toBeCloseTo(0, 2);
    expect(rmsDb(out.channels[1] ?? new Float32Array(), SKIP) - rmsDb(r.subarray(0, 48000), SKIP)).toBeCloseTo(0, 2);
  });
});
