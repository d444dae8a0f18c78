/**
 * Spurious energy around a carrier, for the de-zippering measure of DESIGN.md: the energy more
 * than `guardHz` away from the carrier, relative to the energy within it, in dB (dBc).
 * A 7-term Blackman-Harris window (sidelobes below -180 dB) so the window itself is not measured:
 * a steady sine reads about -150 dBc here.
 */

const BH7 = [0.27105140069342, -0.43329793923448, 0.21812299954311, -0.06592544638803, 0.01081174209837, -0.00077658482522, 0.00001388721735];

/** In-place radix-2 FFT; the length must be a power of two. */
export function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j] ?? 0, re[i] ?? 0];
      [im[i], im[j]] = [im[j] ?? 0, im[i] ?? 0];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const a = (-2 * Math.PI) / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < len / 2; k++) {
        const wr = Math.cos(a * k);
        const wi = Math.sin(a * k);
        const p = i + k;
        const q = p + len / 2;
        const vr = (re[q] ?? 0) * wr - (im[q] ?? 0) * wi;
        const vi = (re[q] ?? 0) * wi + (im[q] ?? 0) * wr;
        re[q] = (re[p] ?? 0) - vr;
        im[q] = (im[p] ?? 0) - vi;
        re[p] = (re[p] ?? 0) + vr;
        im[p] = (im[p] ?? 0) + vi;
      }
    }
  }
}

/** Spurious energy (dBc) of `size` samples of x from `start`, carrier at `carrierHz`. */
export function spuriousDbc(x: Float32Array, start: number, size: number, rate: number, carrierHz: number, guardHz = 100): number {
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    let w = 0;
    for (let k = 0; k < BH7.length; k++) w += (BH7[k] ?? 0) * Math.cos((2 * Math.PI * k * i) / (size - 1));
    re[i] = (x[start + i] ?? 0) * w;
  }
  fft(re, im);
  let carrier = 0;
  let spurious = 0;
  for (let b = 0; b < size / 2; b++) {
    const p = (re[b] ?? 0) ** 2 + (im[b] ?? 0) ** 2;
    if (Math.abs((b * rate) / size - carrierHz) <= guardHz) carrier += p;
    else spurious += p;
  }
  return 10 * Math.log10(spurious / carrier);
}
