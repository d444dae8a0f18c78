import type { ParamId } from '../../core/param/descriptor.js';
import { valueOf, type Values } from '../chain/binder.js';
import { EQ_MODES, EQ_SECTIONS } from '../chain/params.js';
import { GlueCompressor } from '../dsp/compressor.js';
import type { ParamBlock } from '../dsp/dynamics.js';
import { DynamicBand } from '../dsp/dyneq.js';
import { TruePeakLimiter } from '../dsp/limiter.js';
import { planRamp, type TargetKind } from '../ramp/ramp.js';
import type { PROCESSORS } from '../worklet/names.js';
import { SpecBiquad, specCoefs, type SpecBiquadType } from './spec-biquad.js';

/**
 * The mastering chain of chain/graph.ts computed in plain TypeScript, one render quantum at a time,
 * for offline renders with static parameter values (the graph path takes the timed changes).
 *
 * It is the same graph, node for node, with the arithmetic each node does in node-web-audio-api
 * 1.0.9, so the output equals the OfflineAudioContext render (test/engine/offline-equality.test.ts):
 *   - GainNode: x·g rounded to float32, g the float32 AudioParam value (a level's smoothing stage
 *     adds LP(control − initial) = 0 to it when nothing moves, chain/smoothing.ts);
 *   - node inputs summed in float32 (two inputs, so the order does not matter);
 *   - BiquadFilterNode: spec-biquad.ts;
 *   - mid/side matrices and bypass crossfades (chain/nodes.ts) with their float32 roundings;
 *   - the three AudioWorklets: the very DSP classes the processors wrap (dsp/), called with the
 *     same render quanta (128 frames) and the same float32 parameter values.
 * Work the graph does that cannot reach the output is skipped, which changes no sample: a stage
 * bypassed at 1 (its wet path is multiplied by 0: the node outputs silence), the 24 dB/oct biquad
 * at 12 dB/oct (its gain is 0), a gain of exactly 1, and a bypassed limiter (a delay line times 1:
 * the render then drops no head).
 */

/** Frames per block: Web Audio's render quantum, so the processors see the blocks the graph gives them. */
export const QUANTUM = 128;

/** Butterworth Q (1/√2) in dB, as chain/stages.ts gives the high-pass biquads. */
const BUTTERWORTH_Q_DB = 20 * Math.log10(Math.SQRT1_2);

type Dyn = 'compressor' | 'dynamicEq' | 'limiter';
type Drives<K extends Dyn> = Readonly<Record<(typeof PROCESSORS)[K]['params'][number], readonly [ParamId, TargetKind]>>;

/** Each worklet parameter's chain id and ramp kind, as chain/worklets.ts binds them. */
const COMPRESSOR: Drives<'compressor'> = {
  threshold: ['comp.threshold', 'control-linear'],
  ratio: ['comp.ratio', 'control-log'],
  attack: ['comp.attack', 'control-log'],
  release: ['comp.release', 'control-log'],
  knee: ['comp.knee', 'control-linear'],
  makeup: ['comp.makeup', 'control-linear'],
  scHpf: ['comp.sidechainHpf', 'control-log'],
  mix: ['comp.mix', 'control-linear'],
  bypass: ['comp.bypass', 'fade'],
};
const DYNAMIC_EQ: Drives<'dynamicEq'> = {
  freq: ['dyneq.freq', 'control-log'],
  q: ['dyneq.q', 'control-log'],
  threshold: ['dyneq.threshold', 'control-linear'],
  ratio: ['dyneq.ratio', 'control-log'],
  attack: ['dyneq.attack', 'control-log'],
  release: ['dyneq.release', 'control-log'],
  bypass: ['dyneq.bypass', 'fade'],
};
const LIMITER: Drives<'limiter'> = {
  ceiling: ['limiter.ceiling', 'control-linear'],
  release: ['limiter.release', 'control-log'],
  lookahead: ['limiter.lookahead', 'control-linear'],
  bypass: ['limiter.bypass', 'fade'],
};

/** The float32 value an AudioParam bound to `id` holds for the values `v` (no ramp running). */
const param = (v: Values, kind: TargetKind, id: ParamId): number => Math.fround(planRamp(kind, valueOf(v, id)).target);

/** A processor's parameter block: one float32 value per parameter, as the graph passes constants. */
function block(v: Values, drives: Readonly<Record<string, readonly [ParamId, TargetKind]>>): ParamBlock {
  return Object.fromEntries(Object.entries(drives).map(([name, [id, kind]]) => [name, Float32Array.of(param(v, kind, id))]));
}

