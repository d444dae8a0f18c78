/**
 * An in-place iterative radix-2 complex FFT with its bit-reversal and twiddle tables made once:
 * the spectrum meter runs one in the audio thread every few render quanta, so nothing is
 * allocated or computed with Math.cos per call. Pure. Forward transform, no scaling:
 * X[k] = Σ x[n] · e^(−2πi·kn/N).
 */
export class Fft {
  private readonly rev: Uint32Array;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;

  constructor(readonly size: number) {
    if (!(size >= 2 && Number.isInteger(Math.log2(size)))) throw new RangeError(`fft: size must be a power of two ≥ 2, got ${size}`);
    const bits = Math.log2(size);
    this.rev = new Uint32Array(size);
    for (let i = 0; i < size; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.rev[i] = r;
    }
    this.cos = new Float64Array(size / 2);
    this.sin = new Float64Array(size / 2);
    for (let k = 0; k < size / 2; k++) {
      this.cos[k] = Math.cos((2 * Math.PI * k) / size);
      this.sin[k] = -Math.sin((2 * Math.PI * k) / size);
    }
  }

  /** Transforms (re, im) in place; both must be `size` long. */
  transform(re: Float64Array, im: Float64Array): void {
    const n = this.size;
    const rev = this.rev;
    for (let i = 0; i < n; i++) {
      const j = rev[i] as number;
      if (i < j) {
        const tr = re[i] as number;
        re[i] = re[j] as number;
        re[j] = tr;
        const ti = im[i] as number;
        im[i] = im[j] as number;
        im[j] = ti;
      }
    }
    const cos = this.cos;
    const sin = this.sin;
    for (let len = 2; len <= n; len <<= 1) {
      const half = len >> 1;
      const step = n / len;
      for (let i = 0; i < n; i += len) {
        for (let k = 0, t = 0; k < half; k++, t += step) {
          const p = i + k;
          const q = p + half;
          const wr = cos[t] as number;
          const wi = sin[t] as number;
          const qr = re[q] as number;
          const qi = im[q] as number;
          const xr = qr * wr - qi * wi;
          const xi = qr * wi + qi * wr;
          const pr = re[p] as number;
          const pi = im[p] as number;
          re[q] = pr - xr;
          im[q] = pi - xi;
          re[p] = pr + xr;
          im[p] = pi + xi;
        }
      }
    }
  }
}
