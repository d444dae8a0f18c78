/**
 * Runs before every test file: property tests without a seed of their own (fuzz targets have
 * theirs) share one fixed seed, so `npm test` and CI are reproducible and a run never fails on a
 * case the previous run did not try. `FC_SEED=<n>` runs them from another seed, `FC_SEED=random`
 * from a new one each time (fast-check prints it with any failure) to explore.
 */
import fc from 'fast-check';

const FIXED_SEED = 20261207;
const wanted = process.env['FC_SEED'];
if (wanted !== 'random') {
  const seed = wanted === undefined || wanted === '' ? FIXED_SEED : Number(wanted);
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer or "random", got "${wanted}"`);
  fc.configureGlobal({ seed });
}
