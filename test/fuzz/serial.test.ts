/**
 * Seeded fuzzing of the serial decoders, on the short budget (bench/fuzz.ts runs the same properties on
 * a million cases each). A failure prints the seed and the counterexample path: replay it with
 * `fc.assert(target.property(), { seed, path })`.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionWatch, testName } from './harness.js';
import { fuzzTargets } from './targets.js';

const { serial } = await fuzzTargets();
const rejections = rejectionWatch();

describe('fuzz: serial decoders', () => {
  beforeAll(() => rejections.start());
  afterAll(() => expect(rejections.stop()).toEqual([]));
  for (const t of serial) it(testName(t, t.shortRuns), () => fc.assert(t.property(), { seed: t.seed, numRuns: t.shortRuns }));
});
