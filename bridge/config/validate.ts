import { KindGuard, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ValueErrorType, type ValueError, type ValueErrorIterator } from '@sinclair/typebox/errors';
import { markMismatches, MAX_NESTING, protoKeyPaths, tooDeep, type Mismatch } from './json-shape.js';
import { discriminants, variantFor } from './json-type.js';
import { show, type Problem } from './problems.js';

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly Problem[] };

/** The start of the message for a key a Record's pattern refuses (session/model/check.ts rewords it). */
export const BAD_KEY = 'not a valid key';

/**
 * Validates a parsed JSON value against a schema once: fills in the schema's defaults, checks, and
 * on failure reports every violation with its JSON Pointer (one problem per path). Never throws,
 * whatever the value and however deep it nests, and never mutates `raw`. The value returned is not
 * frozen yet; callers freeze after their own semantic checks.
 */
export function checkValue<S extends TSchema>(schema: S, raw: unknown, file: string): Checked<Static<S>> {
  // First: every step after it recurses once per nesting level.
  const deep = tooDeep(raw);
  if (deep !== undefined) return { ok: false, problems: [{ file, path: deep, message: `nested deeper than ${MAX_NESTING} levels` }] };
  // `__proto__` keys would be swallowed as prototypes by the defaulting step; every schema here is
  // closed (additionalProperties: false), so such a key is always an unknown property.
  const proto = protoKeyPaths(raw);
  if (proto.length > 0) return { ok: false, problems: proto.map((path) => ({ file, path, message: 'unknown property' })) };
  const copy: unknown = structuredClone(raw);
  // Before defaulting, which would merge an object given for an array into the array's default
  // (and an array given for an object into the object's): such values are marked to be reported.
  const mismatches = markMismatches(schema, copy);
  if (mismatches[0]?.path === '') return { ok: false, problems: [mismatchProblem(mismatches[0], file)] };
  const value: unknown = Value.Default(schema, copy);
  if (mismatches.length === 0 && Value.Check(schema, value)) return { ok: true, value };
  return { ok: false, problems: toProblems(Value.Errors(schema, value), file, mismatches) };
}

const mismatchProblem = (m: Mismatch, file: string): Problem => ({ file, path: m.path, message: `expected ${expected(m.schema)}, got ${show(m.value)}` });

/**
 * One problem per JSON path (the first error TypeBox reports there is the most basic one); an
 * error at a mismatch's marker (json-shape.ts) reports that mismatch.
 */
function toProblems(errors: ValueErrorIterator, file: string, mismatches: readonly Mismatch[]): Problem[] {
  const byPath = new Map<string, string>();
  const visit = (it: ValueErrorIterator, prefix: string): void => {
    for (const e of it) {
      const marked = typeof e.value === 'bigint' ? mismatches[Number(e.value)] : undefined;
      // The one variant of a union the value is meant for, so its errors are reported at their own paths.
      const variant = e.type === ValueErrorType.Union && marked === undefined ? variantFor(e.schema, e.value) : undefined;
      if (marked !== undefined) {
        if (!byPath.has(marked.path)) byPath.set(marked.path, mismatchProblem(marked, file).message);
      } else if (variant !== undefined) {
        // Re-checked on its own with its defaults filled: a failed union returns the value without
        // them, which would report every defaulted property of the variant as missing.
        const value: unknown = Value.Default(variant, structuredClone(e.value));
        visit(Value.Errors(variant, value), prefix + e.path);
      } else if (!byPath.has(prefix + errorPath(e))) byPath.set(prefix + errorPath(e), message(e));
    }
  };
  visit(errors, '');
  // Every marker fails the check where it stands; this only guards the count.
  for (const m of mismatches) if (!byPath.has(m.path)) byPath.set(m.path, mismatchProblem(m, file).message);
  return [...byPath].map(([path, msg]) => ({ file, path, message: msg }));
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
      if (KindGuard.IsRecord(e.schema)) return `${BAD_KEY} (keys here match ${Object.keys(e.schema.patternProperties).join(', ')})`;
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
  if (KindGuard.IsNull(schema)) return 'null';
  if (KindGuard.IsArray(schema) || KindGuard.IsTuple(schema)) return 'an array';
  if (KindGuard.IsObject(schema) || KindGuard.IsRecord(schema)) return 'an object';
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
