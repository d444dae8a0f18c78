/**
 * Cheap generators shared by the fuzz targets. fast-check's own `double()` costs tens of µs a
 * value, too much for a million cases, so numbers here come from raw bit patterns (every float,
 * NaN, the infinities and subnormals included) and from small integer grids.
 */
import fc from 'fast-check';

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const scratch = new DataView(new ArrayBuffer(8));

/** Any float32 value, by its bits (NaNs, ±Infinity, ±0 and subnormals included). */
export const float32Bits: fc.Arbitrary<number> = u32.map((bits) => {
  scratch.setUint32(0, bits);
  return scratch.getFloat32(0);
});

/** Any float64 value, by its bits. */
export const float64Bits: fc.Arbitrary<number> = fc.tuple(u32, u32).map(([hi, lo]) => {
  scratch.setUint32(0, hi);
  scratch.setUint32(4, lo);
  return scratch.getFloat64(0);
});

/** Numbers that sit on edges: non-finite, signed zero, subnormal, the float32 and int32 extremes. */
export const EDGE_NUMBERS = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  0,
  1,
  -1,
  0.5,
  127,
  128,
  16383,
  5e-324,
  -5e-324,
  1e-310,
  1.401298464324817e-45,
  3.4028234663852886e38,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MAX_SAFE_INTEGER,
  2 ** 31 - 1,
  -(2 ** 31),
  1.0000001,
  0.9999999,
];

export const edgeNumber: fc.Arbitrary<number> = fc.constantFrom(...EDGE_NUMBERS);

/** Mostly within `min..max` on a grid of 1/`per`, sometimes an edge, sometimes any double. */
export function number(min: number, max: number, per = 1000): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: Math.round(min * per), max: Math.round(max * per) }).map((x) => x / per) },
    { weight: 2, arbitrary: edgeNumber },
    { weight: 1, arbitrary: float64Bits },
  );
}

/**
 * Time steps between inputs (ms): mostly forward, often equal (0), sometimes backwards, now and
 * then fractional or absurdly small (subnormal) so clocks near 0 are probed too.
 */
export const timeStep: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 40 }) },
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.integer({ min: -500, max: 2500 }) },
  { weight: 1, arbitrary: fc.integer({ min: -1000, max: 1000 }).map((x) => x / 977) },
  { weight: 1, arbitrary: fc.constantFrom(1e-9, 5e-324, 1e-310, -1e-310, 1e6) },
);

/** A starting clock reading (ms): zero, a realistic uptime, or a huge or negative one. */
export const timeStart: fc.Arbitrary<number> = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 2 ** 31 }),
  fc.constantFrom(-1e6, 1e15, 1e-300),
);

/** Cumulative times from a start and steps. */
export function times(start: number, steps: readonly number[]): number[] {
  let t = start;
  return steps.map((s) => (t += s));
}

export function concat(parts: readonly ArrayLike<number>[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Byte-level damage to an encoded frame or stream. */
export type ByteMutation =
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'flip'; readonly at: number; readonly xor: number }
  | { readonly kind: 'set'; readonly at: number; readonly byte: number }
  | { readonly kind: 'insert'; readonly at: number; readonly bytes: Uint8Array }
  | { readonly kind: 'delete'; readonly at: number; readonly count: number }
  | { readonly kind: 'repeat'; readonly at: number; readonly count: number };

export const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 16 }) }),
);

export function mutateBytes(bytes: Uint8Array, ms: readonly ByteMutation[]): Uint8Array {
  let b = bytes;
  for (const m of ms) {
    const at = m.at % (b.length + 1);
    switch (m.kind) {
      case 'truncate':
        b = b.slice(0, at);
        break;
      case 'flip':
      case 'set':
        if (b.length > 0) {
          b = b.slice();
          const i = at % b.length;
          b[i] = m.kind === 'flip' ? (b[i] ?? 0) ^ m.xor : m.byte;
        }
        break;
      case 'insert':
        b = concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
        break;
      case 'delete':
        b = concat([b.subarray(0, at), b.subarray(at + m.count)]);
        break;
      case 'repeat': {
        const piece = b.subarray(at, at + 4);
        b = concat([b.subarray(0, at), ...Array.from({ length: m.count }, () => piece), b.subarray(at)]);
        break;
      }
    }
  }
  return b;
}

/** Splits `bytes` into chunks of the given sizes (cycled), as a serial port or socket hands them over. */
export function chunk(bytes: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  if (sizes.length === 0) return [bytes];
  const out: Uint8Array[] = [];
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const n = Math.max(1, sizes[i % sizes.length] ?? 1);
    out.push(bytes.subarray(at, at + n));
    at += n;
  }
  return out;
}
