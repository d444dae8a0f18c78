import { describe, expect, it } from 'vitest';
import { HOLD_READINGS, REFEED_MS, SerialRouter } from '../../bridge/core/routing/serial-input.js';
import type { ChannelSpec } from '../../bridge/core/serial/channel.js';
import { defaultFilter } from '../../bridge/core/serial/condition/defaults.js';
import type { DecodeEvent } from '../../bridge/core/serial/decoder.js';
import { map, rig } from './mapping-fixtures.js';

const pot = (name: string, control: string, bits = 12): ChannelSpec => ({
  name,
  control,
  kind: 'pot',
  bits,
  calibration: { min: 0, max: 2 ** bits - 1, taper: null },
  filter: defaultFilter(bits),
});
const reading = (channel: string, raw: number, bits = 12): DecodeEvent => ({ kind: 'reading', channel, raw, bits });

function setup(unlisted = false) {
  const { store, runtime } = rig([], [map('k1', 'knob/1', 'input.gain'), map('p', 'pot/7', 'output.gain')]);
  const router = new SerialRouter(runtime);
  router.attach('serial:/dev/x', {
    channels: new Map([['0', pot('0', 'knob/1')]]),
    unlisted: unlisted ? (name, bits) => pot(name, `pot/${name}`, bits) : null,
  });
  return { store, router };
}

describe('SerialRouter', () => {
  it('routes a reading through its channel to the virtual control, with serial as the origin', () => {
    const { store, router } = setup();
    const out = router.route('serial:/dev/x', [{ kind: 'frame' }, reading('0', 4095)], 0);
    expect(out.kind === 'applied' ? out.changes.map((c) => [c.id, c.value, c.origin]) : out).toEqual([['input.gain', 24, { kind: 'serial', device: 'serial:/dev/x' }]]);
    expect(store.get('input.gain')).toBe(24);
  });

  it('ignores channels the profile does not list, or maps them to pot/<name> when it asks', () => {
    expect(setup(false).router.route('serial:/dev/x', [reading('7', 4095)], 0).kind).toBe('unmapped');
    const { store, router } = setup(true);
    expect(router.route('serial:/dev/x', [reading('7', 4095)], 0).kind).toBe('applied');
    expect(store.norm('output.gain')).toBe(1);
  });

  it('rescales readings that arrive at another resolution than the channel', () => {
    const { store, router } = setup();
    router.route('serial:/dev/x', [reading('0', 65535, 16)], 0);
    expect(store.norm('input.gain')).toBe(1);
  });

  it('holds the last reading of a send-on-change board until the filter settles on it, then goes quiet', () => {
    const { store, router } = setup();
    // A fast turn from 0 to 3000 in 5 reports, then silence (Detent HR sends only on change).
    let t = 0;
    for (const raw of [0, 600, 1500, 2400, 3000]) router.route('serial:/dev/x', [reading('0', raw)], (t += 10));
    const last = t;
    const ticks: number[] = [];
    for (let at = router.nextDeadline(); at !== undefined; at = router.nextDeadline()) {
      ticks.push(at);
      router.tick(at);
    }
    expect(store.norm('input.gain')).toBeCloseTo(3000 / 4095, 6);
    expect(ticks[0]).toBe(last + REFEED_MS);
    expect(ticks).toHaveLength(HOLD_READINGS);
    expect(router.nextDeadline()).toBeUndefined();
  });

  it('starts afresh after a reset (port reopened): the first reading reports the position again', () => {
    const { store, router } = setup();
    router.route('serial:/dev/x', [reading('0', 4095)], 0);
    store.set('input.gain' as never, 0, { kind: 'api' });
    router.reset('serial:/dev/x');
    expect(router.nextDeadline()).toBeUndefined();
    expect(router.route('serial:/dev/x', [reading('0', 4095)], 1000).kind).toBe('applied');
    expect(store.get('input.gain')).toBe(24);
  });
});

describe('SerialRouter on a busy machine', () => {
  it('settles exactly on the last reading even when every held reading comes late', async () => {
    const { rig, map } = await import('./mapping-fixtures.js');
    const { store, runtime } = rig([], [map('k1', 'knob/1', 'input.gain')]);
    const router = new SerialRouter(runtime);
    const spec: ChannelSpec = { name: '0', control: 'knob/1', kind: 'pot', bits: 12, calibration: { min: 0, max: 4095, taper: null }, filter: defaultFilter(12) };
    router.attach('d', { channels: new Map([['0', spec]]), unlisted: null });
    let t = 0;
    for (const raw of [0, 600, 1500, 2400, 3000]) router.route('d', [{ kind: 'reading', channel: '0', raw, bits: 12 }], (t += 10));
    // The timer fires 25 ms late every time (an event loop blocked by other work).
    const last = t;
    let ticks = 0;
    let lastTick = last;
    for (let at = router.nextDeadline(); at !== undefined; at = router.nextDeadline(), ticks++) router.tick((lastTick = at + 25));
    expect(store.norm('input.gain')).toBeCloseTo(3000 / 4095, 6);
    // Each late tick catches up on the readings due meanwhile (3 of them), so the hold is not
    // stretched: it ends at the first tick after its grid ends, HOLD_READINGS·REFEED_MS after the
    // last reading (one reading per tick would take HOLD_READINGS ticks, 37 ms apart).
    expect(ticks).toBe(Math.ceil(HOLD_READINGS / 3));
    expect(lastTick - last).toBeLessThan(HOLD_READINGS * REFEED_MS + 25);
  });

  it('one tick after the hold ended feeds all of it: the output is on the knob by then however late the timer ran', () => {
    const { store, router } = setup();
    let t = 0;
    for (const raw of [0, 600, 1500, 2400, 3000]) router.route('serial:/dev/x', [reading('0', raw)], (t += 10));
    expect(store.norm('input.gain')).not.toBeCloseTo(3000 / 4095, 6);
    // The grid ends at HOLD_READINGS·REFEED_MS (1008 ms), just past HOLD_MS.
    const out = router.tick(t + HOLD_READINGS * REFEED_MS);
    expect(out.kind).toBe('applied');
    expect(store.norm('input.gain')).toBeCloseTo(3000 / 4095, 6);
    expect(router.nextDeadline()).toBeUndefined();
  });
});
