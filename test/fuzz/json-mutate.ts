/**
 * Mutations of JSON documents (a shipped or hand-written valid file, edited at random places the
 * way a person or a broken tool would) and of JSON text. Everything here is deterministic in its
 * inputs, so a mutation plan drawn by fast-check replays exactly.
 */
import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * Nesting the mutations build at most: beyond where a recursive walk would overflow the stack
 * (about 1,700), which bridge/config/validate.ts must report as a problem, never throw on.
 */
export const MAX_NEST = 2500;
/** Longest array duplication makes (a copy of a control or mapping costs a schema check each). */
export const MAX_ARRAY = 120;
/**
 * Most nodes one duplication copies. Without it, 93 copies of a value nested 2,348 deep printed
 * with indentation made a gigabyte of text (the bench's one "failure" at 1M cases: V8's
 * "Invalid string length" in the harness's own JSON.stringify); a real file that size is refused
 * unread by the loaders (bridge/config/json-file.ts, MAX_JSON_FILE_BYTES), as test/config and
 * test/session check.
 */
export const MAX_COPIED_NODES = 20_000;

const deep = (depth: number, leaf: Json, asObject: boolean): Json => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = asObject ? { a: v } : [v];
  return v;
};

/** Values no schema expects: wrong types, non-finite look-alikes, huge and tiny numbers, odd strings. */
export const NASTY: readonly Json[] = [
  null,
  true,
  false,
  0,
  -1,
  1,
  0.5,
  2,
  127,
  1e308,
  -1e308,
  1e-320,
  2 ** 53 + 2,
  1.7976931348623157e308,
  1.5,
  65536,
  '',
  ' ',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e999',
  '0x10',
  '1',
  'true',
  'null',
  '\u0000',
  '\u00e9\u{1F39B}',
  '../../../etc/passwd',
  '/dev/null',
  'x'.repeat(300),
  'fader/1',
  'input.gain',
  [],
  {},
  [null],
  [1, 2, 3],
  { kind: 'x' },
  { min: 1, max: 1 },
  deep(40, 1, false),
  deep(40, 1, true),
];

const KEYS = ['extra', '__proto__', 'constructor', 'prototype', 'toString', 'kind', 'min', 'max', 'id', 'osc', 'midi', 'schemaVersion', '', 'x'.repeat(80), '\u0000', 'a/b', '~0', '1.0', ' 7', '_gain', 'A 0'];
const VERSIONS: readonly Json[] = [0, 2, 3, -1, 1.5, '1', null, true, 1e308, [1], {}];

export type JsonMutation =
  | { readonly op: 'delete'; readonly at: number }
  | { readonly op: 'replace'; readonly at: number; readonly value: Json }
  | { readonly op: 'swap-type'; readonly at: number }
  | { readonly op: 'add-key'; readonly at: number; readonly key: string; readonly value: Json }
  | { readonly op: 'duplicate'; readonly at: number; readonly times: number }
  | { readonly op: 'nest'; readonly at: number; readonly depth: number; readonly asObject: boolean }
  | { readonly op: 'number'; readonly at: number; readonly how: number }
  | { readonly op: 'string'; readonly at: number; readonly how: number }
  | { readonly op: 'version'; readonly value: Json };

const at = fc.integer({ min: 0, max: 1 << 20 });
const nasty = fc.constantFrom(...NASTY);

