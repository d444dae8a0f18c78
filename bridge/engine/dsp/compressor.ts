import { Biquad, highpass } from './biquad.js';
import { at, fromDb, gainComputer, GainSmoother, PARAM_SMOOTHING_S, poleFor, Smoothed, toDb, type ParamBlock } from './dynamics.js';

/**
 * The glue compressor: feed-forward, stereo-linked (the louder channel sets the gain, so the image
 * never shifts), soft knee, log-domain attack/release (Giannoulis et al. 2012, see dynamics.ts),
 * side-chain high-pass (Butterworth, so the kick does not pump the mix), make-up gain, dry/wet mix
 * (parallel compression) and a bypass crossfade driven from outside.
 *
 * Parameters (per block, from AudioParams): threshold dB, ratio, attack ms, release ms, knee dB,
 * makeup dB, scHpf Hz, mix %, bypass 0..1 (1: the input passes unchanged).
 */
export class GlueCompressor {
  private readonly sc = [new Biquad(highpass(20, Math.SQRT1_2, 48000)), new Biquad(highpass(20, Math.SQRT1_2, 48000))];
  private readonly env = new GainSmoother();
  private readonly sm: Record<string, Smoothed>;
  private scHz = 0;
  /** Most gain reduction (dB, ≥ 0) since the last `takeReduction`. */
  private maxGr = 0;

  constructor(private readonly rate: number) {
    const pole = poleFor(PARAM_SMOOTHING_S, rate);
    this.sm = Object.fromEntries(['threshold', 'knee', 'makeup', 'mix', 'scHpf', 'ratio'].map((k) => [k, new Smoothed(pole)]));
  }

  process(inL: Float32Array, inR: Float32Array, outL: Float32Array, outR: Float32Array, p: ParamBlock): void {
    const sm = this.sm;
    for (let i = 0; i < outL.length; i++) {
      const hz = Math.exp(sm['scHpf']?.step(Math.log(Math.max(1, at(p['scHpf'], i)))) ?? 0);
      if ((i & 31) === 0 && Math.abs(hz - this.scHz) > this.scHz * 1e-3) {
        this.scHz = hz;
        const c = highpass(hz, Math.SQRT1_2, this.rate);
        for (const f of this.sc) f.c = c;
      }
      const l = inL[i] ?? 0;
      const r = inR[i] ?? 0;
      const level = toDb(Math.max(Math.abs(this.sc[0]?.step(l) ?? 0), Math.abs(this.sc[1]?.step(r) ?? 0)));
      const t = sm['threshold']?.step(at(p['threshold'], i)) ?? 0;
      const ratio = sm['ratio']?.step(at(p['ratio'], i)) ?? 1;
      const knee = sm['knee']?.step(at(p['knee'], i)) ?? 0;
      const target = gainComputer(level, t, ratio, knee);
      const atk = poleFor(at(p['attack'], i) / 1000, this.rate);
      const rel = poleFor(at(p['release'], i) / 1000, this.rate);
      const gr = this.env.step(target, atk, rel);
      if (-gr > this.maxGr) this.maxGr = -gr;
      const mix = (sm['mix']?.step(at(p['mix'], i)) ?? 100) / 100;
      const wet = fromDb(gr + (sm['makeup']?.step(at(p['makeup'], i)) ?? 0));
      const b = at(p['bypass'], i);
      const g = (1 - b) * (mix * wet + 1 - mix) + b;
      outL[i] = l * g;
      outR[i] = r * g;
    }
  }

  /** The largest gain reduction (dB, ≥ 0) since the previous call. */
  takeReduction(): number {
    const g = this.maxGr;
    this.maxGr = 0;
    return g;
  }
}
