import { describe, expect, it } from 'vitest';
import { CalibrationSession } from '../../bridge/core/serial/calibration-session.js';
import { gaussian } from '../serial/noise.js';

/** A 10-bit box with a linear fader on channel 0, an audio-taper pot on 1 and a switch on 2. */
const describeChannel = (name: string) =>
  ({ '0': { control: 'fader/1', kind: 'fader' as const }, '1': { control: 'knob/1', kind: 'pot' as const }, '2': { control: 'switch/1', kind: 'switch' as const } })[name] ?? null;

describe('CalibrationSession', () => {
  it('measures rest noise, the travel and the taper, and gives filter settings from the noise', () => {
    const s = new CalibrationSession(describeChannel);
    const noise = gaussian(7);
    const noisy = (x: number) => Math.round(x + 1.5 * noise());
    // rest: 3 s at 100 reports/s
    for (let i = 0; i < 300; i++) {
      s.observe('0', noisy(500), 10);
      s.observe('1', noisy(100), 10);
      s.observe('2', 340, 10);
    }
    expect(s.next()).toBe('sweep');
    // sweep: the fader's wiper only reaches 12..1010; the pot 3..1020; the switch 0..1023
    for (let x = 0; x <= 1; x += 0.001) {
      s.observe('0', noisy(12 + x * 998), 10);
      s.observe('1', noisy(3 + x * 1017), 10);
      s.observe('2', Math.round(x * 1023), 10);
    }
    expect(s.next()).toBe('centre');
    // centre: the audio-taper pot at 12 o'clock reads 15 % of its travel
    s.observe('1', 3 + 0.15 * 1017, 10);
    s.observe('0', 511, 10);
    const view = s.view();
    expect(view.map((c) => [c.name, c.control, c.taper])).toEqual([
      ['0', 'fader/1', null],
      ['1', 'knob/1', 'audio'],
      ['2', 'switch/1', null],
    ]);
    expect(s.next()).toBe('done');
    const r = s.result();
    const fader = r.get('0');
    const pot = r.get('1');
    // Ends move inward by the noise's peak to peak, so the stops stay reachable.
    expect(fader?.min).toBeGreaterThan(12);
    expect(fader?.min).toBeLessThan(27);
    expect(fader?.max).toBeLessThan(1010);
    expect(fader?.max).toBeGreaterThan(994);
    expect(fader?.taper).toBeNull(); // faders are linear: no taper from the centre phase
    expect(fader?.noise?.sd).toBeGreaterThan(1.2);
    expect(fader?.noise?.sd).toBeLessThan(1.8);
    expect(fader?.filter?.sleep).toBeGreaterThan(0);
    expect(pot?.taper?.[0]).toBe(0);
    expect(pot?.taper?.[10]).toBe(1);
    expect(pot?.taper?.[5]).toBeCloseTo(0.15, 1);
    expect(r.get('2')?.filter).toBeUndefined(); // switches are never smoothed
  });

  it('leaves out channels that did not move through enough of their travel, and channels the profile ignores', () => {
    const s = new CalibrationSession(describeChannel);
    s.observe('0', 500, 10);
    s.observe('9', 500, 10);
    s.next();
    s.observe('0', 600, 10); // a tenth of the travel
    s.observe('9', 1023, 10);
    s.next();
    s.next();
    expect([...s.result().keys()]).toEqual([]);
    expect(s.view().find((c) => c.name === '9')?.control).toBeNull();
  });
});
