import { KindGuard, type TSchema } from '@sinclair/typebox';
import { jsonType, jsonTypes, variantFor } from './json-type.js';
import { pointerKey } from './problems.js';

/*
 * Walks over a parsed JSON value, run before it is defaulted and checked (validate.ts). Each is
 * iterative, so no value, however deep, can exhaust the stack here.
 */

/**
 * Deepest nesting of arrays and objects a file may have. The deepest real files (a session's
 * captured rig files) nest about a dozen levels; the recursive walks after this check (cloning,
 * TypeBox's defaulting and checking, freezing) overflow the stack at about 1,700.
 */
export const MAX_NESTING = 100;

const isContainer = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Child entries of an array or object, in order (array indexes as numbers). */
const entries = (v: Record<string, unknown>): [string | number, unknown][] => (Array.isArray(v) ? v.map((x: unknown, i) => [i, x]) : Object.entries(v));

/**
 * The JSON Pointer of the first array or object (depth-first, in document order) nested deeper
 * than MAX_NESTING levels (the root is level 1), or undefined when there is none.
 */
export function tooDeep(raw: unknown): string | undefined {
  const todo: { readonly v: unknown; readonly path: string; readonly depth: number }[] = [{ v: raw, path: '', depth: 1 }];
  for (let item = todo.pop(); item !== undefined; item = todo.pop()) {
    if (!isContainer(item.v)) continue;
    if (item.depth > MAX_NESTING) return item.path;
    const children = entries(item.v);
    for (let i = children.length - 1; i >= 0; i--) {
      const [k, x] = children[i] as [string | number, unknown];
      todo.push({ v: x, path: `${item.path}/${pointerKey(k)}`, depth: item.depth + 1 });
    }
  }
  return undefined;
}

/** JSON Pointers of every `__proto__` key (an own property, as JSON.parse makes it), in document order. */
export function protoKeyPaths(raw: unknown): string[] {
  const found: string[] = [];
  const todo: { readonly v: unknown; readonly path: string; readonly key: string | number | undefined }[] = [{ v: raw, path: '', key: undefined }];
  for (let item = todo.pop(); item !== undefined; item = todo.pop()) {
    if (item.key === '__proto__') found.push(item.path);
    else if (isContainer(item.v)) {
      const children = entries(item.v);
      for (let i = children.length - 1; i >= 0; i--) {
        const [k, x] = children[i] as [string | number, unknown];
        todo.push({ v: x, path: `${item.path}/${pointerKey(k)}`, key: k });
      }
    }
  }
  return found;
}

/** A value whose JSON type the schema does not allow where it stands. */
export interface Mismatch {
  readonly path: string;
  readonly schema: TSchema;
  readonly value: unknown;
}

/**
 * Finds, along the schema (object properties, array and tuple items, record values, and the union
 * variant meant for a value), every value whose JSON type the schema does not allow there, and
 * replaces it in `value` (which it mutates: pass a copy) by its marker, `BigInt(i)` for the i-th
 * mismatch: a value no JSON holds and no schema here accepts, which defaulting leaves alone, so the
 * check reports it at its path in the usual order. Needed because TypeBox's Value.Default merges a
 * JSON object into an array default (`Object.assign([], value)`: `"allow": {}` would load as `[]`)
 * and an array into an object default, and the merged value can pass the check. A mismatch at the
 * root is not replaced.
 */
export function markMismatches(schema: TSchema, value: unknown): Mismatch[] {
  const found: Mismatch[] = [];
  const todo: { readonly schema: TSchema; readonly v: unknown; readonly path: string; readonly put: (marker: bigint) => void }[] = [{ schema, v: value, path: '', put: () => {} }];
  for (let item = todo.pop(); item !== undefined; item = todo.pop()) {
    const { schema: s, v, path } = item;
    const allowed = jsonTypes(s);
    if (!allowed.has('other') && !allowed.has(jsonType(v))) {
      item.put(BigInt(found.length));
      found.push({ path, schema: s, value: v });
      continue;
    }
    const at = (k: string | number): string => `${path}/${pointerKey(k)}`;
    if (KindGuard.IsUnion(s)) {
      const variant = variantFor(s, v);
      if (variant !== undefined) todo.push({ ...item, schema: variant });
    } else if (KindGuard.IsObject(s) && isContainer(v) && !Array.isArray(v)) {
      for (const [k, p] of Object.entries(s.properties).reverse())
        if (Object.hasOwn(v, k)) todo.push({ schema: p, v: v[k], path: at(k), put: (m) => (v[k] = m) });
    } else if (KindGuard.IsRecord(s) && isContainer(v) && !Array.isArray(v)) {
      const [pattern, values] = Object.entries(s.patternProperties)[0] ?? [];
      if (pattern === undefined || values === undefined) continue;
      const key = new RegExp(pattern);
      for (const [k, x] of Object.entries(v).reverse()) if (key.test(k)) todo.push({ schema: values, v: x, path: at(k), put: (m) => (v[k] = m) });
    } else if (Array.isArray(v) && (KindGuard.IsArray(s) || KindGuard.IsTuple(s))) {
      for (let i = v.length - 1; i >= 0; i--) {
        const items = KindGuard.IsArray(s) ? s.items : s.items?.[i];
        if (items !== undefined) todo.push({ schema: items, v: v[i] as unknown, path: at(i), put: (m) => (v[i] = m) });
      }
    }
  }
  return found;
}
