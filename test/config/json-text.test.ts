import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, parseJsonText } from '../../bridge/config/json-text.js';

describe('parseJsonText', () => {
  it.each([
    ['{"a":}', 1, 6, 'expected a value'],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, "expected ',' or '}'"],
    ['{\n  "a": 1,\n}', 3, 1, 'property name in double quotes'],
    ['[1, 2', 1, 6, "expected ',' or ']'"],
    ['xyz', 1, 1, 'expected a value'],
    ['', 1, 1, 'end of input'],
    ['{"a" 1}', 1, 6, "expected ':'"],
    ['{"a": "b\\x"}', 1, 9, 'bad escape'],
    ['{"a": 01}', 1, 8, "expected ',' or '}'"],
    ['{} {}', 1, 4, 'after the JSON value'],
    ['{"a": "unterminated', 1, 20, 'unterminated string'],
  ])('%j: line %i, column %i', (text, line, column, message) => {
    const r = parseJsonText(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect([r.line, r.column]).toEqual([line, column]);
      expect(r.message).toContain(message);
    }
  });

  it('accepts a leading byte order mark', () => {
    expect(parseJsonText('\uFEFF{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('agrees with JSON.parse on what is valid', () => {
    // Valid JSON, arbitrary text, and JSON with one character removed (mostly invalid).
    const damaged = fc.json().chain((j) => fc.nat(j.length).map((i) => j.slice(0, i) + j.slice(i + 1)));
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string(), damaged), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(findJsonSyntaxError(text) === undefined).toBe(valid);
      }),
      { numRuns: 500 },
    );
  });
});
