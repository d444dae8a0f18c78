import { highpass, type BiquadCoefs } from './biquad.js';
import { belowKnee, constantOf, DB_NEPER, expNear, FROM_DB_SLACK, gainComputer, GainSmoother, PARAM_SMOOTHING_S, paramInto, PoleMemo, poleFor, Scratch, Smoothed, type ParamBlock } from './dynamics.js';

/**
 * The glue compressor: feed-forward, stereo-linked (the louder channel sets the gain, so the image
 * never shifts), soft knee, log-domain attack/release (Giannoulis et al. 2012, see dynamics.ts),
 * side-chain high-pass (Butterworth, so the kick does not pump the mix), make-up gain, dry/wet mix
 * (parallel compression) and a bypass crossfade driven from outside.
 *
 * Parameters (per block, from AudioParams): threshold dB, ratio, attack ms, release ms, knee dB,
 * makeup dB, scHpf Hz, mix %, bypass 0..1 (1: the input passes unchanged).
 *
 * Per frame: hz = exp(smoothed log(max(1, scHpf))) (the side-chain filter redesigned, at frames
 * 0, 32, 64, … of a block, when hz moved by more than 0.1 %), level = toDb(max(|HPF(l)|, |HPF(r)|)),
 * gr = smoother(gainComputer(level, threshold, ratio, knee)), wet = fromDb(gr + makeup),
 * g = (1 − bypass)(mix·wet + 1 − mix) + bypass, out = in·g (threshold, ratio, knee, makeup, mix and
 * log hz smoothed per frame, dynamics.ts Smoothed). Two paths compute exactly that, the same
 * float32 samples (test/engine/dsp-golden.test.ts): a general one, and one for the usual block
 * whose parameters are constant and whose smoothers have settled (`steady`), with everything that
 * depends on the parameters alone computed once, the logarithm skipped under the knee (where the
 * gain computer gives 0 whatever the level), and fromDb (Math.pow) replaced by a cheaper e^y whose
 * samples are certified equal (dynamics.ts FROM_DB_SLACK), or computed once while its argument holds.
 */
export class GlueCompressor {
  /** Side-chain high-pass coefficients and the state of its two channels (transposed DF II). */
  private c: BiquadCoefs = highpass(20, Math.SQRT1_2, 48000);
  private z1l = 0;
  private z2l = 0;
  private z1r = 0;
  private z2r = 0;
  private readonly env = new GainSmoother();
  private readonly threshold: Smoothed;
  private readonly knee: Smoothed;
  private readonly makeup: Smoothed;
  private readonly mix: Smoothed;
  private readonly logHz: Smoothed;
  private readonly ratio: Smoothed;
  private readonly attack: PoleMemo;
  private readonly release: PoleMemo;
  private readonly scratch = new Scratch(9);
  /** The block's constant parameter values (undefined: varying), for `general`. */
  private readonly k: Record<'thr' | 'ratio' | 'knee' | 'makeup' | 'mix' | 'logHz' | 'attack' | 'release' | 'bypass', number | undefined> = {
    thr: undefined,
    ratio: undefined,
    knee: undefined,
    makeup: undefined,
    mix: undefined,
    logHz: undefined,
    attack: undefined,
    release: undefined,
    bypass: undefined,
  };
  private scHz = 0;
  /**
   * The last make-up-plus-reduction argument and its wet gain: fromDb(wetArg) when wetExact, else
   * its certified stand-in (dynamics.ts FROM_DB_SLACK).
   */
  private wetArg = NaN;
  private wet = NaN;
  private wetExact = false;
  /** Most gain reduction (dB, ≥ 0) since the last `takeReduction`. */
  private maxGr = 0;

  constructor(private readonly rate: number) {
    const pole = poleFor(PARAM_SMOOTHING_S, rate);
    this.threshold = new Smoothed(pole);
    this.knee = new Smoothed(pole);
    this.makeup = new Smoothed(pole);
    this.mix = new Smoothed(pole);
    this.logHz = new Smoothed(pole);
    this.ratio = new Smoothed(pole);
    this.attack = new PoleMemo(rate);
    this.release = new PoleMemo(rate);
  }

  process(inL: Float32Array, inR: Float32Array, outL: Float32Array, outR: Float32Array, p: ParamBlock): void {
    const n = outL.length;
    const thr = constantOf(p['threshold'], n);
    const ratio = constantOf(p['ratio'], n);
    const knee = constantOf(p['knee'], n);
    const makeup = constantOf(p['makeup'], n);
    const mix = constantOf(p['mix'], n);
    const hzIn = constantOf(p['scHpf'], n);
    const attack = constantOf(p['attack'], n);
    const release = constantOf(p['release'], n);
    const bypass = constantOf(p['bypass'], n);
    const logHz = hzIn === undefined ? undefined : Math.log(Math.max(1, hzIn));
    if (
      thr !== undefined &&
      ratio !== undefined &&
      knee !== undefined &&
      makeup !== undefined &&
      mix !== undefined &&
      logHz !== undefined &&
      attack !== undefined &&
      release !== undefined &&
      bypass !== undefined &&
      inL.length >= n &&
      inR.length >= n &&
      this.threshold.steadyAt(thr) &&
      this.ratio.steadyAt(ratio) &&
      this.knee.steadyAt(knee) &&
      this.makeup.steadyAt(makeup) &&
      this.mix.steadyAt(mix) &&
      this.logHz.steadyAt(logHz)
    )
      this.steady(inL, inR, outL, outR, n, this.attack.get(attack), this.release.get(release), bypass);
    else {
      const k = this.k;
      k.thr = thr;
      k.ratio = ratio;
      k.knee = knee;
      k.makeup = makeup;
      k.mix = mix;
      k.logHz = logHz;
      k.attack = attack;
      k.release = release;
      k.bypass = bypass;
      this.general(inL, inR, outL, outR, p, n);
    }
  }

