import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DecodeEvent, DecodeResult } from '../../../bridge/core/serial/decoder.js';
import { FIRMATA_TIMEOUT_MS, FirmataDecoder } from '../../../bridge/core/serial/decoders/firmata.js';
import { createDecoder } from '../../../bridge/core/serial/decoders/index.js';
import { concat, hex, toHex } from '../fixtures/bytes.js';
import {
  CONFIGURE_WRITES_10MS,
  ENABLE_A0_A5,
  FIRMWARE_STANDARD,
  TWELVE_BIT_BOARD,
  UNO_ANALOG_MAPPING,
  UNO_ANALOG_REPORTS,
  UNO_BOOT,
  UNO_CAPABILITIES,
  VERSION_2_5,
} from '../fixtures/firmata.js';
import { arbCuts, arbMutated, badFrames, readings, run, wellFormed } from '../fixtures/harness.js';

const firmata = (ms = 10): FirmataDecoder => new FirmataDecoder(ms);
const writes = (r: DecodeResult): string[] => r.writes.map(toHex);
/** A decoder through the whole Uno handshake, having read HANDSHAKE_BYTES bytes. */
const HANDSHAKE_BYTES = UNO_BOOT.length + UNO_CAPABILITIES.length + UNO_ANALOG_MAPPING.length;
const configured = (): FirmataDecoder => {
  const d = firmata();
  d.reset(0);
  d.push(concat(UNO_BOOT, UNO_CAPABILITIES, UNO_ANALOG_MAPPING), 100);
  return d;
};

describe('Firmata decoder: handshake', () => {
  it('Uno boot: waits for the version report, then queries, then enables reporting per the analog mapping', () => {
    const d = firmata();
    expect(d.reset(1000)).toEqual({ events: [], writes: [] });
    expect(d.nextDeadline()).toBe(1000 + FIRMATA_TIMEOUT_MS);

    const boot = d.push(UNO_BOOT, 1700);
    expect(boot.events).toEqual([
      { kind: 'frame' },
      { kind: 'identified', what: 'Firmata 2.5' },
      { kind: 'frame' },
      { kind: 'identified', what: 'Firmata 2.5, StandardFirmata.ino 2.5' },
    ]);
    expect(writes(boot)).toEqual(CONFIGURE_WRITES_10MS);
    expect(d.nextDeadline()).toBe(1700 + FIRMATA_TIMEOUT_MS);

    const caps = d.push(UNO_CAPABILITIES, 1710);
    expect(caps.events).toEqual([{ kind: 'frame' }]);
    expect(caps.writes).toEqual([]);

    const mapping = d.push(UNO_ANALOG_MAPPING, 1720);
    expect(mapping.events).toEqual([{ kind: 'frame' }]);
    expect(writes(mapping)).toEqual(ENABLE_A0_A5);
    expect(d.nextDeadline()).toBeUndefined();
    expect(d.tick(99_999)).toEqual({ events: [], writes: [] });

    expect(readings(d.push(UNO_ANALOG_REPORTS, 1740).events)).toEqual(['A0=1023/10', 'A1=0/10', 'A2=512/10']);
  });

  it('timeout path: no version report → version query at +2 s, again every 2 s; no mapping → A0..A5 after 2 s', () => {
    const d = firmata(19);
    d.reset(1000);
    expect(writes(d.tick(2999))).toEqual([]);
    expect(writes(d.tick(3000))).toEqual(['F9']);
    expect(d.nextDeadline()).toBe(5000);
    expect(writes(d.tick(4999))).toEqual([]);
    expect(writes(d.tick(5001))).toEqual(['F9']);
    expect(d.nextDeadline()).toBe(7001);

    // A board that did not reset on open answers the query with a version report only.
    const answer = d.push(VERSION_2_5, 5500);
    expect(answer.events).toEqual([{ kind: 'frame' }, { kind: 'identified', what: 'Firmata 2.5' }]);
    expect(writes(answer)).toEqual(['F0 6B F7', 'F0 69 F7', 'F0 7A 13 00 F7']);
    expect(d.nextDeadline()).toBe(7500);
    expect(writes(d.tick(7499))).toEqual([]);
    expect(writes(d.tick(7500))).toEqual(ENABLE_A0_A5);
    expect(d.nextDeadline()).toBeUndefined();
  });

  it('a firmware report alone (version report lost) also starts the configuration, once', () => {
    const d = firmata();
    d.reset(0);
    const r = d.push(FIRMWARE_STANDARD, 10);
    expect(r.events).toEqual([{ kind: 'frame' }, { kind: 'identified', what: 'StandardFirmata.ino 2.5' }]);
    expect(writes(r)).toEqual(CONFIGURE_WRITES_10MS);
    expect(writes(d.push(FIRMWARE_STANDARD, 20))).toEqual([]);
  });

  it('a board that reboots mid-session (new version report) is configured again', () => {
    const d = configured();
    expect(writes(d.push(UNO_BOOT, 5000))).toEqual(CONFIGURE_WRITES_10MS);
    expect(d.nextDeadline()).toBe(7000);
  });

  it('reset forgets the handshake: the next open waits for a version report again', () => {
    const d = configured();
    d.reset(9000);
    expect(d.nextDeadline()).toBe(11_000);
    expect(writes(d.tick(11_000))).toEqual(['F9']);
  });

  it('sampling interval SysEx is 7-bit LSB, MSB (200 ms → 48 01)', () => {
    const d = createDecoder({ kind: 'firmata', samplingIntervalMs: 200 });
    d.reset(0);
    expect(writes(d.push(VERSION_2_5, 0))[2]).toBe('F0 7A 48 01 F7');
  });
});

