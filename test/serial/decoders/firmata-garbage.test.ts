import { describe, expect, it } from 'vitest';
import { FirmataDecoder } from '../../../bridge/core/serial/decoders/firmata.js';
import { FIRMATA_SYSEX_LIMIT } from '../../../bridge/core/serial/decoders/firmata-framer.js';
import { concat, hex } from '../fixtures/bytes.js';
import { badFrames, readings, run } from '../fixtures/harness.js';

const firmata = (ms = 10): FirmataDecoder => new FirmataDecoder(ms);

describe('Firmata decoder: garbage and resync', () => {
  it('data bytes where a status belongs: one bad frame per run, resync on the next status', () => {
    const r = run(firmata(), hex('07 7F 01 | E0 01 00'));
    expect(badFrames(r.events)).toEqual([{ offset: 0, reason: 'data byte 0x07 where a status byte was expected' }]);
    expect(readings(r.events)).toEqual(['A0=1/10']);
  });

  it('an unknown status is a bad frame; its data bytes are skipped', () => {
    const r = run(firmata(), hex('A0 01 02 | B3 | E1 02 00'));
    expect(badFrames(r.events)).toEqual([
      { offset: 0, reason: 'unknown status byte 0xA0' },
      { offset: 3, reason: 'unknown status byte 0xB3' },
    ]);
    expect(readings(r.events)).toEqual(['A1=2/10']);
  });

  it('a message cut short (board reset mid-message) is a bad frame at its start', () => {
    const r = run(firmata(), hex('E0 05 | F9 02 05 | E0 06 00'));
    expect(badFrames(r.events)).toEqual([{ offset: 0, reason: 'message 0xE0 cut short by status byte 0xF9' }]);
    expect(readings(r.events)).toEqual(['A0=6/10']);
  });

  it(`a SysEx longer than ${FIRMATA_SYSEX_LIMIT} bytes is one bad frame; the stream goes on after its F7`, () => {
    const r = run(firmata(), concat(hex('E0 01 00 | F0 71'), new Uint8Array(2000).fill(0x41), hex('F7 | E0 02 00')));
    expect(badFrames(r.events)).toEqual([{ offset: 3, reason: `SysEx longer than ${FIRMATA_SYSEX_LIMIT} bytes` }]);
    expect(readings(r.events)).toEqual(['A0=1/10', 'A0=2/10']);
  });

  it('a SysEx cut short by a status byte is a bad frame at its F0', () => {
    const r = run(firmata(), hex('F0 6A 7F 7F | E0 03 00'));
    expect(badFrames(r.events)).toEqual([{ offset: 0, reason: 'SysEx cut short by status byte 0xE0' }]);
    expect(readings(r.events)).toEqual(['A0=3/10']);
  });

  it('a malformed capability response is a bad frame', () => {
    const r = run(firmata(), hex('F0 6C 00 01 02 F7'));
    expect(badFrames(r.events)).toEqual([{ offset: 0, reason: 'capability response: pin 0 mode 2 has no resolution byte' }]);
  });
});