  /** Redesigns the side-chain filter at frame i (i & 31 = 0) if hz moved by more than 0.1 %. */
  private retune(hz: number): void {
    if (Math.abs(hz - this.scHz) > this.scHz * 1e-3) {
      this.scHz = hz;
      this.c = highpass(hz, Math.SQRT1_2, this.rate);
    }
  }

  /** Constant parameters, settled smoothers: every value but the signal's is a block constant. */
  private steady(inL: Float32Array, inR: Float32Array, outL: Float32Array, outR: Float32Array, n: number, atk: number, rel: number, b: number): void {
    if (n > 0) this.retune(Math.exp(this.logHz.peek()));
    const t = this.threshold.peek();
    const r = this.ratio.peek();
    const w = this.knee.peek();
    const mk = this.makeup.peek();
    const mix = this.mix.peek() / 100;
    const lo = belowKnee(t, w);
    const slope = 1 / r - 1;
    const atkQ = 1 - atk;
    const relQ = 1 - rel;
    const bq = 1 - b;
    const V = this.scratch.buf(0, n);
    // Pass 1, frame after frame: side-chain filter, level, gain computer, smoother → V.
    const { b0, b1, b2, a1, a2 } = this.c;
    let z1l = this.z1l;
    let z2l = this.z2l;
    let z1r = this.z1r;
    let z2r = this.z2r;
    let v = this.env.value;
    let maxGr = this.maxGr;
    for (let i = 0; i < n; i++) {
      const l = inL[i] as number;
      const rr = inR[i] as number;
      const yl = b0 * l + z1l;
      z1l = b1 * l - a1 * yl + z2l;
      z2l = b2 * l - a2 * yl;
      const yr = b0 * rr + z1r;
      z1r = b1 * rr - a1 * yr + z2r;
      z2r = b2 * rr - a2 * yr;
      const x = Math.max(Math.abs(yl), Math.abs(yr));
      let target = 0;
      if (!(x > 1e-10 && x < lo)) {
        const over = (x > 1e-10 ? 20 * Math.log10(x) : -200) - t;
        if (2 * over <= -w) target = 0;
        else if (w > 0 && 2 * Math.abs(over) <= w) target = (slope * (over + w / 2) ** 2) / (2 * w);
        else target = slope * over;
      }
      v = target < v ? atk * v + atkQ * target : rel * v + relQ * target;
      if (-v > maxGr) maxGr = -v;
      V[i] = v;
    }
    this.z1l = z1l;
    this.z2l = z2l;
    this.z1r = z1r;
    this.z2r = z2r;
    this.env.value = v;
    this.maxGr = maxGr;
    // Pass 2: wet gain and output per frame (the input read before the output is written, as
    // in one pass, so in-place processing gives the same samples).
    let wetArg = this.wetArg;
    let wet = this.wet;
    let exact = this.wetExact;
    // Imported bindings read once (a module compiled to CommonJS reads them through getters).
    const expN = expNear;
    const neper = DB_NEPER;
    const down = 1 - FROM_DB_SLACK;
    const up = 1 + FROM_DB_SLACK;
    for (let i = 0; i < n; i++) {
      const l = inL[i] as number;
      const rr = inR[i] as number;
      const arg = (V[i] as number) + mk;
      if (!Object.is(arg, wetArg)) {
        // A new argument: e^y instead of 10^(arg/20), certified below.
        wetArg = arg;
        wet = expN(arg * neper);
        exact = false;
      } else if (!exact) {
        // The argument held (no reduction moving): the exact value, once.
        wet = 10 ** (arg / 20);
        exact = true;
      }
      if (!exact) {
        if (certified(outL, outR, i, l, rr, wet * down, wet * up, bq, mix, b)) continue;
        wet = 10 ** (arg / 20);
        exact = true;
      }
      const g = bq * (mix * wet + 1 - mix) + b;
      outL[i] = l * g;
      outR[i] = rr * g;
    }
    this.wetArg = wetArg;
    this.wet = wet;
    this.wetExact = exact;
  }

