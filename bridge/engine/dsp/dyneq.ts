import { bandpass, type BiquadCoefs } from './biquad.js';
import { belowKnee, constantOf, DB_NEPER, expNear, FROM_DB_SLACK, gainComputer, GainSmoother, PARAM_SMOOTHING_S, paramInto, PoleMemo, poleFor, Scratch, Smoothed, type ParamBlock } from './dynamics.js';

/**
 * The dynamic EQ band: a cut around `freq` that deepens only while that band is loud (de-essing,
 * taming a resonant bass note). In parallel form: y = x + (g − 1)·BP(x), BP a constant-0-dB-peak
 * band-pass (RBJ cookbook) at freq with Q, g the band's gain. At g = 1 (band under threshold) the
 * output is the input exactly; at g < 1 it is a peaking cut of 20·log10(g) dB at freq.
 * The detector is the band-passed signal, stereo-linked (louder channel); the gain computer is a
 * hard knee with `ratio` above `threshold`, smoothed with attack/release in dB (dynamics.ts).
 *
 * Parameters: freq Hz, q, threshold dB, ratio, attack ms, release ms, bypass 0..1.
 *
 * Two paths compute the same float32 samples (test/engine/dsp-golden.test.ts): a general one, and
 * one for the usual block whose parameters are constant and whose smoothers have settled (`steady`:
 * everything that depends on the parameters alone computed once, the logarithm skipped under the
 * threshold, where the gain computer gives 0 whatever the level, and fromDb (Math.pow) replaced by
 * a cheaper e^y whose samples are certified equal (dynamics.ts FROM_DB_SLACK), or computed once
 * while the gain holds).
 */
export class DynamicBand {
  /** Band-pass coefficients and the state of its two channels (transposed DF II). */
  private c: BiquadCoefs = bandpass(1000, 1, 48000);
  private z1l = 0;
  private z2l = 0;
  private z1r = 0;
  private z2r = 0;
  private readonly env = new GainSmoother();
  private readonly logHz: Smoothed;
  private readonly q: Smoothed;
  private readonly thr: Smoothed;
  private readonly ratio: Smoothed;
  private readonly attack: PoleMemo;
  private readonly release: PoleMemo;
  private readonly scratch = new Scratch(7);
  /** The block's constant parameter values (undefined: varying), for `general`. */
  private readonly k: Record<'logHz' | 'q' | 'thr' | 'ratio' | 'attack' | 'release' | 'bypass', number | undefined> = {
    logHz: undefined,
    q: undefined,
    thr: undefined,
    ratio: undefined,
    attack: undefined,
    release: undefined,
    bypass: undefined,
  };
  private shapeHz = 0;
  private shapeQ = 0;
  /**
   * The last gain (dB) and its linear value: fromDb(gainArg) when gainExact, else its certified
   * stand-in (dynamics.ts FROM_DB_SLACK).
   */
  private gainArg = NaN;
  private gain = NaN;
  private gainExact = false;
  private maxGr = 0;

  constructor(private readonly rate: number) {
    const pole = poleFor(PARAM_SMOOTHING_S, rate);
    this.logHz = new Smoothed(pole);
    this.q = new Smoothed(pole);
    this.thr = new Smoothed(pole);
    this.ratio = new Smoothed(pole);
    this.attack = new PoleMemo(rate);
    this.release = new PoleMemo(rate);
  }

  process(inL: Float32Array, inR: Float32Array, outL: Float32Array, outR: Float32Array, p: ParamBlock): void {
    const n = outL.length;
    const freq = constantOf(p['freq'], n);
    const q = constantOf(p['q'], n);
    const thr = constantOf(p['threshold'], n);
    const ratio = constantOf(p['ratio'], n);
    const attack = constantOf(p['attack'], n);
    const release = constantOf(p['release'], n);
    const bypass = constantOf(p['bypass'], n);
    const logHz = freq === undefined ? undefined : Math.log(Math.max(1, freq));
    if (
      logHz !== undefined &&
      q !== undefined &&
      thr !== undefined &&
      ratio !== undefined &&
      attack !== undefined &&
      release !== undefined &&
      bypass !== undefined &&
      inL.length >= n &&
      inR.length >= n &&
      this.logHz.steadyAt(logHz) &&
      this.q.steadyAt(q) &&
      this.thr.steadyAt(thr) &&
      this.ratio.steadyAt(ratio)
    )
      this.steady(inL, inR, outL, outR, n, this.attack.get(attack), this.release.get(release), bypass);
    else {
      const k = this.k;
      k.logHz = logHz;
      k.q = q;
      k.thr = thr;
      k.ratio = ratio;
      k.attack = attack;
      k.release = release;
      k.bypass = bypass;
      this.general(inL, inR, outL, outR, p, n);
    }
  }

