import { specCoefs, type SpecCoefs, type SpecBiquadType } from './spec-biquad.js';

/** One biquad of a cascade: its type and the float32 values its AudioParams hold. */
export interface SectionSpec {
  readonly type: SpecBiquadType;
  readonly freq: number;
  readonly gain: number;
  readonly q: number;
}

/**
 * BiquadFilterNodes in cascade on two channels at once (the two channels of one stage: L and R
 * through the high-pass, mid and side through the EQ), each channel through its own sections.
 *
 * Per channel it is SpecBiquad's arithmetic, operation for operation (direct form I, state and
 * sums in double precision, each node's output rounded to float32 into the next), so the samples
 * are SpecBiquad's: the cascade runs section after section over the block, in place. What makes
 * it faster: the two channels' recurrences run side by side in one loop (each y[n] waits on
 * y[n − 1], a chain of a multiply and two subtractions: alone it leaves the FPU idle most of the
 * time), with the state in locals over a whole block rather than 128 frames.
 */
export class PairCascade {
  private readonly a: readonly SpecCoefs[];
  private readonly b: readonly SpecCoefs[];
  /** Per section k: a's x1, x2, y1, y2 then b's, at 8k. */
  private readonly state: Float64Array;

  /** `specsA` and `specsB` have the same number of sections. */
  constructor(rate: number, specsA: readonly SectionSpec[], specsB: readonly SectionSpec[]) {
    if (specsA.length !== specsB.length) throw new RangeError('pair cascade: both channels need as many sections');
    const coefs = (s: SectionSpec): SpecCoefs => specCoefs(s.type, rate, s.freq, s.gain, s.q);
    this.a = specsA.map(coefs);
    this.b = specsB.map(coefs);
    this.state = new Float64Array(8 * specsA.length);
  }

  /** Filters frames [0, n) of `a` (first channel) and `b` (second) in place. */
  process(a: Float32Array, b: Float32Array, n: number): void {
    for (let k = 0; k < this.a.length; k++) {
      const ca = this.a[k] as SpecCoefs;
      const cb = this.b[k] as SpecCoefs;
      if (same(ca, cb)) shared(ca, this.state, 8 * k, a, b, n);
      else section(ca, cb, this.state, 8 * k, a, b, n);
    }
  }
}

const same = (x: SpecCoefs, y: SpecCoefs): boolean => x.b0 === y.b0 && x.b1 === y.b1 && x.b2 === y.b2 && x.a1 === y.a1 && x.a2 === y.a2;

/**
 * `section` for two channels with the same coefficients (the usual case: a stereo EQ band, the
 * high-pass): five coefficients fewer to hold, which keeps the state in registers (measured twice
 * as fast as `section` with ten).
 */
function shared(c: SpecCoefs, st: Float64Array, o: number, a: Float32Array, b: Float32Array, n: number): void {
  const { b0, b1, b2, a1, a2 } = c;
  let ax1 = st[o] as number;
  let ax2 = st[o + 1] as number;
  let ay1 = st[o + 2] as number;
  let ay2 = st[o + 3] as number;
  let bx1 = st[o + 4] as number;
  let bx2 = st[o + 5] as number;
  let by1 = st[o + 6] as number;
  let by2 = st[o + 7] as number;
  for (let i = 0; i < n; i++) {
    const xa = a[i] as number;
    const xb = b[i] as number;
    const ya = b0 * xa + b1 * ax1 + b2 * ax2 - a1 * ay1 - a2 * ay2;
    const yb = b0 * xb + b1 * bx1 + b2 * bx2 - a1 * by1 - a2 * by2;
    ax2 = ax1;
    ax1 = xa;
    ay2 = ay1;
    ay1 = ya;
    bx2 = bx1;
    bx1 = xb;
    by2 = by1;
    by1 = yb;
    a[i] = ya;
    b[i] = yb;
  }
  st[o] = ax1;
  st[o + 1] = ax2;
  st[o + 2] = ay1;
  st[o + 3] = ay2;
  st[o + 4] = bx1;
  st[o + 5] = bx2;
  st[o + 6] = by1;
  st[o + 7] = by2;
}

/** One section on both channels: SpecBiquad.process on `a` with `ca` and on `b` with `cb`, interleaved. */
function section(ca: SpecCoefs, cb: SpecCoefs, st: Float64Array, o: number, a: Float32Array, b: Float32Array, n: number): void {
  const { b0, b1, b2, a1, a2 } = ca;
  const c0 = cb.b0;
  const c1 = cb.b1;
  const c2 = cb.b2;
  const d1 = cb.a1;
  const d2 = cb.a2;
  let ax1 = st[o] as number;
  let ax2 = st[o + 1] as number;
  let ay1 = st[o + 2] as number;
  let ay2 = st[o + 3] as number;
  let bx1 = st[o + 4] as number;
  let bx2 = st[o + 5] as number;
  let by1 = st[o + 6] as number;
  let by2 = st[o + 7] as number;
  for (let i = 0; i < n; i++) {
    const xa = a[i] as number;
    const xb = b[i] as number;
    const ya = b0 * xa + b1 * ax1 + b2 * ax2 - a1 * ay1 - a2 * ay2;
    const yb = c0 * xb + c1 * bx1 + c2 * bx2 - d1 * by1 - d2 * by2;
    ax2 = ax1;
    ax1 = xa;
    ay2 = ay1;
    ay1 = ya;
    bx2 = bx1;
    bx1 = xb;
    by2 = by1;
    by1 = yb;
    a[i] = ya;
    b[i] = yb;
  }
  st[o] = ax1;
  st[o + 1] = ax2;
  st[o + 2] = ay1;
  st[o + 3] = ay2;
  st[o + 4] = bx1;
  st[o + 5] = bx2;
  st[o + 6] = by1;
  st[o + 7] = by2;
}
