import { assertNever } from '../../assert-never.js';
import { NOTHING, type DecodeEvent, type DecodeResult, type SerialDecoder } from '../decoder.js';
import { LineSplitter, parseValue, quote, tooLong } from './lines.js';

/** Which `<name><separator><value>` forms a text-lines box may send. */
export type TextSeparator = 'space' | 'colon' | 'any';

/**
 * Channel name then separator then value, after trimming the line: `A0 512` (spaces or tabs) or
 * `A0:512` (spaces allowed around the colon). Names: `[A-Za-z0-9_./-]+`.
 */
const SPACE = /^([A-Za-z0-9_./-]+)[ \t]+(\S*)$/;
const COLON = /^([A-Za-z0-9_./-]+)[ \t]*:[ \t]*(\S*)$/;

/**
 * Plain text lines, one reading per line (`Serial.print("A0 "); Serial.println(analogRead(A0));`):
 * each good line is one `frame` with one `reading`; blank lines are ignored; anything else (no
 * separator, bad name, value not an integer in 0 .. 2^bits − 1) is a `bad-frame`. One-way.
 */
export class TextLinesDecoder implements SerialDecoder {
  private readonly lines = new LineSplitter();

  constructor(
    private readonly separator: TextSeparator,
    /** Resolution of the values in bits (10 for `analogRead` on an Uno). */
    private readonly bits: number,
  ) {}

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
          this.line(item.text.trim(), item.offset, events);
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
    if (text === '') return;
    const m = this.match(text);
    if (m === null) {
      events.push({ kind: 'bad-frame', offset, reason: `line ${quote(text)} is not ${this.form()}` });
      return;
    }
    const [, name = '', value = ''] = m;
    const v = parseValue(value, this.bits, `value of ${name}`);
    if (!v.ok) {
      events.push({ kind: 'bad-frame', offset, reason: v.reason });
      return;
    }
    events.push({ kind: 'frame' }, { kind: 'reading', channel: name, raw: v.value, bits: this.bits });
  }

  private match(text: string): RegExpExecArray | null {
    switch (this.separator) {
      case 'space':
        return SPACE.exec(text);
      case 'colon':
        return COLON.exec(text);
      case 'any':
        // Colon first: `A0 : 512` is a colon line, not name `A0` with value `: 512`.
        return COLON.exec(text) ?? SPACE.exec(text);
      default:
        return assertNever(this.separator, 'separator');
    }
  }

  private form(): string {
    switch (this.separator) {
      case 'space':
        return '`<name> <value>`';
      case 'colon':
        return '`<name>:<value>`';
      case 'any':
        return '`<name> <value>` or `<name>:<value>`';
      default:
        return assertNever(this.separator, 'separator');
    }
  }
}