/** A stereo stage working in place on a quantum. */
interface Stage {
  process(l: Float32Array, r: Float32Array): void;
}

/** GainNode: x·g in float32. */
function scale(x: Float32Array, g: number): void {
  for (let i = 0; i < QUANTUM; i++) x[i] = (x[i] as number) * g;
}

/**
 * The bypass crossfade of chain/nodes.ts: out = dry·gd + wet·gw, each product and the sum rounded
 * to float32 (gd, gw the two GainNodes' float32 gains). Written into `wet`.
 */
function crossfade(dry: Float32Array, wet: Float32Array, gd: number, gw: number): void {
  for (let i = 0; i < QUANTUM; i++) wet[i] = Math.fround((dry[i] as number) * gd) + Math.fround((wet[i] as number) * gw);
}

/** A stage inside a bypass crossfade: left out at 1, alone at 0, crossfaded in between. */
class Bypassable implements Stage {
  private readonly dryL = new Float32Array(QUANTUM);
  private readonly dryR = new Float32Array(QUANTUM);
  constructor(
    private readonly gd: number,
    private readonly gw: number,
    private readonly wet: Stage,
  ) {}

  static wrap(v: Values, bypassId: ParamId, wet: Stage): Stage | undefined {
    // The dry gain follows the bypass value, the wet one 1 − value (chain/nodes.ts, crossfade).
    const gd = param(v, 'fade', bypassId);
    const gw = Math.fround(planRamp('fade', 1 - valueOf(v, bypassId)).target);
    if (gd === 1 && gw === 0) return undefined;
    if (gd === 0 && gw === 1) return wet;
    return new Bypassable(gd, gw, wet);
  }

  process(l: Float32Array, r: Float32Array): void {
    this.dryL.set(l);
    this.dryR.set(r);
    this.wet.process(l, r);
    crossfade(this.dryL, l, this.gd, this.gw);
    crossfade(this.dryR, r, this.gd, this.gw);
  }
}

class Gain implements Stage {
  constructor(private readonly g: number) {}
  process(l: Float32Array, r: Float32Array): void {
    scale(l, this.g);
    scale(r, this.g);
  }
}

/**
 * Biquads in cascade on one channel. Sections at 0 dB are run too: b = a makes them the identity
 * in exact arithmetic, not in the node's double-precision state, whose float32 output then differs
 * from the input by one LSB now and then (measured: 2 samples in 192,000, at −193 dBFS).
 */
class Cascade {
  private readonly sections: SpecBiquad[];
  constructor(rate: number, specs: readonly { type: SpecBiquadType; freq: number; gain: number; q: number }[]) {
    this.sections = specs.map((s) => specCoefs(s.type, rate, s.freq, s.gain, s.q)).map((c) => new SpecBiquad(c));
  }
  process(x: Float32Array): void {
    for (const s of this.sections) s.process(x, x, QUANTUM);
  }
}

/** chain/stages.ts highPass: one Butterworth biquad (12 dB/oct) or two in cascade (24). */
function highPass(rate: number, v: Values): Stage {
  const hp = { type: 'highpass' as const, freq: param(v, 'filter-hz', 'hpf.freq'), gain: 0, q: BUTTERWORTH_Q_DB };
  // The slope picks one of the two outputs (gains 1 and 0): the other is silent in the graph.
  const specs = valueOf(v, 'hpf.slope') >= 18 ? [hp, hp] : [hp];
  const l = new Cascade(rate, specs);
  const r = new Cascade(rate, specs);
  return {
    process(bl, br) {
      l.process(bl);
      r.process(br);
    },
  };
}

/** msEncode of chain/nodes.ts: mid = (L + R)·0.5, side = L·0.5 + R·(−0.5), each step in float32. */
function encode(l: Float32Array, r: Float32Array, mid: Float32Array, side: Float32Array): void {
  for (let i = 0; i < QUANTUM; i++) {
    const a = l[i] as number;
    const b = r[i] as number;
    mid[i] = Math.fround(a + b) * 0.5;
    side[i] = Math.fround(a * 0.5) + Math.fround(b * -0.5);
  }
}

/** msDecode: L = mid + side, R = mid + side·(−1). */
function decode(mid: Float32Array, side: Float32Array, l: Float32Array, r: Float32Array): void {
  for (let i = 0; i < QUANTUM; i++) {
    const m = mid[i] as number;
    const s = side[i] as number;
    l[i] = m + s;
    r[i] = m - s;
  }
}

