import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  crc16CcittFalse,
  decodePacket,
  DetentHrDecoder,
  encodeHello,
  encodeRequest,
  encodeValues,
  sealPacket,
  slipEncode,
} from '../../../bridge/core/serial/decoders/detent-hr/index.js';
import { createDecoder } from '../../../bridge/core/serial/decoders/index.js';
import { concat, hex, toHex } from '../fixtures/bytes.js';
import { ESCAPED_WIRE, HELLO_PACKET, REQUEST_WIRE, WORKED_PACKET, WORKED_WIRE } from '../fixtures/detent-hr.js';
import { arbCuts, arbMutated, badFrames, kinds, push, readings, run, wellFormed } from '../fixtures/harness.js';

const hr = (): DetentHrDecoder => new DetentHrDecoder();
const values = (seq: number, entries: { channel: number; value: number }[], bits = 12, deviceId = 7): Uint8Array =>
  slipEncode(encodeValues({ deviceId, seq, bits, entries }));

describe('Detent HR: PROTOCOL.md worked example', () => {
  it('device 7, seq 42, 12 bits, ch0 = 2048, ch3 = 4095: exact packet and on-wire bytes', () => {
    const packet = encodeValues({ deviceId: 7, seq: 42, bits: 12, entries: [{ channel: 0, value: 2048 }, { channel: 3, value: 4095 }] });
    expect(toHex(packet)).toBe('01 01 07 2A 0C 02 00 00 08 03 FF 0F 8C 54');
    expect(packet).toEqual(WORKED_PACKET);
    expect(crc16CcittFalse(packet, 0, 12)).toBe(0x548c);
    expect(slipEncode(packet)).toEqual(WORKED_WIRE);
  });

  it('decodes to one frame and two readings', () => {
    const r = run(hr(), concat([0xc0], WORKED_WIRE));
    expect(r.events).toEqual([
      { kind: 'frame' },
      { kind: 'reading', channel: '0', raw: 2048, bits: 12 },
      { kind: 'reading', channel: '3', raw: 4095, bits: 12 },
    ]);
  });
});