  /** Any block: the parameters per frame (smoothed where they are), then the frames. */
  private general(inL: Float32Array, inR: Float32Array, outL: Float32Array, outR: Float32Array, p: ParamBlock, n: number): void {
    const k = this.k;
    const sc = this.scratch;
    const T = sc.buf(0, n);
    const R = sc.buf(1, n);
    const K = sc.buf(2, n);
    const MK = sc.buf(3, n);
    const MX = sc.buf(4, n);
    const LH = sc.buf(5, n);
    const AT = sc.buf(6, n);
    const RL = sc.buf(7, n);
    const BP = sc.buf(8, n);
    paramInto(p['threshold'], k.thr, T, n);
    this.threshold.run(k.thr, T, n);
    paramInto(p['ratio'], k.ratio, R, n);
    this.ratio.run(k.ratio, R, n);
    paramInto(p['knee'], k.knee, K, n);
    this.knee.run(k.knee, K, n);
    paramInto(p['makeup'], k.makeup, MK, n);
    this.makeup.run(k.makeup, MK, n);
    paramInto(p['mix'], k.mix, MX, n);
    this.mix.run(k.mix, MX, n);
    if (k.logHz === undefined) {
      paramInto(p['scHpf'], undefined, LH, n);
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
    paramInto(p['attack'], k.attack, AT, n);
    paramInto(p['release'], k.release, RL, n);
    paramInto(p['bypass'], k.bypass, BP, n);
    let v = this.env.value;
    let maxGr = this.maxGr;
    let wetArg = this.wetArg;
    let wet = this.wet;
    let exact = this.wetExact;
    // Imported bindings read once (see steady).
    const gc = gainComputer;
    const expN = expNear;
    const neper = DB_NEPER;
    const down = 1 - FROM_DB_SLACK;
    const up = 1 + FROM_DB_SLACK;
    for (let i = 0; i < n; i++) {
      if ((i & 31) === 0) this.retune(Math.exp(LH[i] as number));
      const c = this.c;
      const l = inL[i] ?? 0;
      const r = inR[i] ?? 0;
      const yl = c.b0 * l + this.z1l;
      this.z1l = c.b1 * l - c.a1 * yl + this.z2l;
      this.z2l = c.b2 * l - c.a2 * yl;
      const yr = c.b0 * r + this.z1r;
      this.z1r = c.b1 * r - c.a1 * yr + this.z2r;
      this.z2r = c.b2 * r - c.a2 * yr;
      const x = Math.max(Math.abs(yl), Math.abs(yr));
      const target = gc(x > 1e-10 ? 20 * Math.log10(x) : -200, T[i] as number, R[i] as number, K[i] as number);
      const atk = this.attack.get(AT[i] as number);
      const rel = this.release.get(RL[i] as number);
      const a = target < v ? atk : rel;
      v = a * v + (1 - a) * target;
      if (-v > maxGr) maxGr = -v;
      const mix = (MX[i] as number) / 100;
      const arg = v + (MK[i] as number);
      const b = BP[i] as number;
      const bq = 1 - b;
      // fromDb(arg) as in steady.
      if (!Object.is(arg, wetArg)) {
        wetArg = arg;
        wet = expN(arg * neper);
        exact = false;
      } else if (!exact) {
        wet = 10 ** (arg / 20);
        exact = true;
      }
      if (!exact) {
        if (certified(outL, outR, i, l, r, wet * down, wet * up, bq, mix, b)) continue;
        wet = 10 ** (arg / 20);
        exact = true;
      }
      const g = bq * (mix * wet + 1 - mix) + b;
      outL[i] = l * g;
      outR[i] = r * g;
    }
    this.env.value = v;
    this.maxGr = maxGr;
    this.wetArg = wetArg;
    this.wet = wet;
    this.wetExact = exact;
  }

  /** The largest gain reduction (dB, ≥ 0) since the previous call. */
  takeReduction(): number {
    const g = this.maxGr;
    this.maxGr = 0;
    return g;
  }
}

/**
 * Frame i's output for a wet gain known to lie in [lo, hi] (dynamics.ts FROM_DB_SLACK): the samples
 * at both ends of the interval. out = fround(x·g), g = bq·(mix·wet + 1 − mix) + b, is monotone in
 * the wet gain, so equal ends give the exact samples (a zero's sign is sign(x)·sign(g), certain
 * when g has one sign over the interval). Writes them and returns true, or writes nothing and
 * returns false (then the caller computes fromDb).
 */
function certified(outL: Float32Array, outR: Float32Array, i: number, l: number, r: number, lo: number, hi: number, bq: number, mix: number, b: number): boolean {
  const gLo = bq * (mix * lo + 1 - mix) + b;
  const gHi = bq * (mix * hi + 1 - mix) + b;
  const ol = Math.fround(l * gLo);
  const or = Math.fround(r * gLo);
  if (ol === Math.fround(l * gHi) && or === Math.fround(r * gHi) && ((ol !== 0 && or !== 0) || (gLo > 0 && gHi > 0) || (gLo < 0 && gHi < 0))) {
    outL[i] = ol;
    outR[i] = or;
    return true;
  }
  return false;
}
