import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ControlValue } from '../../../bridge/core/control.js';
import type { ChannelSpec, FilterSpec } from '../../../bridge/core/serial/channel.js';
import { createConditioner, type Conditioner } from '../../../bridge/core/serial/condition/conditioner.js';
import { FILTER_10_BIT, FILTER_12_BIT, FILTER_7_BIT } from '../../../bridge/core/serial/condition/defaults.js';
import { adcReader, restingReadings, sweepReadings } from '../noise.js';

const PERIOD = 10; // ms: 100 reports/s

function pot(bits: number, filter: FilterSpec = bits === 12 ? FILTER_12_BIT : FILTER_10_BIT, calibration = { min: 0, max: 2 ** bits - 1, taper: null as readonly number[] | null }): Conditioner {
  return createConditioner({ name: 'A0', control: 'knob/1', kind: 'pot', bits, calibration, filter });
}

/** Pushes readings 10 ms apart; the emitted values (null where nothing changed). */
function feed(c: Conditioner, readings: readonly number[], t0 = 0): (ControlValue | null)[] {
  return readings.map((r, i) => c.push(r, t0 + i * PERIOD));
}

const abs = (v: ControlValue | null): number | undefined => (v?.kind === 'absolute' ? v.value : undefined);
const emitted = (vs: readonly (ControlValue | null)[]) => vs.filter((v) => v !== null);

describe('conditioner: pots and faders', () => {
  it('the first reading always emits, with the output resolution; a repeat emits nothing; reset starts afresh', () => {
    const c = pot(10);
    expect(c.push(512, 0)).toEqual({ kind: 'absolute', value: 512 / 1023, resolution: 1024 });
    expect(c.push(512, 10)).toBeNull();
    c.reset();
    expect(c.push(512, 20)).toEqual({ kind: 'absolute', value: 512 / 1023, resolution: 1024 });
  });

  it('ignores readings that are not numbers', () => {
    const c = pot(10);
    expect(c.push(Number.NaN, 0)).toBeNull();
    expect(c.push(100, 10)).not.toBeNull();
  });

  it('applies calibration: a reversed, trimmed pot', () => {
    const c = pot(10, FILTER_10_BIT, { min: 1000, max: 23, taper: null });
    expect(abs(c.push(1000, 0))).toBe(0);
    c.reset();
    expect(abs(c.push(23, 0))).toBe(1);
  });

  it('applies the taper: an audio pot at its centre detent reads rotation ½', () => {
    const c = pot(10, FILTER_10_BIT, { min: 0, max: 1023, taper: [0, 0.15, 1] });
    expect(abs(c.push(0.15 * 1023, 0))).toBeCloseTo(0.5, 3);
  });

  it('a resting knob with 1.5 LSB of Gaussian noise emits nothing after its first value for 60 s (10 and 12 bits, fixed seeds)', () => {
    for (const [bits, seed] of [[10, 1], [10, 2], [10, 3], [12, 4], [12, 5]] as const) {
      const values = emitted(feed(pot(bits), restingReadings(bits, 1.5, 0.41 * 2 ** bits + 0.5, 6000, seed)));
      expect(values).toHaveLength(1);
    }
  });

  it('property (b): at rest with noise bounded by ±2 LSB (10-bit defaults), the output never changes after the first', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 1021 }),
        fc.array(fc.tuple(fc.integer({ min: -2, max: 2 }), fc.integer({ min: 0, max: 40 })), { minLength: 1, maxLength: 600 }),
        (centre, noise) => {
          const c = pot(10);
          let t = 0;
          const out = noise.map(([n, gap]) => c.push(centre + n, (t += gap)));
          return out[0] !== null && out.slice(1).every((v) => v === null);
        },
      ),
    );
  });

  it('property (a): a step up or down never overshoots: every output lies between the start and end positions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1023 }), fc.integer({ min: 0, max: 1023 }), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 200 }), (a, b, before, after) => {
        const c = pot(10);
        const lo = Math.min(a, b) / 1023;
        const hi = Math.max(a, b) / 1023;
        const out = feed(c, [...Array(before).fill(a), ...Array(after).fill(b)]).map(abs).filter((v) => v !== undefined);
        return out.every((v) => v >= lo - 1e-12 && v <= hi + 1e-12);
      }),
    );
  });

  it.each([
    [10, true],
    [10, false],
    [12, true],
    [12, false],
  ])('step response (%d-bit, up %s): a full-scale step reaches 95 % on the first or second report (≤ 10 ms)', (bits, up) => {
    const top = 2 ** bits - 1;
    const read = adcReader(bits, 1.5, 99);
    const c = pot(bits);
    feed(c, Array.from({ length: 100 }, () => read(up ? 0 : top)));
    const after = Array.from({ length: 2 }, () => read(up ? top : 0));
    const out = feed(c, after, 1000).map(abs);
    const last = out.filter((v) => v !== undefined).at(-1) as number;
    expect(up ? last >= 0.95 : last <= 0.05).toBe(true);
  });

  it.each([
    [10, 1000],
    [12, 4000],
  ])('a slow sweep (60 s end to end, then 1 s at the stop) with 1.5 LSB of noise at %d bits gives at least %d distinct outputs', (bits, least) => {
    const readings = [...sweepReadings(bits, 1.5, 6000, 21), ...restingReadings(bits, 1.5, 2 ** bits - 1, 100, 22)];
    const values = new Set(emitted(feed(pot(bits), readings)).map(abs));
    expect(values.size).toBeGreaterThanOrEqual(least);
    expect(values.has(0)).toBe(true);
    expect(values.has(1)).toBe(true);
  });

  it('comes to rest on where the knob is, not where the filter lagged to', () => {
    for (const seed of [31, 32, 33]) {
      const read = adcReader(10, 1.5, seed);
      const c = pot(10);
      const readings = [...Array.from({ length: 50 }, () => read(100)), ...Array.from({ length: 10 }, (_, i) => read(100 + (600 * (i + 1)) / 10)), ...Array.from({ length: 200 }, () => read(700.2))];
      const last = emitted(feed(c, readings)).map(abs).at(-1) as number;
      expect(Math.abs(last * 1023 - 700.2)).toBeLessThanOrEqual(1);
    }
  });

  it('7-bit defaults pass every value straight through', () => {
    const c = pot(7, FILTER_7_BIT);
    const ramp = [...Array.from({ length: 128 }, (_, i) => i), ...Array.from({ length: 128 }, (_, i) => 127 - i), 64, 65, 64];
    expect(feed(c, ramp).map(abs)).toEqual(ramp.map((v, i) => (i === 128 ? undefined : v / 127)));
  });
});

