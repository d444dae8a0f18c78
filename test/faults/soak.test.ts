/**
 * The soak (bench/soak.ts) for a few seconds: mixed OSC, serial and MIDI traffic into one daemon,
 * then the rule that matters most: every control ends on the last value its source sent.
 * Wall-clock figures (memory, event-loop delay, rates) are printed, never asserted: this runs on
 * loaded CI machines. The ten-minute run is `soakSection()` with its default duration.
 */
import { describe, expect, it } from 'vitest';
import { soakSection } from '../../bench/soak.js';

describe('soak (short)', () => {
  it('mixed traffic for ~12 s: no crash, values lost 0, the engine in step with the store', { timeout: 180_000 }, async () => {
    const lines = await soakSection({ seconds: 12 });
    console.log(lines.join('\n'));
    const lost = lines.map((l) => /\*\*Values lost: (\d+)\*\* of (\d+) controls/.exec(l)).find((m) => m !== null);
    expect(lost, lines.join('\n')).toBeDefined();
    expect(Number(lost?.[2])).toBe(47);
    expect(Number(lost?.[1]), lines.join('\n')).toBe(0);
    expect(lines.join('\n')).toMatch(/the engine out of step with the store: 0\./);
  });
});
