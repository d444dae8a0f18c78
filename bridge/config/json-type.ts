import { KindGuard, type TSchema } from '@sinclair/typebox';

/** JSON types, for matching a value to the union variant meant for it (validate.ts). */
export type JsonType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null' | 'other';

/** The JSON type of a parsed value (`other` for what JSON cannot hold). */
export function jsonType(v: unknown): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  return t === 'object' || t === 'string' || t === 'number' || t === 'boolean' ? t : 'other';
}

/** The JSON types a schema can accept (as far as the file schemas here use them; `other`: not known). */
export function jsonTypes(s: TSchema): Set<JsonType> {
  if (KindGuard.IsUnion(s)) return new Set(s.anyOf.flatMap((v) => [...jsonTypes(v)]));
  if (KindGuard.IsLiteral(s)) return new Set([jsonType(s.const)]);
  if (KindGuard.IsObject(s) || KindGuard.IsRecord(s)) return new Set(['object']);
  if (KindGuard.IsArray(s) || KindGuard.IsTuple(s)) return new Set(['array']);
  if (KindGuard.IsNumber(s) || KindGuard.IsInteger(s)) return new Set(['number']);
  if (KindGuard.IsString(s)) return new Set(['string']);
  if (KindGuard.IsBoolean(s)) return new Set(['boolean']);
  if (KindGuard.IsNull(s)) return new Set(['null']);
  return new Set(['other']);
}

/** The `kind` literals of a union of objects discriminated by `kind`, in variant order. */
export function discriminants(schema: TSchema): unknown[] | undefined {
  if (!KindGuard.IsUnion(schema)) return undefined;
  const kinds = schema.anyOf.map((v) => {
    const k: unknown = KindGuard.IsObject(v) ? v.properties['kind'] : undefined;
    return KindGuard.IsLiteral(k) ? k.const : undefined;
  });
  return kinds.every((k) => k !== undefined) ? kinds : undefined;
}

/**
 * The one variant of a union that a value is meant for: for a union discriminated by `kind`, the
 * variant the value's kind names; otherwise the only variant accepting the value's JSON type
 * (`"log"` or `{ "kind": "table", ... }`). Undefined when no single variant is meant.
 */
export function variantFor(schema: TSchema, value: unknown): TSchema | undefined {
  if (!KindGuard.IsUnion(schema)) return undefined;
  const kinds = discriminants(schema);
  if (kinds !== undefined) {
    if (typeof value !== 'object' || value === null) return undefined;
    const kind: unknown = (value as Record<string, unknown>)['kind'];
    const i = kinds.findIndex((k) => k === kind);
    return i < 0 ? undefined : schema.anyOf[i];
  }
  const type = jsonType(value);
  const fits = schema.anyOf.filter((v) => jsonTypes(v).has(type));
  return fits.length === 1 ? fits[0] : undefined;
}
