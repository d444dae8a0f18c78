import { describe, expect, it } from 'vitest';
import { demoLoop } from '../../bridge/engine/source/demo.js';
import { differenceDb } from './signal.js';

const peakDb = (x: Float32Array): number => 20 * Math.log10(x.reduce((m, v) => Math.max(m, Math.abs(v)), 0));

describe('demo loop', () => {
  const [l, r] = demoLoop(48000);

  it('is deterministic: the same samples twice', () => {
    const [l2, r2] = demoLoop(48000);
    expect(Buffer.from(l2.buffer).equals(Buffer.from(l.buffer))).toBe(true);
    expect(Buffer.from(r2.buffer).equals(Buffer.from(r.buffer))).toBe(true);
  });

  it('is 8 s of stereo with a peak within -12..-1 dBFS and no NaN', () => {
    expect(l.length).toBe(8 * 48000);
    expect(r.length).toBe(l.length);
    const peak = Math.max(peakDb(l), peakDb(r));
    expect(peak).toBeGreaterThan(-12);
    expect(peak).toBeLessThan(-1);
    expect(l.some(Number.isNaN) || r.some(Number.isNaN)).toBe(false);
  });

  it('is stereo: left and right differ (so width is audible)', () => {
    expect(differenceDb(l, r)).toBeGreaterThan(-20);
  });

  it('follows the sample rate', () => {
    expect(demoLoop(44100)[0].length).toBe(8 * 44100);
  });
});
