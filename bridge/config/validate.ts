import { KindGuard, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ValueErrorType, type ValueError, type ValueErrorIterator } from '@sinclair/typebox/errors';
import { jsonType, jsonTypes } from './json-type.js';
import { pointerKey, show, type Problem } from './problems.js';

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * Validates a parsed JSON value against a schema once: fills in the schema's defaults, checks, and
 * on failure reports every violation with its JSON Pointer (one problem per path). Never throws
 * and never mutates `raw`. The value returned is not frozen yet; callers freeze after their own
 * semantic checks.
 */
export function checkValue<S extends TSchema>(schema: S, raw: unknown, file: string): Checked<Static<S>> {
  // `__proto__` keys would be swallowed as prototypes by the defaulting step; every schema here is
  // closed (additionalProperties: false), so such a key is always an unknown property.
  const proto = protoKeyPaths(raw, '');
  if (proto.length > 0) return { ok: false, problems: proto.map((path) => ({ file, path, message: 'unknown property' })) };
  const value: unknown = Value.Default(schema, structuredClone(raw));
  if (Value.Check(schema, value)) return { ok: true, value };
  return { ok: false, problems: toProblems(Value.Errors(schema, value), file) };
}

function protoKeyPaths(v: unknown, path: string): string[] {
  if (typeof v !== 'object' || v === null) return [];
  return Object.entries(v).flatMap(([k, x]) => {
    const p = `${path}/${pointerKey(k)}`;
    return k === '__proto__' ? [p] : protoKeyPaths(x, p);
  });
}

/** One problem per JSON path (the first error TypeBox reports there is the most basic one). */
function toProblems(errors: ValueErrorIterator, file: string): Problem[] {
  const byPath = new Map<string, string>();
  const visit = (it: ValueErrorIterator, prefix: string): void => {
    for (const e of it) {
      const variant = e.type === ValueErrorType.Union ? matchingVariant(e) : undefined;
      if (variant !== undefined) {
        // Re-checked on its own with its defaults filled: a failed union returns the value without
        // them, which would report every defaulted property of the variant as missing.
        const value: unknown = Value.Default(variant, structuredClone(e.value));
        visit(Value.Errors(variant, value), prefix + e.path);
      } else if (!byPath.has(prefix + errorPath(e))) byPath.set(prefix + errorPath(e), message(e));
    }
  };
  visit(errors, '');
  return [...byPath].map(([path, msg]) => ({ file, path, message: msg }));
}

/**
 * The one variant of a union that the value is meant for, so its errors can be reported at their
 * own paths: for a union discriminated by `kind`, the variant the value's kind names; otherwise
 * the only variant accepting the value's JSON type (`"log"` or `{ "kind": "table", ... }`).
 */
function matchingVariant(e: ValueError): TSchema | undefined {
  if (!KindGuard.IsUnion(e.schema)) return undefined;
  const kinds = discriminants(e.schema);
  if (kinds !== undefined) {
    if (typeof e.value !== 'object' || e.value === null) return undefined;
    const kind: unknown = (e.value as Record<string, unknown>)['kind'];
    const i = kinds.findIndex((k) => k === kind);
    return i < 0 ? undefined : e.schema.anyOf[i];
  }
  const type = jsonType(e.value);
  const fits = e.schema.anyOf.filter((v) => jsonTypes(v).has(type));
  return fits.length === 1 ? fits[0] : undefined;
}

/** The `kind` literals of a union of objects discriminated by `kind`, in variant order. */
function discriminants(schema: TSchema): unknown[] | undefined {
  if (!KindGuard.IsUnion(schema)) return undefined;
  const kinds = schema.anyOf.map((v) => {
    const k: unknown = KindGuard.IsObject(v) ? v.properties['kind'] : undefined;
    return KindGuard.IsLiteral(k) ? k.const : undefined;
  });
  return kinds.every((k) => k !== undefined) ? kinds : undefined;
}

/** A union discriminated by `kind` whose value names no variant is reported at `/kind`. */
function errorPath(e: ValueError): string {
  const objectValue = typeof e.value === 'object' && e.value !== null && !Array.isArray(e.value);
  return e.type === ValueErrorType.Union && objectValue && discriminants(e.schema) !== undefined ? `${e.path}/kind` : e.path;
}

function message(e: ValueError): string {
  switch (e.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return `missing (expected ${expected(e.schema)})`;
    case ValueErrorType.ObjectAdditionalProperties: {
      const allowed = KindGuard.IsObject(e.schema) ? Object.keys(e.schema.properties).join(', ') : '';
      return `unknown property (allowed: ${allowed})`;
    }
    case ValueErrorType.Union: {
      const kinds = discriminants(e.schema);
      if (kinds !== undefined && typeof e.value === 'object' && e.value !== null && !Array.isArray(e.value)) {
        const got: unknown = (e.value as Record<string, unknown>)['kind'];
        return `expected one of ${kinds.map(show).join(', ')}, got ${show(got)}`;
      }
      return `expected ${expected(e.schema)}, got ${show(e.value)}`;
    }
    default:
      return `expected ${expected(e.schema)}, got ${show(e.value)}`;
  }
}

/** What a schema accepts, in a few words: `integer 1..65535`, `one of "info", "debug"`. */
export function expected(schema: TSchema): string {
  if (KindGuard.IsLiteral(schema)) return show(schema.const);
  if (KindGuard.IsBoolean(schema)) return 'true or false';
  if (KindGuard.IsArray(schema)) return 'an array';
  if (KindGuard.IsObject(schema)) return 'an object';
  if (KindGuard.IsInteger(schema)) return `integer${bounds(schema)}`;
  if (KindGuard.IsNumber(schema)) return `number${bounds(schema)}`;
  if (KindGuard.IsString(schema)) {
    const example = Array.isArray(schema.examples) ? ` like ${show(schema.examples[0])}` : '';
    const pattern = schema.pattern === undefined ? '' : ` (pattern ${schema.pattern})`;
    return `${schema.minLength === 1 && example === '' ? 'non-empty ' : ''}string${example}${pattern}`;
  }
  if (KindGuard.IsUnion(schema)) {
    const kinds = discriminants(schema);
    if (kinds !== undefined) return `an object with "kind" one of ${kinds.map(show).join(', ')}`;
    return `one of ${schema.anyOf.map((v) => expected(v).replace(/^one of /, '')).join(', ')}`;
  }
  return 'a different value';
}

function bounds(s: { minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number }): string {
  if (s.minimum !== undefined && s.maximum !== undefined) return ` ${s.minimum}..${s.maximum}`;
  const parts: string[] = [];
  if (s.minimum !== undefined) parts.push(`>= ${s.minimum}`);
  if (s.exclusiveMinimum !== undefined) parts.push(`> ${s.exclusiveMinimum}`);
  if (s.maximum !== undefined) parts.push(`<= ${s.maximum}`);
  if (s.exclusiveMaximum !== undefined) parts.push(`< ${s.exclusiveMaximum}`);
  return parts.length > 0 ? ` ${parts.join(' and ')}` : '';
}