  /** Redesigns the band-pass at frame i (i & 31 = 0) if its centre or Q moved enough. */
  private reshape(hz: number, q: number): void {
    if (Math.abs(hz - this.shapeHz) > this.shapeHz * 1e-3 || Math.abs(q - this.shapeQ) > 1e-3) {
      this.shapeHz = hz;
      this.shapeQ = q;
      this.c = bandpass(hz, q, this.rate);
    }
  }

  /** Constant parameters, settled smoothers. */
  private steady(inL: Float32Array, inR: Float32Array, outL: Float32Array, outR: Float32Array, n: number, atk: number, rel: number, b: number): void {
    if (n > 0) this.reshape(Math.exp(this.logHz.peek()), this.q.peek());
    const t = this.thr.peek();
    const slope = 1 / this.ratio.peek() - 1;
    const lo = belowKnee(t, 0);
    const atkQ = 1 - atk;
    const relQ = 1 - rel;
    const bq = 1 - b;
    const V = this.scratch.buf(0, n);
    const BL = this.scratch.buf(1, n);
    const BR = this.scratch.buf(2, n);
    // Pass 1, frame after frame: band-pass, level, gain computer, smoother → V, BL, BR.
    const { b0, b1, b2, a1, a2 } = this.c;
    let z1l = this.z1l;
    let z2l = this.z2l;
    let z1r = this.z1r;
    let z2r = this.z2r;
    let v = this.env.value;
    let maxGr = this.maxGr;
    for (let i = 0; i < n; i++) {
      const l = inL[i] as number;
      const r = inR[i] as number;
      const bl = b0 * l + z1l;
      z1l = b1 * l - a1 * bl + z2l;
      z2l = b2 * l - a2 * bl;
      const br = b0 * r + z1r;
      z1r = b1 * r - a1 * br + z2r;
      z2r = b2 * r - a2 * br;
      const x = Math.max(Math.abs(bl), Math.abs(br));
      let target = 0;
      if (!(x > 1e-10 && x < lo)) {
        // gainComputer with a hard knee (w = 0: its 2·over <= −w is 2·over <= 0).
        const over = (x > 1e-10 ? 20 * Math.log10(x) : -200) - t;
        target = 2 * over <= 0 ? 0 : slope * over;
      }
      v = target < v ? atk * v + atkQ * target : rel * v + relQ * target;
      if (-v > maxGr) maxGr = -v;
      V[i] = v;
      BL[i] = bl;
      BR[i] = br;
    }
    this.z1l = z1l;
    this.z2l = z2l;
    this.z1r = z1r;
    this.z2r = z2r;
    this.env.value = v;
    this.maxGr = maxGr;
    // Pass 2: gain and output per frame (the input read before the output is written).
    let gainArg = this.gainArg;
    let gain = this.gain;
    let exact = this.gainExact;
    // Imported bindings read once (a module compiled to CommonJS reads them through getters).
    const expN = expNear;
    const neper = DB_NEPER;
    const down = 1 - FROM_DB_SLACK;
    const up = 1 + FROM_DB_SLACK;
    for (let i = 0; i < n; i++) {
      const l = inL[i] as number;
      const r = inR[i] as number;
      const bl = BL[i] as number;
      const br = BR[i] as number;
      const g = V[i] as number;
      if (!Object.is(g, gainArg)) {
        // A new gain: e^y instead of 10^(g/20), certified below.
        gainArg = g;
        gain = expN(g * neper);
        exact = false;
      } else if (!exact) {
        // The gain held: the exact value, once.
        gain = 10 ** (g / 20);
        exact = true;
      }
      if (!exact) {
        if (certified(outL, outR, i, l, r, bl, br, bq * (gain * down - 1), bq * (gain * up - 1))) continue;
        gain = 10 ** (g / 20);
        exact = true;
      }
      const k = bq * (gain - 1);
      outL[i] = l + k * bl;
      outR[i] = r + k * br;
    }
    this.gainArg = gainArg;
    this.gain = gain;
    this.gainExact = exact;
  }

