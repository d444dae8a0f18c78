import type { DecodeEvent } from '../decoder.js';

/**
 * Line framing and value parsing shared by the text protocols (deej, text lines). Bytes are read
 * as Latin-1 (one char per byte), so a chunk boundary can never split a character; anything
 * outside ASCII then fails the protocol's own syntax check.
 */

/** Longest accepted line in bytes before its LF (a trailing CR counts): real lines are < 64. */
export const MAX_LINE_BYTES = 256;

const LF = 0x0a;
const CR = 0x0d;

/** A complete line (without LF/CRLF), or a line that grew past the limit; offsets are stream byte offsets of the line's first byte. */
export type LineItem =
  | { readonly kind: 'line'; readonly text: string; readonly offset: number }
  | { readonly kind: 'too-long'; readonly offset: number };

/**
 * Splits a byte stream into lines ending in LF or CRLF. After `reset()` everything up to and
 * including the first LF is dropped silently: the board was mid-line when the port opened (an Uno
 * resets on open, a native-USB board does not), so that first line is a fragment, not an error.
 * A line longer than `maxBytes` is reported once, when it passes the limit, and skipped to its LF.
 */
export class LineSplitter {
  /** Stream offset of the next byte, counted from reset. */
  private offset = 0;
  private mode: 'first' | 'line' | 'too-long' = 'first';
  private buf: number[] = [];
  private start = 0;

  constructor(private readonly maxBytes = MAX_LINE_BYTES) {}

  reset(): void {
    this.offset = 0;
    this.mode = 'first';
    this.buf = [];
    this.start = 0;
  }

  push(bytes: Uint8Array): LineItem[] {
    const out: LineItem[] = [];
    for (const b of bytes) {
      const at = this.offset++;
      if (b === LF) {
        if (this.mode === 'line') {
          const n = this.buf.length > 0 && this.buf[this.buf.length - 1] === CR ? this.buf.length - 1 : this.buf.length;
          out.push({ kind: 'line', text: String.fromCharCode(...this.buf.slice(0, n)), offset: this.start });
        }
        this.mode = 'line';
        this.buf = [];
        this.start = at + 1;
        continue;
      }
      if (this.mode !== 'line') continue;
      if (this.buf.length >= this.maxBytes) {
        out.push({ kind: 'too-long', offset: this.start });
        this.mode = 'too-long';
        this.buf = [];
        continue;
      }
      this.buf.push(b);
    }
    return out;
  }
}

/** The bad-frame event for a line past the limit. */
export const tooLong = (item: { readonly offset: number }, maxBytes = MAX_LINE_BYTES): DecodeEvent => ({
  kind: 'bad-frame',
  offset: item.offset,
  reason: `line longer than ${maxBytes} bytes`,
});

/** A parsed reading value, or why the text is not one. */
export type ValueParse = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly reason: string };

/**
 * A decimal integer 0 .. 2^bits − 1 (optional leading `-` only to say "negative" precisely).
 * `what` names the field in the reason (`field 2`, `value`).
 */
export function parseValue(text: string, bits: number, what: string): ValueParse {
  if (text === '') return { ok: false, reason: `${what} is empty` };
  if (!/^-?[0-9]+$/.test(text)) return { ok: false, reason: `${what} ${quote(text)} is not an integer` };
  const value = Number(text);
  if (value < 0) return { ok: false, reason: `${what} ${text} is negative` };
  const max = 2 ** bits - 1;
  if (value > max) return { ok: false, reason: `${what} ${quote(text)} is above the ${bits}-bit maximum ${max}` };
  return { ok: true, value };
}

/** Text for a reason: JSON-quoted, cut to 24 chars so a garbage line does not flood the log. */
export const quote = (text: string): string => JSON.stringify(text.length > 24 ? `${text.slice(0, 24)}…` : text);
