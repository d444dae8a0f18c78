import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ManualClock } from '../../bridge/core/clock.js';
import type { ParamChange } from '../../bridge/core/param/store.js';
import type { OscInput } from '../../bridge/core/routing/osc-input.js';
import { clampUnit } from '../../bridge/core/unit.js';
import { decodePacket, encodeFloatMessage } from '../../bridge/drivers/osc/codec.js';
import { FakeOscTransport } from '../../bridge/drivers/osc/fake.js';
import { OscFeedbackSender } from '../../bridge/drivers/osc/feedback.js';
import { OscInputDriver } from '../../bridge/drivers/osc/input.js';
import { until } from './osc-transport.contract.js';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

/**
 * Recorded datagrams. OSC 1.0: address and type tag strings are NUL-terminated and padded to 4
 * bytes; f = big-endian IEEE 754 float32, i = int32, d = float64; a bundle is "#bundle\0", an
 * 8-byte NTP time tag, then size-prefixed elements.
 */
const FIXTURES = {
  // oscsend 127.0.0.1 9000 /detent/param/output.gain f -6  (-6.0f = c0c00000)
  oscsendOutputGain: hex('2f646574656e742f706172616d2f6f75747075742e6761696e000000 2c660000 c0c00000'),
  // TouchOSC Mk1 fader: /1/fader1 ,f 0.75 (3f400000)
  touchOscFader: hex('2f312f666164657231000000 2c660000 3f400000'),
  // #bundle, time tag 1 (immediately), one element: /a ,T
  bundleOfOne: hex('2362756e646c6500 0000000000000001 0000000c 2f610000 2c540000'),
};

