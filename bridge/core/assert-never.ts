/** Exhaustiveness check for discriminated unions: a new variant is a compile error here. */
export function assertNever(x: never, what = 'value'): never {
  throw new TypeError(`unexpected ${what}: ${JSON.stringify(x)}`);
}