export const jsonMutation: fc.Arbitrary<JsonMutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('replace' as const), at, value: nasty }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('swap-type' as const), at }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('add-key' as const), at, key: fc.constantFrom(...KEYS), value: nasty }) },
  // Copies of an element (large counts rarely: each copy of a control or mapping costs a schema check).
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at, times: fc.oneof({ weight: 16, arbitrary: fc.constant(1) }, { weight: 4, arbitrary: fc.integer({ min: 2, max: 8 }) }, { weight: 1, arbitrary: fc.integer({ min: 9, max: 100 }) }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('nest' as const), at, depth: fc.oneof({ weight: 16, arbitrary: fc.integer({ min: 1, max: 8 }) }, { weight: 1, arbitrary: fc.integer({ min: 9, max: MAX_NEST }) }), asObject: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('number' as const), at, how: fc.integer({ min: 0, max: 11 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('string' as const), at, how: fc.integer({ min: 0, max: 9 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('version' as const), value: fc.constantFrom(...VERSIONS) }) },
);

/** Every node below the root: its parent and key (iteratively: documents may nest deep). */
function nodes(root: Json): { parent: Json[] | { [k: string]: Json }; key: string | number }[] {
  const out: { parent: Json[] | { [k: string]: Json }; key: string | number }[] = [];
  const todo: Json[] = [root];
  for (let v = todo.pop(); v !== undefined; v = todo.pop()) {
    if (Array.isArray(v))
      v.forEach((x, i) => {
        out.push({ parent: v, key: i });
        todo.push(x);
      });
    else if (v !== null && typeof v === 'object')
      for (const k of Object.keys(v)) {
        out.push({ parent: v, key: k });
        todo.push(v[k] as Json);
      }
  }
  return out;
}

const clone = (v: Json): Json => (v === null || typeof v !== 'object' ? v : (JSON.parse(JSON.stringify(v)) as Json));

function swapType(v: Json): Json {
  if (v === null) return {};
  if (Array.isArray(v)) return Object.fromEntries(v.map((x, i) => [String(i), x]));
  switch (typeof v) {
    case 'number':
      return String(v);
    case 'string':
      return v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v.length > 0;
    case 'boolean':
      return v ? 1 : 'false';
    default:
      return Object.values(v);
  }
}

function tweakNumber(x: number, how: number): Json {
  switch (how) {
    case 0:
      return x + 1;
    case 1:
      return -x;
    case 2:
      return x * 1e300;
    case 3:
      return x / 1e300;
    case 4:
      return x + 0.1 + 0.2;
    case 5:
      return Math.round(x) + 0.5;
    case 6:
      return 2 ** 53 + 1;
    case 7:
      return -0;
    case 8:
      return x - 1;
    case 9:
      return x * 1000;
    case 10:
      return 1e-320;
    default:
      return Number.MAX_VALUE;
  }
}

function tweakString(s: string, how: number): Json {
  switch (how) {
    case 0:
      return '';
    case 1:
      return `${s} `;
    case 2:
      return s.toUpperCase();
    case 3:
      return `${s}/x`;
    case 4:
      return s.slice(0, -1);
    case 5:
      return s.repeat(20);
    case 6:
      return `${s}\u0000`;
    case 7:
      return `../${s}`;
    case 8:
      return `${s}.${s}`;
    default:
      return s.replace(/./g, '\u00e9');
  }
}

/** Sets `key` on an object as an own property, even `__proto__` (as JSON.parse does). */
function setOwn(o: { [k: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A mutated deep copy of `doc`. */
export function mutateJson(doc: Json, ms: readonly JsonMutation[]): Json {
  let root = clone(doc);
  for (const m of ms) {
    if (m.op === 'version') {
      if (root !== null && typeof root === 'object' && !Array.isArray(root)) setOwn(root, 'schemaVersion', m.value);
      continue;
    }
    const all = nodes(root);
    const target = all[m.at % Math.max(1, all.length)];
    if (target === undefined) {
      if (m.op === 'replace') root = clone(m.value);
      continue;
    }
    const { parent, key } = target;
    const get = (): Json => (Array.isArray(parent) ? (parent[key as number] as Json) : (parent[key as string] as Json));
    const set = (v: Json): void => {
      if (Array.isArray(parent)) parent[key as number] = v;
      else setOwn(parent, key as string, v);
    };
    const v = get();
    switch (m.op) {
      case 'delete':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key as string];
        break;
      case 'replace':
        set(clone(m.value));
        break;
      case 'swap-type':
        set(swapType(v));
        break;
      case 'add-key': {
        const obj = v !== null && typeof v === 'object' && !Array.isArray(v) ? v : Array.isArray(parent) ? undefined : parent;
        if (obj !== undefined) setOwn(obj, m.key, clone(m.value));
        break;
      }
      case 'duplicate': {
        // Arrays grow to MAX_ARRAY at most, however many duplications are drawn.
        const into = Array.isArray(parent) ? parent : Array.isArray(v) ? v : undefined;
        const copied = Array.isArray(parent) ? v : Array.isArray(v) ? (v[v.length - 1] ?? null) : null;
        const n = into === undefined ? 0 : Math.min(m.times, MAX_ARRAY - into.length, Math.floor(MAX_COPIED_NODES / (nodes(copied).length + 1)));
        if (n <= 0 || into === undefined) break;
        if (Array.isArray(parent)) parent.splice(key as number, 0, ...Array.from({ length: n }, () => clone(copied)));
        else into.push(...Array.from({ length: n }, () => clone(copied)));
        break;
      }
      case 'nest':
        set(deep(m.depth, v, m.asObject));
        break;
      case 'number':
        if (typeof v === 'number') set(tweakNumber(v, m.how));
        else set(tweakNumber(0, m.how));
        break;
      case 'string':
        if (typeof v === 'string') set(tweakString(v, m.how));
        break;
    }
  }
  return root;
}

// ---------------------------------------------------------------------------------------------
// Text

export type TextMutation =
  | { readonly op: 'truncate'; readonly at: number }
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'delete'; readonly at: number; readonly count: number }
  | { readonly op: 'bom' };

const INSERTS = ['{', '}', '[', ']', ',', ':', '"', '\\', '\u0000', '\uFEFF', ' ', 'x', '1', '-', 'e', '.', '\n', '\t', '//', '/*', 'NaN', 'Infinity', '\\u12', '\\x41', '\u2028', '\ud800', ',}', '0', '01', '1.', '-.5', '+1', "'a'", 'true', 'nul'];

export const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('truncate' as const), at }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('insert' as const), at, text: fc.constantFrom(...INSERTS) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at, count: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'bom' as const }) },
);

export function mutateText(text: string, ms: readonly TextMutation[]): string {
  let t = text;
  for (const m of ms) {
    if (m.op === 'bom') {
      t = `\uFEFF${t}`;
      continue;
    }
    const i = m.at % (t.length + 1);
    if (m.op === 'truncate') t = t.slice(0, i);
    else if (m.op === 'insert') t = t.slice(0, i) + m.text + t.slice(i);
    else t = t.slice(0, i) + t.slice(i + m.count);
  }
  return t;
}

/** Random text over JSON's own characters (and a few others), cheap to draw. */
const ALPHABET = '{}[]":,.-+eE0123456789 \n\t\rtruefalsnl\\/ubfx\u00e9\u0000\uFEFF\u2028\ud800\u{1F39B}';
const CHARS = Array.from(ALPHABET);
export const jsonishText: fc.Arbitrary<string> = fc.uint8Array({ maxLength: 64 }).map((b) => Array.from(b, (x) => CHARS[x % CHARS.length] ?? ' ').join(''));
