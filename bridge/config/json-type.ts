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

/** The JSON types a schema can accept (as far as the file schemas here use them). */
export function jsonTypes(s: TSchema): Set<JsonType> {
  if (KindGuard.IsUnion(s)) return new Set(s.anyOf.flatMap((v) => [...jsonTypes(v)]));
  if (KindGuard.IsLiteral(s)) return new Set([jsonType(s.const)]);
  if (KindGuard.IsObject(s)) return new Set(['object']);
  if (KindGuard.IsArray(s) || KindGuard.IsTuple(s)) return new Set(['array']);
  if (KindGuard.IsNumber(s) || KindGuard.IsInteger(s)) return new Set(['number']);
  if (KindGuard.IsString(s)) return new Set(['string']);
  if (KindGuard.IsBoolean(s)) return new Set(['boolean']);
  if (KindGuard.IsNull(s)) return new Set(['null']);
  return new Set(['other']);
}
