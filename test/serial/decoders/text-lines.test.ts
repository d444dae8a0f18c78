import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDecoder } from '../../../bridge/core/serial/decoders/index.js';
import { TextLinesDecoder, type TextSeparator } from '../../../bridge/core/serial/decoders/text-lines.js';
import { ascii, concat } from '../fixtures/bytes.js';
import { arbCuts, arbMutated, badFrames, kinds, push, readings, run, wellFormed } from '../fixtures/harness.js';
import { TEXT_MIXED } from '../fixtures/text.js';

const text = (separator: TextSeparator = 'any', bits = 10): TextLinesDecoder => new TextLinesDecoder(separator, bits);
const primed = (separator: TextSeparator = 'any', bits = 10): TextLinesDecoder => {
  const d = text(separator, bits);
  d.reset(0);
  d.push(ascii('\n'), 0);
  return d;
};

describe('text-lines decoder', () => {
  it('drops the first fragment, then one frame with one reading per line; blank lines ignored', () => {
    const r = run(text(), TEXT_MIXED);
    expect(readings(r.events)).toEqual(['A0=512/10', 'pot.3=100/10', 'fader/1=1023/10', 'gain_2=7/10']);
    expect(kinds(r.events)).toEqual(Array(4).fill(['frame', 'reading']).flat());
    expect(r.writes).toEqual([]);
  });

  it('is created by createDecoder with separator and bits', () => {
    const d = createDecoder({ kind: 'text-lines', separator: 'colon', bits: 12 });
    expect(readings(run(d, ascii('\nA0:4095\r\n')).events)).toEqual(['A0=4095/12']);
  });

  it("separator 'space' rejects colon lines, 'colon' rejects space lines", () => {
    const space = push(primed('space'), ascii('A0 1\nA1:2\n'));
    expect(readings(space)).toEqual(['A0=1/10']);
    expect(badFrames(space)).toEqual([{ offset: 6, reason: 'line "A1:2" is not `<name> <value>`' }]);
    const colon = push(primed('colon'), ascii('A0 1\nA1:2\n'));
    expect(readings(colon)).toEqual(['A1=2/10']);
    expect(badFrames(colon)).toEqual([{ offset: 1, reason: 'line "A0 1" is not `<name>:<value>`' }]);
  });

  it.each([
    ['name with a space', 'A 0 5', /is not `<name> <value>` or `<name>:<value>`/],
    ['name with a bad char', 'A#0 5', /is not/],
    ['no value', 'A0', /is not/],
    ['value above the bits', 'A0 1024', /value of A0 "1024" is above the 10-bit maximum 1023/],
    ['negative value', 'A0:-3', /value of A0 -3 is negative/],
    ['value not an integer', 'A0 1e3', /value of A0 "1e3" is not an integer/],
    ['empty value after colon', 'A0:', /value of A0 is empty/],
    ['two values', 'A0 1 2', /is not/],
  ])('%s is one bad frame at the line start', (_name, line, reason) => {
    const events = push(primed(), ascii(`A1 1\r\n${line}\r\nA2 2\n`));
    expect(badFrames(events)).toEqual([{ offset: 7, reason: expect.stringMatching(reason) }]);
    expect(readings(events)).toEqual(['A1=1/10', 'A2=2/10']);
  });

  it('drops the partial first line after each reset', () => {
    const d = text();
    d.reset(0);
    expect(push(d, ascii('12\r\nA0 5\r\n'))).toEqual([{ kind: 'frame' }, { kind: 'reading', channel: 'A0', raw: 5, bits: 10 }]);
    push(d, ascii('A0 6'));
    d.reset(1);
    expect(readings(push(d, ascii('00\r\nA0 7\r\n')))).toEqual(['A0=7/10']);
  });

  it('reports an over-long line once and recovers', () => {
    const events = push(primed(), ascii(`A0 ${'1'.repeat(400)}\nA0 3\n`));
    expect(badFrames(events)).toEqual([{ offset: 1, reason: 'line longer than 256 bytes' }]);
    expect(readings(events)).toEqual(['A0=3/10']);
  });

  it('property: any chunking of a stream gives the same events', () => {
    const stream = concat(TEXT_MIXED, ascii(`bad line\r\n${'x'.repeat(300)}\nA9 9\n`));
    fc.assert(
      fc.property(arbCuts(stream.length), (cuts) => {
        expect(run(text(), stream, cuts)).toEqual(run(text(), stream));
      }),
    );
  });

  it('property: mutated streams never throw and every reading is in range', () => {
    fc.assert(
      fc.property(fc.oneof(arbMutated(TEXT_MIXED), fc.uint8Array({ maxLength: 300 })), fc.constantFrom<TextSeparator>('space', 'colon', 'any'), fc.integer({ min: 1, max: 16 }), (stream, sep, bits) => {
        expect(wellFormed(run(text(sep, bits), stream).events, stream.length)).toBe(true);
      }),
    );
  });
});
