import { assertNever } from '../../assert-never.js';
import { NOTHING, type DecodeEvent, type DecodeResult, type SerialDecoder } from '../decoder.js';
import { LineSplitter, parseValue, tooLong } from './lines.js';

/**
 * deej (github.com/omriharel/deej, Arduino sketch deej-5-sliders-vanilla): every 10 ms, whether or
 * not anything moved, one line `v0|v1|...|vN` + CRLF of 10-bit `analogRead` values at 9600 baud.
 * Each good line is one `frame` and one `reading` per field, channels `0`, `1`, ... A line with
 * any bad field (empty, not an integer, negative, above 2^bits − 1) is one `bad-frame` and nothing
 * of it is used. Blank lines carry nothing and are ignored. One-way: nothing is ever written.
 */
export class DeejDecoder implements SerialDecoder {
  private readonly lines = new LineSplitter();

  /** `bits`: the ADC resolution of the values (10 for an Uno's `analogRead`). */
  constructor(private readonly bits: number) {}

  reset(_now: number): DecodeResult {
    this.lines.reset();
    return NOTHING;
  }

  push(bytes: Uint8Array, _now: number): DecodeResult {
    const events: DecodeEvent[] = [];
    for (const item of this.lines.push(bytes)) {
      switch (item.kind) {
        case 'too-long':
          events.push(tooLong(item));
          break;
        case 'line':
          this.line(item.text, item.offset, events);
          break;
        default:
          assertNever(item, 'line item');
      }
    }
    return events.length > 0 ? { events, writes: [] } : NOTHING;
  }

  nextDeadline(): number | undefined {
    return undefined;
  }

  tick(_now: number): DecodeResult {
    return NOTHING;
  }

  private line(text: string, offset: number, events: DecodeEvent[]): void {
    if (text.trim() === '') return;
    const fields = text.split('|');
    const readings: DecodeEvent[] = [];
    for (let i = 0; i < fields.length; i++) {
      const v = parseValue(fields[i] ?? '', this.bits, `field ${i}`);
      if (!v.ok) {
        events.push({ kind: 'bad-frame', offset, reason: v.reason });
        return;
      }
      readings.push({ kind: 'reading', channel: String(i), raw: v.value, bits: this.bits });
    }
    events.push({ kind: 'frame' }, ...readings);
  }
}
