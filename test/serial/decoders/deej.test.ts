import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeejDecoder } from '../../../bridge/core/serial/decoders/deej.js';
import { createDecoder } from '../../../bridge/core/serial/decoders/index.js';
import { MAX_LINE_BYTES } from '../../../bridge/core/serial/decoders/lines.js';
import { ascii, concat } from '../fixtures/bytes.js';
import { arbCuts, arbMutated, badFrames, kinds, push, readings, run, wellFormed } from '../fixtures/harness.js';
import { DEEJ_LF_ONLY, DEEJ_OPEN_MID_LINE } from '../fixtures/text.js';

const deej = (bits = 10): DeejDecoder => new DeejDecoder(bits);
/** A decoder past its first (dropped) line. */
const primed = (bits = 10): DeejDecoder => {
  const d = deej(bits);
  d.reset(0);
  d.push(ascii('\n'), 0);
  return d;
};

describe('deej decoder', () => {
  it('drops the partial first line after open, then one frame and one reading per slider (CRLF)', () => {
    const r = run(deej(), DEEJ_OPEN_MID_LINE);
    expect(r.writes).toEqual([]);
    expect(kinds(r.events)).toEqual(['frame', ...Array(5).fill('reading'), 'frame', ...Array(5).fill('reading')]);
    expect(readings(r.events)).toEqual(['0=512/10', '1=1023/10', '2=0/10', '3=77/10', '4=1/10', '0=511/10', '1=1023/10', '2=0/10', '3=78/10', '4=1/10']);
  });

  it('takes LF-only line ends', () => {
    expect(readings(run(deej(), DEEJ_LF_ONLY).events)).toEqual(['0=5/10', '1=6/10', '2=7/10', '0=8/10', '1=9/10', '2=10/10']);
  });

  it('drops the partial line again after every reset (a reopen mid-line)', () => {
    const d = primed();
    expect(readings(push(d, ascii('1|2')))).toEqual([]);
    d.reset(5);
    expect(readings(push(d, ascii('3|4\r\n5|6\r\n')))).toEqual(['0=5/10', '1=6/10']);
  });

  it('is created by createDecoder with the spec bits', () => {
    const d = createDecoder({ kind: 'deej', bits: 12 });
    expect(readings(run(d, ascii('\n4095|0\r\n')).events)).toEqual(['0=4095/12', '1=0/12']);
  });

  it.each([
    ['non-integer field', '512|abc|3', /field 1 "abc" is not an integer/],
    ['decimal field', '512|3.5|3', /field 1 "3\.5" is not an integer/],
    ['value above 10 bits', '1024|0|3', /field 0 "1024" is above the 10-bit maximum 1023/],
    ['negative value', '5|-1|3', /field 1 -1 is negative/],
    ['empty field', '5||3', /field 1 is empty/],
    ['trailing separator', '5|3|', /field 2 is empty/],
    ['stray CR inside the line', '5\r|3', /field 0 "5\\r" is not an integer/],
  ])('%s: one bad frame at the line start, nothing from the line used', (_name, line, reason) => {
    const d = primed();
    const events = push(d, ascii(`7|7\r\n${line}\r\n8|8\r\n`));
    expect(badFrames(events)).toEqual([{ offset: 1 + 5, reason: expect.stringMatching(reason) }]);
    expect(readings(events)).toEqual(['0=7/10', '1=7/10', '0=8/10', '1=8/10']);
    expect(kinds(events).filter((k) => k === 'frame')).toHaveLength(2);
  });

  it('ignores blank lines', () => {
    const d = primed();
    expect(push(d, ascii('\r\n\n  \r\n'))).toEqual([]);
  });

  it('reports an over-long line once, at its start, and recovers at the next LF', () => {
    const d = primed();
    const long = '1|'.repeat(200);
    const events = push(d, ascii(`${long}\r\n3|4\r\n`));
    expect(badFrames(events)).toEqual([{ offset: 1, reason: `line longer than ${MAX_LINE_BYTES} bytes` }]);
    expect(readings(events)).toEqual(['0=3/10', '1=4/10']);
  });

  it('the limit is 256 bytes before the LF, a CR included', () => {
    const fits = `${'0|'.repeat(127)}1`; // 255 chars, + CR = 256 bytes
    expect(fits.length + 1).toBe(MAX_LINE_BYTES);
    expect(badFrames(push(primed(), ascii(`${fits}\r\n`)))).toEqual([]);
    expect(badFrames(push(primed(), ascii(`${fits}0\r\n`)))).toEqual([{ offset: 1, reason: 'line longer than 256 bytes' }]);
  });

  it('binary garbage becomes bad frames and the stream recovers', () => {
    const d = primed();
    const events = push(d, concat([0xff, 0x00, 0x80, 0x7c, 0x0a], ascii('9|9\r\n')));
    expect(badFrames(events)).toHaveLength(1);
    expect(readings(events)).toEqual(['0=9/10', '1=9/10']);
  });

  it('property: any chunking of a stream gives the same events', () => {
    const stream = concat(DEEJ_OPEN_MID_LINE, ascii(`x|1\r\n${'9'.repeat(300)}\n1|2|3\n`));
    fc.assert(
      fc.property(arbCuts(stream.length), (cuts) => {
        expect(run(deej(), stream, cuts)).toEqual(run(deej(), stream));
      }),
    );
  });

  it('property: mutated streams never throw and every reading is in range', () => {
    fc.assert(
      fc.property(fc.oneof(arbMutated(DEEJ_OPEN_MID_LINE), fc.uint8Array({ maxLength: 300 })), fc.integer({ min: 1, max: 16 }), fc.array(fc.nat(), { maxLength: 8 }), (stream, bits, cuts) => {
        const r = run(deej(bits), stream, cuts);
        expect(wellFormed(r.events, stream.length)).toBe(true);
        expect(run(deej(bits), stream).events).toEqual(r.events);
      }),
    );
  });
});
