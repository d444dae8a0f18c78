/**
 * An encoder whose raw reading is a running count that wraps at 2^bits (a firmware's uint16
 * counter, say): each reading's change from the last is the shortest way round the wrap
 * (so a change of up to half the range either way is read correctly), accumulated and emitted as
 * whole detents of `countsPerStep` counts (4 for most quadrature encoders, one detent = one full
 * quadrature cycle). The remainder waits for the next reading, and it counts toward zero, so a
 * contact rocking ±1 count around a detent never emits a step.
 */
export class EncoderCounter {
  private readonly modulus: number;
  private last: number | undefined;
  private pending = 0;

  constructor(bits: number, private readonly countsPerStep: number) {
    if (!(Number.isInteger(bits) && bits >= 1 && bits <= 32)) throw new RangeError(`encoder bits must be an integer in 1..32, got ${bits}`);
    if (!(Number.isInteger(countsPerStep) && countsPerStep >= 1)) throw new RangeError(`counts per step must be an integer ≥ 1, got ${countsPerStep}`);
    this.modulus = 2 ** bits;
  }

  /**
   * Signed whole steps since the last reading (+ clockwise, i.e. counting up); 0 for the first
   * reading after reset, which only sets the baseline.
   */
  update(count: number): number {
    const c = ((Math.round(count) % this.modulus) + this.modulus) % this.modulus;
    const prev = this.last;
    this.last = c;
    if (prev === undefined) return 0;
    this.pending += wrapDelta(c - prev, this.modulus);
    const steps = Math.trunc(this.pending / this.countsPerStep) + 0; // + 0 turns trunc(−0.25) = −0 into 0
    this.pending -= steps * this.countsPerStep;
    return steps;
  }

  /** Counts toward the next step (−countsPerStep < pending < countsPerStep). */
  get remainder(): number {
    return this.pending;
  }

  reset(): void {
    this.last = undefined;
    this.pending = 0;
  }
}

/** The shortest signed difference for a counter wrapping at `modulus`: in −modulus/2 .. modulus/2 − 1. */
export function wrapDelta(diff: number, modulus: number): number {
  const half = modulus / 2;
  return ((((diff + half) % modulus) + modulus) % modulus) - half;
}