describe('Detent HR: receiver', () => {
  it('reset writes the SLIP-framed request packet', () => {
    expect(toHex(slipEncode(encodeRequest()))).toBe(toHex(REQUEST_WIRE));
    const d = createDecoder({ kind: 'detent-hr' });
    expect(d.reset(0).writes).toEqual([REQUEST_WIRE]);
    expect(d.nextDeadline()).toBeUndefined();
  });

  it('hello → identified, and it resets the sequence reference', () => {
    expect(encodeHello({ deviceId: 7, seq: 0, channels: 8, bits: 12, name: 'knobs' }).subarray(0, 13)).toEqual(HELLO_PACKET);
    const d = hr();
    d.reset(0);
    push(d, values(200, [{ channel: 0, value: 1 }]));
    const r = push(d, concat(slipEncode(encodeHello({ deviceId: 7, seq: 0, channels: 8, bits: 12, name: 'knobs' })), values(1, [{ channel: 1, value: 2 }])));
    expect(r).toEqual([
      { kind: 'frame' },
      { kind: 'identified', what: 'detent-hr device 7 "knobs", 8 channels, 12 bits' },
      { kind: 'frame' },
      { kind: 'reading', channel: '1', raw: 2, bits: 12 },
    ]);
  });

  it('sequence gaps are lost packets, mod 256; the first packet sets the reference', () => {
    const d = hr();
    d.reset(0);
    const stream = concat(values(250, [{ channel: 0, value: 1 }]), values(251, [{ channel: 0, value: 2 }]), values(255, [{ channel: 0, value: 3 }]), values(0, [{ channel: 0, value: 4 }]), values(3, [{ channel: 0, value: 5 }]));
    const events = push(d, stream);
    expect(events.filter((e) => e.kind === 'lost')).toEqual([{ kind: 'lost', count: 3 }, { kind: 'lost', count: 2 }]);
    expect(readings(events)).toEqual(['0=1/12', '0=2/12', '0=3/12', '0=4/12', '0=5/12']);
  });

  it('a CRC error is one bad frame at the frame start, nothing used', () => {
    const bad = WORKED_WIRE.slice();
    bad[9] = 0x09; // channel 0's value MSB 08 → 09: the CRC over the received bytes is 0x2238
    const events = push(primed(), concat(bad, values(43, [{ channel: 1, value: 9 }])));
    expect(badFrames(events)).toEqual([{ offset: 2, reason: 'CRC 0x548C does not match 0x2238' }]);
    expect(readings(events)).toEqual(['1=9/12']);
  });

  it.each([
    ['version 2', sealPacket([2, 1, 7, 1, 12, 1, 0, 0, 0]), /version 2, expected 1/],
    ['values with a short payload', sealPacket([1, 1, 7, 1, 12, 2, 0, 0, 0]), /count 2 needs 8/],
    ['values at 11 bits', sealPacket([1, 1, 7, 1, 11, 1, 0, 0, 0]), /values at 11 bits/],
    ['value above 2^bits − 1', sealPacket([1, 1, 7, 1, 12, 1, 0, 0x00, 0x10]), /entry 0: value 4096 exceeds the 12-bit maximum 4095/],
    ['channel 32', sealPacket([1, 1, 7, 1, 12, 1, 32, 0, 0]), /channel 32 is not 0..31/],
    ['zero entries', sealPacket([1, 1, 7, 1, 12, 0]), /0 entries/],
    ['hello at 20 bits', sealPacket([1, 2, 7, 1, 4, 20]), /hello at 20 bits/],
    ['too short', hex('01 01 07'), /shorter than 6/],
  ])('%s is a bad frame', (_name, packet, reason) => {
    expect(decodePacket(packet)).toEqual({ ok: false, error: expect.stringMatching(reason) });
    expect(badFrames(push(primed(), slipEncode(packet)))).toEqual([{ offset: 2, reason: expect.stringMatching(reason) }]);
  });

  it('unknown types with a good CRC are frames, and count for the sequence', () => {
    const events = push(primed(), concat(slipEncode(sealPacket([1, 0x33, 7, 5, 1, 2, 3])), values(7, [{ channel: 0, value: 0 }])));
    expect(kinds(events)).toEqual(['frame', 'lost', 'frame', 'reading']);
  });

  it('power cycle mid-frame: a truncated frame, END, a good frame → one bad frame, then the good one', () => {
    // C0 + 7 packet bytes (01 01 07 2A 0C 02 00), then the board resets: its last two bytes read as CRC 0x0002.
    const truncated = WORKED_WIRE.slice(0, 8);
    const stream = concat(values(1, [{ channel: 2, value: 100 }]), truncated, slipEncode(encodeHello({ deviceId: 7, seq: 0, channels: 4, bits: 12, name: '' })), values(1, [{ channel: 2, value: 101 }]));
    const r = run(hr(), concat([0xc0], stream));
    expect(values(1, [{ channel: 2, value: 100 }])).toHaveLength(13);
    // [C0] + 13 bytes of the first frame, then the truncated frame's END at 14: it starts at 15.
    expect(badFrames(r.events)).toEqual([{ offset: 15, reason: 'CRC 0x0002 does not match 0x60D8' }]);
    expect(readings(r.events)).toEqual(['2=100/12', '2=101/12']);
    expect(r.events.filter((e) => e.kind === 'lost')).toEqual([]);
  });

  it('encoders refuse what the protocol cannot carry', () => {
    expect(() => encodeValues({ deviceId: 1, seq: 0, bits: 12, entries: [{ channel: 0, value: 4096 }] })).toThrow(RangeError);
    expect(() => encodeValues({ deviceId: 1, seq: 0, bits: 17, entries: [{ channel: 0, value: 1 }] })).toThrow(RangeError);
    expect(() => encodeValues({ deviceId: 1, seq: 0, bits: 12, entries: [] })).toThrow(RangeError);
    expect(() => encodeValues({ deviceId: 1, seq: 256, bits: 12, entries: [{ channel: 0, value: 1 }] })).toThrow(RangeError);
    expect(() => encodeHello({ deviceId: 1, seq: 0, channels: 4, bits: 12, name: 'x'.repeat(33) })).toThrow(RangeError);
  });

  it('property: encode → SLIP → decode gives back every entry', () => {
    const arbPacket = fc.integer({ min: 12, max: 16 }).chain((bits) =>
      fc.record({
        deviceId: fc.integer({ min: 0, max: 255 }),
        seq: fc.integer({ min: 0, max: 255 }),
        bits: fc.constant(bits),
        entries: fc.array(fc.record({ channel: fc.integer({ min: 0, max: 31 }), value: fc.integer({ min: 0, max: 2 ** bits - 1 }) }), { minLength: 1, maxLength: 32 }),
      }),
    );
    fc.assert(
      fc.property(arbPacket, (p) => {
        const r = run(hr(), concat([0xc0], slipEncode(encodeValues(p))));
        expect(readings(r.events)).toEqual(p.entries.map((e) => `${e.channel}=${e.value}/${p.bits}`));
      }),
    );
  });
});

/** A decoder past reset that has seen one END (so the next frame is not a dropped first fragment). */
function primed(): DetentHrDecoder {
  const d = hr();
  d.reset(0);
  d.push(hex('C0'), 0);
  return d;
}

describe('Detent HR: properties', () => {
  const session = concat(
    [0x13, 0x37, 0xc0],
    slipEncode(encodeHello({ deviceId: 3, seq: 9, channels: 2, bits: 14, name: 'box' })),
    values(10, [{ channel: 0, value: 0xc0 }, { channel: 1, value: 0x3fff }], 14, 3),
    WORKED_WIRE.slice(0, 9),
    ESCAPED_WIRE,
    hex('C0 DB 00 C0'),
    values(13, [{ channel: 5, value: 0xdb }], 14, 3),
  );

  it('any chunking of a stream gives the same events', () => {
    fc.assert(
      fc.property(arbCuts(session.length), (cuts) => {
        expect(run(hr(), session, cuts)).toEqual(run(hr(), session));
      }),
    );
  });

  it('random and mutated streams never throw and every reading is in range', () => {
    fc.assert(
      fc.property(fc.oneof(arbMutated(session), fc.uint8Array({ maxLength: 300 })), fc.array(fc.nat(), { maxLength: 8 }), (bytes, cuts) => {
        const r = run(hr(), bytes, cuts);
        expect(wellFormed(r.events, bytes.length)).toBe(true);
        expect(r.events).toEqual(run(hr(), bytes).events);
      }),
    );
  });
});
