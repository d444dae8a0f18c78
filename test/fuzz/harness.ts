/**
 * The fuzz harness shared by `test/fuzz/*.test.ts` (short budget) and `bench/fuzz.ts` (long
 * budget): a target is a fast-check arbitrary, a check that throws on any broken property, a fixed
 * seed and two budgets. Both runners drive the very same check with the very same seed, so a case
 * the bench reports replays in a test with `{ seed, path }`.
 */
import fc from 'fast-check';

export interface FuzzTarget {
  /** Short id, used in test names and the bench table (`osc`, `serial/deej`). */
  readonly id: string;
  /** What goes in and through what, for the test name. */
  readonly title: string;
  readonly seed: number;
  /** Cases in the test suite (a few hundred ms each). */
  readonly shortRuns: number;
  /** Cases in the bench (at least 1,000,000). */
  readonly longRuns: number;
  /** The property as a test runs it: the first failure fails (and shrinks). */
  property(): fc.IPropertyWithHooks<[unknown]>;
  /**
   * The same property, but a failing case is handed to `failed` and the run goes on, so the bench
   * can count every failure. `index` is the case's position in the run: `{ seed, path: String(index) }`
   * replays it. With `share`, only the cases whose index is `share.index` modulo `share.of` are
   * checked (the others are generated and skipped), so that workers running the same seed split
   * one run between them.
   */
  counting(failed: (index: number, error: unknown, input: unknown) => void, share?: Share): fc.IPropertyWithHooks<[unknown]>;
}

/** Which cases of a run a worker checks: those whose index is `index` modulo `of`. */
export interface Share {
  readonly index: number;
  readonly of: number;
}

export interface TargetSpec<T> {
  readonly id: string;
  readonly title: string;
  readonly seed: number;
  readonly shortRuns: number;
  readonly longRuns: number;
  readonly arbitrary: fc.Arbitrary<T>;
  /** Throws (an Error naming what broke) when a property does not hold for this input. */
  readonly check: (input: T) => void;
}

/** A target from its spec; the input type is hidden behind the property. */
export function target<T>(spec: TargetSpec<T>): FuzzTarget {
  const arb = spec.arbitrary as fc.Arbitrary<unknown>;
  const check = spec.check as (input: unknown) => void;
  return {
    id: spec.id,
    title: spec.title,
    seed: spec.seed,
    shortRuns: spec.shortRuns,
    longRuns: spec.longRuns,
    property: () => fc.property(arb, (x) => check(x)),
    counting: (failed, share) => {
      let index = 0;
      return fc.property(arb, (x) => {
        const i = index++;
        if (share !== undefined && i % share.of !== share.index) return;
        try {
          check(x);
        } catch (e) {
          failed(i, e, x);
        }
      });
    },
  };
}

/** Fails with `message` (and what was seen) unless `ok`. */
export function expect(ok: boolean, message: string | (() => string)): asserts ok {
  if (!ok) throw new FuzzFailure(typeof message === 'string' ? message : message());
}

/** A broken property (as opposed to an exception thrown by the code under test). */
export class FuzzFailure extends Error {
  override readonly name = 'FuzzFailure';
}

/** Runs `f`; an exception it throws is a failure that says what was being done. */
export function noThrow<R>(what: string | (() => string), f: () => R): R {
  try {
    return f();
  } catch (e) {
    if (e instanceof FuzzFailure) throw e;
    const err = e as Error;
    throw new FuzzFailure(`${typeof what === 'string' ? what : what()} threw ${err?.name ?? 'a non-error'}: ${err?.message ?? String(e)}`);
  }
}

/** Bytes as `c0 01 db …`, cut at `max` bytes, for failure messages. */
export function hex(bytes: ArrayLike<number>, max = 48): string {
  const n = Math.min(bytes.length, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push((bytes[i] ?? 0).toString(16).padStart(2, '0'));
  return out.join(' ') + (bytes.length > max ? ` … (${bytes.length} bytes)` : '');
}

/**
 * Collects unhandled promise rejections while fuzz targets run (none of them may cause one): call
 * `start` before and `stop` after; `stop` returns what was seen.
 */
export function rejectionWatch(): { start(): void; stop(): unknown[] } {
  const seen: unknown[] = [];
  const onRejection = (reason: unknown): void => void seen.push(reason);
  return {
    start: () => void process.on('unhandledRejection', onRejection),
    stop: () => {
      process.off('unhandledRejection', onRejection);
      return seen;
    },
  };
}

/** A test name that carries what reproduces it. */
export const testName = (t: FuzzTarget, runs: number): string => `${t.id}: ${t.title} [seed ${t.seed}, numRuns ${runs}]`;
