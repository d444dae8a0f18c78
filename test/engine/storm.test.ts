import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHAIN_PARAMS } from '../../bridge/engine/chain/params.js';
import { renderChainOffline, type TimedChange } from '../../bridge/engine/webaudio/offline.js';

/** A storm of moves on every parameter at once, from min to max and back, faster than the ramps. */
const storm = fc.array(
  fc.record({
    at: fc.double({ min: 0.01, max: 0.49, noNaN: true }),
    param: fc.integer({ min: 0, max: CHAIN_PARAMS.length - 1 }),
    pos: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  { minLength: 50, maxLength: 200 },
);

describe('parameter storms', () => {
  it('leave the output finite and deterministic', async () => {
    await fc.assert(
      fc.asyncProperty(storm, async (moves) => {
        const changes: TimedChange[] = moves.map(({ at, param, pos }) => {
          const d = CHAIN_PARAMS[param] ?? CHAIN_PARAMS[0];
          if (d === undefined) throw new Error('no parameters');
          const value = d.scale === 'log' ? d.min * (d.max / d.min) ** pos : d.min + pos * (d.max - d.min);
          return { at, id: d.id, value };
        });
        const a = await renderChainOffline({ source: { kind: 'demo' }, seconds: 0.5, changes });
        const b = await renderChainOffline({ source: { kind: 'demo' }, seconds: 0.5, changes });
        a.channels.forEach((ch, i) => {
          expect(ch.every(Number.isFinite)).toBe(true);
          expect(Buffer.from(ch.buffer).equals(Buffer.from((b.channels[i] ?? new Float32Array()).buffer))).toBe(true);
        });
      }),
      // Each run renders twice through the worklets (about a second each on this machine).
      { numRuns: 4 },
    );
  }, 120_000);
});