describe('OSC codec on recorded bytes', () => {
  it('decodes oscsend, TouchOSC and a bundle', () => {
    expect(decodePacket(FIXTURES.oscsendOutputGain)).toEqual({ ok: true, value: [{ address: '/detent/param/output.gain', args: [{ type: 'f', value: -6 }] }] });
    expect(decodePacket(FIXTURES.touchOscFader)).toEqual({ ok: true, value: [{ address: '/1/fader1', args: [{ type: 'f', value: 0.75 }] }] });
    expect(decodePacket(FIXTURES.bundleOfOne)).toEqual({ ok: true, value: [{ address: '/a', args: [{ type: 'T' }] }] });
  });

  it('encodes what it decodes, byte for byte', () => {
    expect(encodeFloatMessage('/detent/param/output.gain', -6)).toEqual(FIXTURES.oscsendOutputGain);
  });

  it.each([
    ['empty', ''],
    ['text', '68656c6c6f'],
    ['truncated float', '2f610000 2c660000 c0c0'],
    ['address without slash', '61000000 2c660000 c0c00000'],
    ['bundle element overruns', '2362756e646c6500 0000000000000001 000000ff 2f610000'],
  ])('reports %s with its size and first bytes, never throws', (_name, bytes) => {
    const res = decodePacket(hex(bytes));
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toMatch(/\(\d+ bytes, starts [0-9a-f ]*/);
  });

  it('never throws on any bytes, and mutated valid packets either decode or are reported', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 256 }), (b) => typeof decodePacket(b).ok === 'boolean'), { numRuns: 2000 });
    const seeds = Object.values(FIXTURES);
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }), fc.nat(), (seed, flips, cut) => {
        const b = Uint8Array.from(seed);
        for (const [i, v] of flips) b[i % b.length] = v;
        const res = decodePacket(b.subarray(0, Math.max(0, b.length - (cut % 8))));
        if (res.ok) for (const m of res.value) expect(m.address.startsWith('/')).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('OscInputDriver', () => {
  async function rig() {
    const transport = new FakeOscTransport();
    const inputs: OscInput[] = [];
    const debug: string[] = [];
    const driver = new OscInputDriver(transport, { clock: new ManualClock(42), onInput: (i) => inputs.push(i), debug: (m) => debug.push(m) });
    await driver.open();
    return { transport, driver, inputs, debug };
  }

  it('turns datagrams into RawInputs with peer and time, flattening bundles', async () => {
    const { transport, driver, inputs } = await rig();
    transport.deliver(FIXTURES.oscsendOutputGain, { host: '10.0.0.5', port: 8000 });
    transport.deliver(FIXTURES.bundleOfOne, { host: '10.0.0.5', port: 8000 });
    expect(inputs).toEqual([
      { kind: 'osc', device: 'osc', peer: '10.0.0.5:8000', address: '/detent/param/output.gain', args: [{ type: 'f', value: -6 }], t: 42 },
      { kind: 'osc', device: 'osc', peer: '10.0.0.5:8000', address: '/a', args: [{ type: 'T' }], t: 42 },
    ]);
    expect(driver.device.snapshot().counters).toMatchObject({ packets: 2, messages: 2, malformed: 0 });
  });

  it('counts and logs garbage with the peer, and keeps going', async () => {
    const { transport, driver, inputs, debug } = await rig();
    for (let i = 0; i < 100; i++) transport.deliver(Uint8Array.from([0xde, 0xad, i]), { host: '10.0.0.9', port: 1234 });
    transport.deliver(FIXTURES.touchOscFader, { host: '10.0.0.9', port: 1234 });
    expect(driver.device.counter('malformed')).toBe(100);
    expect(inputs).toHaveLength(1);
    expect(debug[0]).toMatch(/^OSC from 10\.0\.0\.9:1234: malformed OSC packet \(3 bytes, starts de ad 00\)/);
    expect(driver.device.snapshot().lastError).toMatch(/10\.0\.0\.9:1234/);
  });
});

describe('OscFeedbackSender', () => {
  const change = (id: string, value: number, origin: ParamChange['origin'] = { kind: 'api' }): ParamChange => ({ id, value, norm: clampUnit(value), origin, t: 0 });
  const messagesFor = (c: ParamChange) => [
    { address: `/detent/param/${c.id}`, value: c.value, range: 1 },
    { address: '/1/fader1', value: c.norm, range: 1 },
    { address: '/1/label1', value: `${c.value} dB`, range: 0 },
  ];

  async function rig(targets = [{ host: '127.0.0.1', port: 7001 }]) {
    const transport = new FakeOscTransport();
    await transport.open();
    const clock = new ManualClock(10_000);
    const sender = new OscFeedbackSender(transport, targets, { clock, messagesFor, flushMs: 1, debug: () => {} });
    return { transport, sender, clock };
  }
  const decoded = (t: FakeOscTransport) => t.sent.map((s) => ({ to: s.to.port, msg: decodePacket(s.data) }));

  it('coalesces per parameter: a burst sends only the final value', async () => {
    const { transport, sender } = await rig();
    for (let i = 0; i <= 100; i++) sender.push(change('input.gain', i / 100));
    sender.push(change('output.gain', 0.5));
    sender.flush();
    await until(() => transport.sent.length === 6);
    expect(decoded(transport).map((d) => (d.msg.ok ? d.msg.value[0] : null))).toEqual([
      { address: '/detent/param/input.gain', args: [{ type: 'f', value: 1 }] },
      { address: '/1/fader1', args: [{ type: 'f', value: 1 }] },
      { address: '/1/label1', args: [{ type: 's', value: '1 dB' }] },
      { address: '/detent/param/output.gain', args: [{ type: 'f', value: 0.5 }] },
      { address: '/1/fader1', args: [{ type: 'f', value: 0.5 }] },
      { address: '/1/label1', args: [{ type: 's', value: '0.5 dB' }] },
    ]);
    expect(sender.devices[0]?.counter('coalesced')).toBe(100);
  });

  it('flushes by itself after flushMs', async () => {
    const { transport, sender } = await rig();
    sender.push(change('a', 0.1));
    await until(() => transport.sent.length === 3);
  });

  it('holds feedback to a control while it is being moved, then sends the truth once if it differs', async () => {
    const { transport, sender, clock } = await rig([
      { host: '127.0.0.1', port: 7001 },
      { host: '127.0.0.1', port: 7002 },
    ]);
    const at7001 = () => transport.sent.filter((s) => s.to.port === 7001).map((s) => decodePacket(s.data)).map((d) => (d.ok ? d.value[0]?.address : '?'));
    // The peer on 7001 moves its fader to 0.3; the parameter ends at 0.35 (quantised, say).
    sender.noteInput('127.0.0.1:7001', '/1/fader1', 0.3, clock.now());
    sender.push(change('a', 0.35, { kind: 'osc', peer: '127.0.0.1:7001', address: '/1/fader1' }));
    sender.flush();
    await until(() => transport.sent.length === 5);
    expect(at7001()).toEqual(['/detent/param/a', '/1/label1']);
    expect(sender.devices[0]?.counter('echoSuppressed')).toBe(1);
    // After the echo window the held value goes out once: the fader shows the truth.
    clock.advance(300);
    await until(() => at7001().length === 5);
    expect(at7001().slice(2)).toEqual(['/detent/param/a', '/1/fader1', '/1/label1']);
  });

  it('after the window, skips a control that already shows the value', async () => {
    const { transport, sender, clock } = await rig();
    sender.noteInput('127.0.0.1:7001', '/1/fader1', 0.5, clock.now());
    clock.advance(300);
    sender.push(change('a', 0.5));
    sender.flush();
    await until(() => transport.sent.length === 2);
    expect(transport.sent.map((s) => decodePacket(s.data)).map((d) => (d.ok ? d.value[0]?.address : '?'))).toEqual(['/detent/param/a', '/1/label1']);
  });

  it('counts failures to an unreachable target and keeps serving the others', async () => {
    const { transport, sender } = await rig([
      { host: 'nowhere.invalid', port: 7001 },
      { host: '127.0.0.1', port: 7002 },
    ]);
    sender.push(change('a', 0.3));
    sender.flush();
    await until(() => (sender.devices[0]?.counter('errors') ?? 0) === 3 && transport.sent.length === 3);
    const bad = sender.devices[0]!.snapshot();
    expect(bad.status).toEqual({ state: 'down', reason: 'getaddrinfo ENOTFOUND nowhere.invalid' });
    expect(bad.lastError).toMatch(/to nowhere\.invalid:7001/);
    expect(sender.devices[1]?.counter('sent')).toBe(3);
  });
});
