/**
 * Seeded fuzzing of the files the daemon reads, on the short budget (bench/fuzz.ts runs the same properties on
 * a million cases each). A failure prints the seed and the counterexample path: replay it with
 * `fc.assert(target.property(), { seed, path })`.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionWatch, testName } from './harness.js';
import { seedProblems, seeds } from './files.js';
import { fuzzTargets } from './targets.js';

const { files } = await fuzzTargets();
const rejections = rejectionWatch();

describe('fuzz: files the daemon reads', () => {
  beforeAll(() => rejections.start());
  afterAll(() => expect(rejections.stop()).toEqual([]));
  it('every seed file loads as it is', () => expect(seedProblems(seeds())).toEqual([]));
  for (const t of files) it(testName(t, t.shortRuns), () => fc.assert(t.property(), { seed: t.seed, numRuns: t.shortRuns }));
});