  /** Any block: the parameters per frame (smoothed where they are), then the frames. */
  private general(inL: Float32Array, inR: Float32Array, outL: Float32Array, outR: Float32Array, p: ParamBlock, n: number): void {
    const k = this.k;
    const sc = this.scratch;
    const LH = sc.buf(0, n);
    const Q = sc.buf(1, n);
    const T = sc.buf(2, n);
    const R = sc.buf(3, n);
    const AT = sc.buf(4, n);
    const RL = sc.buf(5, n);
    const BP = sc.buf(6, n);
    if (k.logHz === undefined) {
      paramInto(p['freq'], undefined, LH, n);
      let last = NaN;
      let log = NaN;
      for (let i = 0; i < n; i++) {
        const x = LH[i] as number;
        if (!Object.is(x, last)) {
          last = x;
          log = Math.log(Math.max(1, x));
        }
        LH[i] = log;
      }
    }
    this.logHz.run(k.logHz, LH, n);
    paramInto(p['q'], k.q, Q, n);
    this.q.run(k.q, Q, n);
    paramInto(p['threshold'], k.thr, T, n);
    this.thr.run(k.thr, T, n);
    paramInto(p['ratio'], k.ratio, R, n);
    this.ratio.run(k.ratio, R, n);
    paramInto(p['attack'], k.attack, AT, n);
    paramInto(p['release'], k.release, RL, n);
    paramInto(p['bypass'], k.bypass, BP, n);
    let v = this.env.value;
    let maxGr = this.maxGr;
    let gainArg = this.gainArg;
    let gain = this.gain;
    let exact = this.gainExact;
    // Imported bindings read once (see steady).
    const gc = gainComputer;
    const expN = expNear;
    const neper = DB_NEPER;
    const down = 1 - FROM_DB_SLACK;
    const up = 1 + FROM_DB_SLACK;
    for (let i = 0; i < n; i++) {
      if ((i & 31) === 0) this.reshape(Math.exp(LH[i] as number), Q[i] as number);
      const c = this.c;
      const l = inL[i] ?? 0;
      const r = inR[i] ?? 0;
      const bl = c.b0 * l + this.z1l;
      this.z1l = c.b1 * l - c.a1 * bl + this.z2l;
      this.z2l = c.b2 * l - c.a2 * bl;
      const br = c.b0 * r + this.z1r;
      this.z1r = c.b1 * r - c.a1 * br + this.z2r;
      this.z2r = c.b2 * r - c.a2 * br;
      const x = Math.max(Math.abs(bl), Math.abs(br));
      const target = gc(x > 1e-10 ? 20 * Math.log10(x) : -200, T[i] as number, R[i] as number, 0);
      const atk = this.attack.get(AT[i] as number);
      const rel = this.release.get(RL[i] as number);
      const a = target < v ? atk : rel;
      v = a * v + (1 - a) * target;
      if (-v > maxGr) maxGr = -v;
      const bq = 1 - (BP[i] as number);
      // fromDb(v) as in steady.
      if (!Object.is(v, gainArg)) {
        gainArg = v;
        gain = expN(v * neper);
        exact = false;
      } else if (!exact) {
        gain = 10 ** (v / 20);
        exact = true;
      }
      if (!exact) {
        if (certified(outL, outR, i, l, r, bl, br, bq * (gain * down - 1), bq * (gain * up - 1))) continue;
        gain = 10 ** (v / 20);
        exact = true;
      }
      const kk = bq * (gain - 1);
      outL[i] = l + kk * bl;
      outR[i] = r + kk * br;
    }
    this.env.value = v;
    this.maxGr = maxGr;
    this.gainArg = gainArg;
    this.gain = gain;
    this.gainExact = exact;
  }

  /** The largest cut (dB, ≥ 0) since the previous call. */
  takeReduction(): number {
    const g = this.maxGr;
    this.maxGr = 0;
    return g;
  }
}

/**
 * Frame i's output for a gain known to lie within an interval (dynamics.ts FROM_DB_SLACK), kLo and
 * kHi the values of k = (1 − bypass)(gain − 1) at its ends: out = fround(x + k·band) is monotone in
 * the gain, so equal ends give the exact samples. A zero output is certain only when x = ±0 and k
 * has one sign over the interval (then every term's sign is known), or x = +0 and band = ±0 (+0
 * whatever k). Writes them and returns true, or writes nothing and returns false (then the caller
 * computes fromDb).
 */
function certified(outL: Float32Array, outR: Float32Array, i: number, l: number, r: number, bl: number, br: number, kLo: number, kHi: number): boolean {
  const ol = Math.fround(l + kLo * bl);
  const or = Math.fround(r + kLo * br);
  if ((ol !== 0 ? ol === Math.fround(l + kHi * bl) : zeroSure(l, bl, kLo, kHi)) && (or !== 0 ? or === Math.fround(r + kHi * br) : zeroSure(r, br, kLo, kHi))) {
    outL[i] = ol;
    outR[i] = or;
    return true;
  }
  return false;
}

/**
 * Whether x + k·band is a zero of known sign for every k in [kLo, kHi] (the two ends computed
 * from the two ends of the gain interval): x = ±0 and k of one sign (the sum is then k·band, or
 * x + ±0, whose sign follows from the operands'), or x = +0 and band = ±0 (the sum is +0).
 */
function zeroSure(x: number, band: number, kLo: number, kHi: number): boolean {
  if (x !== 0) return false;
  if (Object.is(x, 0) && band === 0) return true;
  if (!((kLo > 0 && kHi > 0) || (kLo < 0 && kHi < 0))) return false;
  return Object.is(Math.fround(x + kLo * band), Math.fround(x + kHi * band));
}
