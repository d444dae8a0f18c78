import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ANCHOR_READINGS, SETTLE_READINGS, SleepGate, type GateVerdict } from '../../../bridge/core/serial/condition/sleep.js';
import { restingReadings } from '../noise.js';

const kinds = (gate: SleepGate, readings: readonly number[]): GateVerdict['kind'][] => readings.map((r) => gate.update(r).kind);

describe('SleepGate', () => {
  it('starts asleep on the first reading and holds through small noise', () => {
    const gate = new SleepGate(4);
    expect(kinds(gate, [500, 502, 498, 501, 503, 497, 500])).toEqual(Array(7).fill('hold'));
    expect(gate.asleep).toBe(true);
  });

  it('wakes at once on a jump of more than twice the threshold', () => {
    const gate = new SleepGate(4);
    gate.update(500);
    expect(gate.update(509).kind).toBe('follow');
    expect(gate.asleep).toBe(false);
  });

  it('wakes on sustained movement smaller than the jump threshold', () => {
    const gate = new SleepGate(4);
    gate.update(500);
    const ks = kinds(gate, Array(10).fill(506));
    expect(ks.slice(0, 2)).toEqual(['hold', 'hold']); // the average needs a few readings to pass 4
    expect(ks).toContain('follow');
  });

  it('does not wake on a sustained shift of exactly the threshold (the rule is "more than")', () => {
    const gate = new SleepGate(4);
    gate.update(500);
    expect(kinds(gate, Array(500).fill(504))).not.toContain('follow');
  });

  it(`settles once on the mean of the resting readings after ${SETTLE_READINGS} still readings`, () => {
    const gate = new SleepGate(4);
    gate.update(100);
    gate.update(300); // wake
    const rest = Array.from({ length: SETTLE_READINGS + 5 }, (_, i) => (i % 2 === 0 ? 299 : 301));
    const verdicts = rest.map((r) => gate.update(r));
    const settles = verdicts.filter((v) => v.kind === 'settle');
    expect(settles).toEqual([{ kind: 'settle', anchor: 300 }]);
    expect(verdicts.at(-1)?.kind).toBe('hold');
  });

  it('a slow turn still wakes it: the anchor stops following after ANCHOR_READINGS', () => {
    const gate = new SleepGate(4);
    const slow = Array.from({ length: 2000 }, (_, i) => 500 + Math.floor(i / 20)); // 5 counts/s at 100 reports/s
    const ks = kinds(gate, slow);
    const firstWake = ks.indexOf('follow');
    expect(firstWake).toBeGreaterThan(ANCHOR_READINGS);
    expect(firstWake).toBeLessThan(300);
  });

  it('threshold 0 disables sleep', () => {
    const gate = new SleepGate(0);
    expect(kinds(gate, [1, 1, 1, 1])).toEqual(['follow', 'follow', 'follow', 'follow']);
    expect(gate.asleep).toBe(false);
  });

  it('reset starts afresh (asleep on the next reading)', () => {
    const gate = new SleepGate(4);
    gate.update(0);
    gate.update(1000);
    gate.reset();
    expect(gate.update(1000).kind).toBe('hold');
  });

  it('1.5 LSB of Gaussian noise never wakes the 10-bit threshold in 60 s at 100 reports/s (fixed seeds)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const gate = new SleepGate(4);
      expect(kinds(gate, restingReadings(10, 1.5, 300.5 + seed, 6000, seed))).not.toContain('follow');
    }
  });

  it('property: noise bounded by ±b never wakes a threshold of 2b', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1023 }), fc.integer({ min: 1, max: 8 }), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 400 }), (centre, b, noise) => {
        const gate = new SleepGate(2 * b);
        return noise.every((n) => gate.update(centre + b * n).kind === 'hold');
      }),
    );
  });
});
