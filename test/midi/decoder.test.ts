import { describe, expect, it } from 'vitest';
import { cc14, decodeBytes, nrpn } from './decode-helpers.js';

describe('14-bit CC pairs (declared per profile)', () => {
  it('CC n is never paired with n+32 unless declared (nanoKONTROL2: fader CC 0, button CC 32)', () => {
    expect(decodeBytes([], [[0, [0xb0, 0, 100, 32, 127]]])).toEqual(['cc 0 0 = 100/127', 'cc 0 32 = 127/127']);
  });

  it('MSB then LSB: a device seen not to send LSBs gets later MSBs at once', () => {
    expect(decodeBytes([cc14(0, 7)], [[0, [0xb0, 7, 64]], [5, []], [11, [0xb0, 7, 65]]])).toEqual(['cc14 0 7 = 8192/16383', 'cc14 0 7 = 8320/16383']);
  });

  it('once LSBs are seen, an MSB waits for its LSB: no half-updated jump', () => {
    // 0x3F7F → 0x4000 → 0x4011: an emitted lone MSB 0x40 with the old LSB would read 0x407F.
    const got = decodeBytes([cc14(0, 7)], [[0, [0xb0, 7, 0x3f, 39, 0x7f]], [1, [0xb0, 7, 0x40]], [2, [0xb0, 39, 0x00]], [3, [0xb0, 7, 0x40, 39, 0x11]]]);
    expect(got).toEqual(['cc14 0 7 = 8191/16383', 'cc14 0 7 = 8192/16383', 'cc14 0 7 = 8209/16383']);
  });

  it('a new MSB resets the LSB: an MSB whose LSB never comes is emitted with LSB 0 after the wait', () => {
    expect(decodeBytes([cc14(0, 7)], [[0, [0xb0, 7, 10, 39, 99]], [1, [0xb0, 7, 11]], [20, []]])).toEqual(['cc14 0 7 = 1379/16383', 'cc14 0 7 = 1408/16383']);
  });

  it('a lone LSB refines the cached MSB', () => {
    expect(decodeBytes([cc14(0, 7)], [[0, [0xb0, 7, 10, 39, 1]], [1, [0xb0, 39, 2]], [2, [0xb0, 39, 3]]])).toEqual(['cc14 0 7 = 1281/16383', 'cc14 0 7 = 1282/16383', 'cc14 0 7 = 1283/16383']);
  });

  it('an LSB before any MSB is ignored', () => {
    expect(decodeBytes([cc14(0, 7)], [[0, [0xb0, 39, 5]]])).toEqual([]);
  });

  it('an interleaved CC between MSB and LSB does not break the pair (per-channel scanner)', () => {
    expect(decodeBytes([cc14(0, 7), cc14(0, 8)], [[0, [0xb0, 7, 1, 39, 0, 8, 2, 40, 0]], [1, [0xb0, 7, 3, 8, 4, 1, 9, 39, 5, 40, 6]]])).toEqual([
      'cc14 0 7 = 128/16383',
      'cc14 0 8 = 256/16383',
      'cc 0 1 = 9/127',
      'cc14 0 7 = 389/16383',
      'cc14 0 8 = 518/16383',
    ]);
  });

  it('pairs are per channel', () => {
    expect(decodeBytes([cc14(0, 7)], [[0, [0xb1, 7, 1, 39, 1]]])).toEqual(['cc 1 7 = 1/127', 'cc 1 39 = 1/127']);
  });

  it('LSB first (profile switch): the LSB waits for its MSB', () => {
    expect(decodeBytes([cc14(2, 1, true)], [[0, [0xb2, 33, 5, 1, 64]], [1, [0xb2, 33, 6]], [30, []]])).toEqual(['cc14 2 1 = 8197/16383', 'cc14 2 1 = 8198/16383']);
  });
});

describe('NRPN and RPN', () => {
  it('7-bit NRPN: 99/98 select, CC 6 is the whole value', () => {
    expect(decodeBytes([nrpn(0, 0x0102, 7)], [[0, [0xb0, 99, 2, 98, 2, 6, 100]]])).toEqual(['nrpn 0 258 = 100/127']);
  });

  it('14-bit NRPN: CC 6 then CC 38, selection in either order; CC 6 alone waits for 38', () => {
    const got = decodeBytes([nrpn(0, 5, 14)], [[0, [0xb0, 98, 5, 99, 0, 6, 64, 38, 1]], [1, [0xb0, 38, 2]], [2, [0xb0, 6, 65]], [30, []]]);
    expect(got).toEqual(['nrpn 0 5 = 8193/16383', 'nrpn 0 5 = 8194/16383', 'nrpn 0 5 = 8320/16383']);
  });

  it('CC 38 without a CC 6 for the current parameter is ignored', () => {
    expect(decodeBytes([nrpn(0, 5, 14)], [[0, [0xb0, 99, 0, 98, 5, 38, 9]]])).toEqual([]);
  });

  it('increment and decrement (CC 96/97) are ±1 steps', () => {
    expect(decodeBytes([nrpn(3, 1, 14)], [[0, [0xb3, 99, 0, 98, 1, 96, 0, 97, 0]]])).toEqual(['nrpn 3 1 +1', 'nrpn 3 1 -1']);
  });

  it('RPN uses 101/100; the null RPN 127/127 makes data entry ignored', () => {
    expect(decodeBytes([nrpn(0, 0, 14, 'rpn')], [[0, [0xb0, 101, 0, 100, 0, 6, 2, 38, 0, 101, 127, 100, 127, 6, 9, 38, 9]]])).toEqual(['rpn 0 0 = 256/16383']);
  });

  it('interleaved streams on two channels keep their own state', () => {
    const got = decodeBytes([nrpn(0, 1, 7), nrpn(1, 2, 7)], [[0, [0xb0, 99, 0, 0xb1, 99, 0, 0xb0, 98, 1, 0xb1, 98, 2, 6, 20, 0xb0, 6, 10]]]);
    expect(got).toEqual(['nrpn 1 2 = 20/127', 'nrpn 0 1 = 10/127']);
  });

  it('before any selection, CC 6/38 are ordinary controllers', () => {
    expect(decodeBytes([], [[0, [0xb0, 6, 1, 38, 2]]])).toEqual(['cc 0 6 = 1/127', 'cc 0 38 = 2/127']);
  });
});

describe('other channel messages', () => {
  it('pitch bend is 14-bit, LSB first', () => {
    expect(decodeBytes([], [[0, [0xe8, 0x7f, 0x7c]]])).toEqual(['pb 8 = 15999/16383']);
  });

  it('note-on, note-on velocity 0 and note-off', () => {
    expect(decodeBytes([], [[0, [0x90, 0x68, 0x7f, 0x68, 0, 0x80, 0x68, 0x40]]])).toEqual(['note 0 104 = 127/127', 'note 0 104 = 0/127', 'note 0 104 = 0/127']);
  });

  it('channel and poly aftertouch, program change', () => {
    expect(decodeBytes([], [[0, [0xd2, 50, 0xa1, 60, 70, 0xc0, 3]]])).toEqual(['cp 2 = 50/127', 'pp 1 60 = 70/127', 'pc 0 3 trigger']);
  });
});