describe('conditioner: switches, encoders, buttons', () => {
  const spec = (s: Partial<ChannelSpec> & Pick<ChannelSpec, 'kind'>): ChannelSpec => ({ name: 'A1', control: 'switch/1', bits: 10, ...s }) as ChannelSpec;

  it('a 5-position switch emits the step index as index/4 with resolution 5, on change only, never smoothed', () => {
    const c = createConditioner(spec({ kind: 'switch', positions: 5, hysteresis: 0.25, calibration: { min: 0, max: 1023, taper: null } }));
    const out = feed(c, [0, 10, 1023 * 0.5, 1023 * 0.5, 1023 * 0.62, 1023 * 0.7, 1023]);
    expect(out).toEqual([
      { kind: 'absolute', value: 0, resolution: 5 },
      null,
      { kind: 'absolute', value: 0.5, resolution: 5 },
      null,
      null, // 2.48 steps: within the ¼-step hysteresis of the boundary at 2.5
      { kind: 'absolute', value: 0.75, resolution: 5 },
      { kind: 'absolute', value: 1, resolution: 5 },
    ]);
  });

  it('a switch on an uneven ladder decodes through its taper table', () => {
    const c = createConditioner(spec({ kind: 'switch', positions: 3, hysteresis: 0.25, calibration: { min: 0, max: 1023, taper: [0, 0.2, 1] } }));
    expect(feed(c, [0.2 * 1023]).map(abs)).toEqual([0.5]);
  });

  it('an encoder: the first count is a baseline, then signed detents, relative', () => {
    const c = createConditioner(spec({ kind: 'encoder', bits: 16, countsPerStep: 4 }));
    expect(feed(c, [65533, 65535, 1, 5, 3])).toEqual([null, null, { kind: 'relative', steps: 1 }, { kind: 'relative', steps: 1 }, null]);
  });

  it.each([
    ['10-bit: at or above 512 is pressed', 10, [600, 700, 100, 511, 512], [true, null, false, null, true]],
    ['1-bit 0/1', 1, [0, 1, 1, 0], [false, true, null, false]],
  ])('a button emits on change, and its first reading: %s', (_n, bits, raws, expected) => {
    const c = createConditioner(spec({ kind: 'button', bits }));
    expect(feed(c, raws).map((v) => (v === null ? null : v.kind === 'button' ? v.pressed : 'other'))).toEqual(expected);
  });

  it('reset makes a switch and a button report again', () => {
    const sw = createConditioner(spec({ kind: 'switch', positions: 3, hysteresis: 0.25, calibration: { min: 0, max: 1023, taper: null } }));
    const bt = createConditioner(spec({ kind: 'button' }));
    sw.push(0, 0);
    bt.push(0, 0);
    sw.reset();
    bt.reset();
    expect(sw.push(0, 10)).not.toBeNull();
    expect(bt.push(0, 10)).not.toBeNull();
  });
});
