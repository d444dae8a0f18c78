/**
 * Seeded noise for the serial conditioning tests and benchmark: the same seed gives the same
 * readings on every machine, so "0 changes in 60 s" is a fixed, repeatable fact, not luck.
 */

/** mulberry32: a small 32-bit PRNG, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal deviates (mean 0, sd 1) by Box-Muller from a seeded mulberry32. */
export function gaussian(seed: number): () => number {
  const uniform = mulberry32(seed);
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    const u = 1 - uniform(); // (0, 1]: log(0) never happens
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

/**
 * What an ADC reports for a true position (in counts, fractional) plus Gaussian noise of `sd`
 * counts: rounded to an integer and clipped to 0 .. 2^bits − 1, as a real converter does.
 */
export function adcReader(bits: number, sd: number, seed: number): (position: number) => number {
  const noise = gaussian(seed);
  const top = 2 ** bits - 1;
  return (position) => Math.min(top, Math.max(0, Math.round(position + sd * noise())));
}

/** Readings of a knob resting at `position` counts: `n` reports. */
export function restingReadings(bits: number, sd: number, position: number, n: number, seed: number): number[] {
  const read = adcReader(bits, sd, seed);
  return Array.from({ length: n }, () => read(position));
}

/** Readings of a slow sweep from 0 to full scale (linear in time) over `n` reports. */
export function sweepReadings(bits: number, sd: number, n: number, seed: number): number[] {
  const read = adcReader(bits, sd, seed);
  const top = 2 ** bits - 1;
  return Array.from({ length: n }, (_, i) => read((top * i) / (n - 1)));
}