/** chain/stages.ts equaliser: the five sections on mid and side, each band's gain by its mode. */
function equaliser(rate: number, v: Values): Stage {
  const channel = (on: 'mid' | 'side'): Cascade =>
    new Cascade(
      rate,
      EQ_SECTIONS.map((s) => {
        const mode = EQ_MODES[Math.round(valueOf(v, `eq.${s.key}.mode`))] ?? 'stereo';
        const acts = mode === 'stereo' || mode === on;
        return {
          type: s.type,
          freq: param(v, 'filter-hz', `eq.${s.key}.freq`),
          gain: acts ? param(v, 'filter-db', `eq.${s.key}.gain`) : 0,
          // Shelves keep the node's default Q (1), which the spec's shelf formulas do not use.
          q: s.type === 'peaking' ? param(v, 'filter-q', `eq.${s.key}.q`) : 1,
        };
      }),
    );
  const midEq = channel('mid');
  const sideEq = channel('side');
  const mid = new Float32Array(QUANTUM);
  const side = new Float32Array(QUANTUM);
  return {
    process(l, r) {
      encode(l, r, mid, side);
      midEq.process(mid);
      sideEq.process(side);
      decode(mid, side, l, r);
    },
  };
}

/** chain/stages.ts stereo: side → Butterworth high-pass at mono-below → width gain → decode. */
function stereo(rate: number, v: Values): Stage {
  const hp = new Cascade(rate, [{ type: 'highpass', freq: param(v, 'filter-hz', 'stereo.monoBelow'), gain: 0, q: BUTTERWORTH_Q_DB }]);
  const width = param(v, 'width-pct', 'stereo.width');
  const mid = new Float32Array(QUANTUM);
  const side = new Float32Array(QUANTUM);
  return {
    process(l, r) {
      encode(l, r, mid, side);
      hp.process(side);
      if (width !== 1) scale(side, width);
      decode(mid, side, l, r);
    },
  };
}

/** One of the dynamics processors, fed exactly as its AudioWorkletNode feeds it. */
class Dynamics implements Stage {
  private readonly outL = new Float32Array(QUANTUM);
  private readonly outR = new Float32Array(QUANTUM);
  constructor(
    private readonly core: { process(inL: Float32Array, inR: Float32Array, outL: Float32Array, outR: Float32Array, p: ParamBlock): void },
    private readonly params: ParamBlock,
  ) {}

  process(l: Float32Array, r: Float32Array): void {
    this.core.process(l, r, this.outL, this.outR, this.params);
    l.set(this.outL);
    r.set(this.outR);
  }
}

/**
 * The chain for one set of values. `process` takes a stereo quantum (the input after the input
 * node's speaker up- or down-mix) and leaves the chain's output in place; the output lags the input
 * by `latencyFrames` (the limiter's, or 0 when the limiter is bypassed and skipped).
 */
export class FastChain {
  readonly latencyFrames: number;
  private readonly stages: Stage[];

  constructor(readonly sampleRate: number, values: Values = new Map()) {
    const v = values;
    const rate = sampleRate;
    const stages: (Stage | undefined)[] = [];
    const inGain = param(v, 'level-db', 'input.gain');
    if (inGain !== 1) stages.push(new Gain(inGain));
    stages.push(Bypassable.wrap(v, 'hpf.bypass', highPass(rate, v)));
    stages.push(Bypassable.wrap(v, 'eq.bypass', equaliser(rate, v)));
    // The processors do their own bypass crossfade; at 1 they pass the input exactly (x + 0·band,
    // x·1), so a stage bypassed at 1 is left out.
    if (param(v, 'fade', 'dyneq.bypass') !== 1) stages.push(new Dynamics(new DynamicBand(rate), block(v, DYNAMIC_EQ)));
    if (param(v, 'fade', 'comp.bypass') !== 1) stages.push(new Dynamics(new GlueCompressor(rate), block(v, COMPRESSOR)));
    stages.push(Bypassable.wrap(v, 'stereo.bypass', stereo(rate, v)));
    const outGain = param(v, 'level-db', 'output.gain');
    if (outGain !== 1) stages.push(new Gain(outGain));
    // Bypassed at 1, the limiter is its delay line times 1: leaving it out and dropping no head
    // gives the same samples.
    if (param(v, 'fade', 'limiter.bypass') !== 1) {
      const limiter = new TruePeakLimiter(rate);
      stages.push(new Dynamics(limiter, block(v, LIMITER)));
      this.latencyFrames = limiter.latency;
    } else this.latencyFrames = 0;
    this.stages = stages.filter((s): s is Stage => s !== undefined);
  }

  /** Runs one quantum in place: `l` and `r` are QUANTUM frames long. */
  process(l: Float32Array, r: Float32Array): void {
    for (const s of this.stages) s.process(l, r);
  }
}
