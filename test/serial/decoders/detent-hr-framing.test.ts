import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc16CcittFalse, DetentHrDecoder, encodeValues, slipEncode, SlipDecoder } from '../../../bridge/core/serial/decoders/detent-hr/index.js';
import { ascii, concat, hex, toHex } from '../fixtures/bytes.js';
import { ESCAPED_PACKET, ESCAPED_WIRE, WORKED_WIRE } from '../fixtures/detent-hr.js';
import { readings, run } from '../fixtures/harness.js';

const hr = (): DetentHrDecoder => new DetentHrDecoder();

describe('Detent HR: CRC-16/CCITT-FALSE', () => {
  it('check value: "123456789" → 0x29B1', () => {
    expect(crc16CcittFalse(ascii('123456789'))).toBe(0x29b1);
  });

  it('matches a bitwise reference on random data', () => {
    const reference = (b: Uint8Array): number => {
      let c = 0xffff;
      for (const x of b) {
        c ^= x << 8;
        for (let k = 0; k < 8; k++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
      }
      return c;
    };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        expect(crc16CcittFalse(b)).toBe(reference(b));
      }),
    );
  });
});

describe('Detent HR: SLIP', () => {
  it('escapes C0 and DB in the packet and its CRC', () => {
    expect(toHex(encodeValues({ deviceId: 0xc0, seq: 0xdb, bits: 16, entries: [{ channel: 1, value: 0xdbc0 }] }))).toBe(toHex(ESCAPED_PACKET));
    expect(slipEncode(ESCAPED_PACKET)).toEqual(ESCAPED_WIRE);
    expect(readings(run(hr(), ESCAPED_WIRE).events)).toEqual(['1=56256/16']);
  });

  it('ignores empty frames, drops a bad escape and an over-long frame as bad', () => {
    const d = new SlipDecoder();
    d.reset();
    expect(d.push(hex('C0 C0 C0 01 02 C0'))).toEqual([{ kind: 'frame', bytes: hex('01 02'), offset: 3 }]);
    expect(d.push(hex('05 DB 01 02 C0 07 C0'))).toEqual([
      { kind: 'bad', offset: 6, reason: 'ESC followed by 0x01' },
      { kind: 'frame', bytes: hex('07'), offset: 11 },
    ]);
    expect(d.push(concat(new Uint8Array(300).fill(1), [0xc0]))).toEqual([{ kind: 'bad', offset: 13, reason: 'frame longer than 256 bytes' }]);
    expect(d.push(hex('DB C0'))).toEqual([{ kind: 'bad', offset: 314, reason: 'ESC at the end of the frame' }]);
  });

  it('the 256-byte limit counts escaped bytes', () => {
    const d = new SlipDecoder();
    d.reset();
    const escapedDb = (n: number): number[] => Array.from({ length: n }, () => [0xdb, 0xdd]).flat();
    // 128 escaped bytes = 256 on the wire: accepted, decoding to 128 data bytes.
    expect(d.push(concat([0xc0], escapedDb(128), [0xc0]))).toEqual([{ kind: 'frame', bytes: new Uint8Array(128).fill(0xdb), offset: 1 }]);
    // 129 escaped bytes = 258 on the wire (129 after unescaping): bad.
    expect(d.push(concat(escapedDb(129), [0xc0]))).toEqual([{ kind: 'bad', offset: 258, reason: 'frame longer than 256 bytes' }]);
  });

  it('drops the bytes before the first END after reset silently (port opened mid-frame)', () => {
    const tail = WORKED_WIRE.slice(6);
    expect(run(hr(), concat(tail, WORKED_WIRE)).events.filter((e) => e.kind !== 'reading')).toEqual([{ kind: 'frame' }]);
  });
});

