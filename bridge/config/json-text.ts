/**
 * JSON text → value, with the line and column of the first syntax error. JSON.parse does the
 * parsing; on failure a small RFC 8259 scanner finds the position, because V8's messages only
 * sometimes carry an offset ("Unexpected token 'x', "xyz" is not valid JSON" has none).
 */
export type JsonText =
  | { readonly ok: true; readonly value: unknown }
  /** line and column are 1-based; column counts UTF-16 code units. */
  | { readonly ok: false; readonly line: number; readonly column: number; readonly message: string };

export function parseJsonText(text: string): JsonText {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text; // a BOM is not JSON, editors add it
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (e) {
    const found = findJsonSyntaxError(body) ?? { offset: 0, message: e instanceof Error ? e.message : String(e) };
    return { ok: false, ...lineColumn(body, found.offset), message: found.message };
  }
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastNl = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastNl };
}

class Stop {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/** The offset and reason of the first syntax error in the text, or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): { offset: number; message: string } | undefined {
  let i = 0;
  const what = (): string => (i >= text.length ? 'end of input' : `character ${JSON.stringify(text[i])}`);
  const stop = (message: string): never => {
    throw new Stop(i, message);
  };
  const skip = (): void => {
    while (i < text.length && WS.has(text[i] ?? '')) i++;
  };
  const str = (): void => {
    i++; // opening quote
    for (;;) {
      const c = text[i];
      if (c === undefined) stop('unterminated string');
      if (c === '"') break;
      if (c === '\\') {
        ESCAPE.lastIndex = i;
        if (!ESCAPE.test(text)) stop('bad escape sequence in string');
        i = ESCAPE.lastIndex;
      } else if ((c ?? '') < ' ') stop('control character in string (escape it)');
      else i++;
    }
    i++;
  };
  const value = (): void => {
    skip();
    const c = text[i];
    if (c === '{') return container('}', true);
    if (c === '[') return container(']', false);
    if (c === '"') return str();
    for (const lit of ['true', 'false', 'null']) if (text.startsWith(lit, i)) return void (i += lit.length);
    NUMBER.lastIndex = i;
    if (c !== undefined && /[-\d]/.test(c) && NUMBER.test(text)) return void (i = NUMBER.lastIndex);
    stop(`unexpected ${what()}, expected a value`);
  };
  const container = (close: '}' | ']', isObject: boolean): void => {
    i++;
    skip();
    if (text[i] === close) return void i++;
    for (;;) {
      if (isObject) {
        skip();
        if (text[i] !== '"') stop(`unexpected ${what()}, expected a property name in double quotes`);
        str();
        skip();
        if (text[i] !== ':') stop(`unexpected ${what()}, expected ':' after the property name`);
        i++;
      }
      value();
      skip();
      if (text[i] === close) return void i++;
      if (text[i] !== ',') stop(`unexpected ${what()}, expected ',' or '${close}'`);
      i++;
    }
  };
  try {
    value();
    skip();
    if (i < text.length) stop(`unexpected ${what()} after the JSON value`);
    return undefined;
  } catch (e) {
    if (e instanceof Stop) return { offset: e.offset, message: e.message };
    return { offset: i, message: 'nesting too deep' }; // RangeError: call stack exhausted
  }
}
