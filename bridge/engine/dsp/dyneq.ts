import { bandpass, Biquad } from './biquad.js';
import { at, fromDb, gainComputer, GainSmoother, PARAM_SMOOTHING_S, poleFor, Smoothed, toDb, type ParamBlock } from './dynamics.js';

/**
 * The dynamic EQ band: a cut around `freq` that deepens only while that band is loud (de-essing,
 * taming a resonant bass note). In parallel form: y = x + (g − 1)·BP(x), BP a constant-0-dB-peak
 * band-pass (RBJ cookbook) at freq with Q, g the band's gain. At g = 1 (band under threshold) the
 * output is the input exactly; at g < 1 it is a peaking cut of 20·log10(g) dB at freq.
 * The detector is the band-passed signal, stereo-linked (louder channel); the gain computer is a
 * hard knee with `ratio` above `threshold`, smoothed with attack/release in dB (dynamics.ts).
 *
 * Parameters: freq Hz, q, threshold dB, ratio, attack ms, release ms, bypass 0..1.
 */
export class DynamicBand {
  private readonly bp = [new Biquad(bandpass(1000, 1, 48000)), new Biquad(bandpass(1000, 1, 48000))];
  private readonly env = new GainSmoother();
  private readonly logHz: Smoothed;
  private readonly q: Smoothed;
  private readonly thr: Smoothed;
  private readonly ratio: Smoothed;
  private shape = { hz: 0, q: 0 };
  private maxGr = 0;

  constructor(private readonly rate: number) {
    const pole = poleFor(PARAM_SMOOTHING_S, rate);
    this.logHz = new Smoothed(pole);
    this.q = new Smoothed(pole);
    this.thr = new Smoothed(pole);
    this.ratio = new Smoothed(pole);
  }

  process(inL: Float32Array, inR: Float32Array, outL: Float32Array, outR: Float32Array, p: ParamBlock): void {
    for (let i = 0; i < outL.length; i++) {
      const hz = Math.exp(this.logHz.step(Math.log(Math.max(1, at(p['freq'], i)))));
      const q = this.q.step(at(p['q'], i));
      if ((i & 31) === 0 && (Math.abs(hz - this.shape.hz) > this.shape.hz * 1e-3 || Math.abs(q - this.shape.q) > 1e-3)) {
        this.shape = { hz, q };
        const c = bandpass(hz, q, this.rate);
        for (const f of this.bp) f.c = c;
      }
      const l = inL[i] ?? 0;
      const r = inR[i] ?? 0;
      const bl = this.bp[0]?.step(l) ?? 0;
      const br = this.bp[1]?.step(r) ?? 0;
      const target = gainComputer(toDb(Math.max(Math.abs(bl), Math.abs(br))), this.thr.step(at(p['threshold'], i)), this.ratio.step(at(p['ratio'], i)), 0);
      const gr = this.env.step(target, poleFor(at(p['attack'], i) / 1000, this.rate), poleFor(at(p['release'], i) / 1000, this.rate));
      if (-gr > this.maxGr) this.maxGr = -gr;
      const k = (1 - at(p['bypass'], i)) * (fromDb(gr) - 1);
      outL[i] = l + k * bl;
      outR[i] = r + k * br;
    }
  }

  /** The largest cut (dB, ≥ 0) since the previous call. */
  takeReduction(): number {
    const g = this.maxGr;
    this.maxGr = 0;
    return g;
  }
}