describe('Firmata decoder: readings', () => {
  it('analog message E0|ch LSB MSB → A<ch>, 10 bits', () => {
    const d = configured();
    expect(d.push(hex('E5 7F 07'), 0).events).toEqual([{ kind: 'frame' }, { kind: 'reading', channel: 'A5', raw: 1023, bits: 10 }]);
  });

  it('a 10-bit channel reading above 1023 is a bad frame', () => {
    const d = configured();
    expect(badFrames(d.push(hex('E0 00 10'), 0).events)).toEqual([{ offset: HANDSHAKE_BYTES, reason: 'A0 value 2048 exceeds the 10-bit maximum 1023' }]);
  });

  it('uses the ANALOG_INPUT resolution of the capability response (12-bit board)', () => {
    const d = firmata();
    d.reset(0);
    d.push(VERSION_2_5, 0);
    const r = d.push(TWELVE_BIT_BOARD, 0);
    expect(writes(r)).toEqual(['C0 01']);
    expect(readings(r.events)).toEqual(['A0=4095/12']);
  });

  it('extended analog F0 6F pin v0 v1 F7 → the analog channel of that pin (Uno pin 14 = A0)', () => {
    const d = configured();
    expect(readings(d.push(hex('F0 6F 0E 7F 07 F7 | F0 6F 13 05 F7'), 0).events)).toEqual(['A0=1023/10', 'A5=5/10']);
  });

  it('extended analog with 3 groups is 14 bits; a pin the mapping lacks is taken as the channel number', () => {
    const d = firmata();
    d.reset(0);
    expect(readings(d.push(hex('F0 6F 10 7F 7F 00 F7'), 0).events)).toEqual(['A16=16383/14']);
    expect(badFrames(d.push(hex('F0 6F 10 00 00 01 F7'), 0).events)).toEqual([{ offset: 7, reason: 'A16 value 16384 exceeds the 14-bit maximum 16383' }]);
    expect(badFrames(d.push(hex('F0 6F 10 F7'), 0).events)).toEqual([{ offset: 14, reason: 'extended analog message without a value' }]);
  });
});

describe('Firmata decoder: properties', () => {
  const session = concat(hex('00 12'), UNO_BOOT, UNO_CAPABILITIES, UNO_ANALOG_MAPPING, UNO_ANALOG_REPORTS, hex('F0 6F 0E 7F 07 F7'), UNO_ANALOG_REPORTS);

  it('any chunking of a stream gives the same events and the same writes', () => {
    fc.assert(
      fc.property(arbCuts(session.length), (cuts) => {
        expect(run(firmata(), session, cuts)).toEqual(run(firmata(), session));
      }),
    );
  });

  it('random and mutated streams, with ticks in between, never throw and every reading is in range', () => {
    fc.assert(
      fc.property(fc.oneof(arbMutated(session), fc.uint8Array({ maxLength: 300 })), fc.array(fc.nat({ max: 400 }), { maxLength: 10 }), (bytes, cuts) => {
        const d = firmata();
        d.reset(0);
        const events: DecodeEvent[] = [];
        let now = 0;
        let from = 0;
        for (const c of [...cuts.sort((a, b) => a - b), bytes.length]) {
          now += 700;
          events.push(...d.push(bytes.slice(from, Math.max(from, c)), now).events, ...d.tick(now).events);
          from = Math.max(from, c);
        }
        expect(wellFormed(events, bytes.length)).toBe(true);
      }),
    );
  });
});
