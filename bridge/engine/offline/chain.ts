import type { ParamId } from '../../core/param/descriptor.js';
import { valueOf, type Values } from '../chain/binder.js';
import { EQ_MODES, EQ_SECTIONS } from '../chain/params.js';
import { GlueCompressor } from '../dsp/compressor.js';
import type { ParamBlock } from '../dsp/dynamics.js';
import { DynamicBand } from '../dsp/dyneq.js';
import { TruePeakLimiter } from '../dsp/limiter.js';
import { planRamp, type TargetKind } from '../ramp/ramp.js';
import type { PROCESSORS } from '../worklet/names.js';
import type { SectionSpec } from './cascade.js';
import { Bypassable, Dynamics, Gain, MidSideEq, StereoBiquads, Width, type Stage } from './stages.js';

/**
 * The mastering chain of chain/graph.ts computed in plain TypeScript, over blocks of whole render
 * quanta (stages.ts), for offline renders with static parameter values (the graph path takes the
 * timed changes).
 *
 * It is the same graph, node for node, with the arithmetic each node does in node-web-audio-api
 * 1.0.9, so the output equals the OfflineAudioContext render (test/engine/offline-equality.test.ts):
 *   - GainNode: x·g rounded to float32, g the float32 AudioParam value (a level's smoothing stage
 *     adds LP(control − initial) = 0 to it when nothing moves, chain/smoothing.ts);
 *   - node inputs summed in float32 (two inputs, so the order does not matter);
 *   - BiquadFilterNode: spec-biquad.ts (cascade.ts runs a stage's two channels side by side);
 *   - mid/side matrices and bypass crossfades (chain/nodes.ts) with their float32 roundings;
 *   - the three AudioWorklets: the very DSP classes the processors wrap (dsp/), called with the
 *     same render quanta (128 frames) and the same float32 parameter values.
 * Work the graph does that cannot reach the output is skipped, which changes no sample: a stage
 * bypassed at 1 (its wet path is multiplied by 0: the node outputs silence), the 24 dB/oct biquad
 * at 12 dB/oct (its gain is 0), a gain of exactly 1, and a bypassed limiter (a delay line times 1:
 * the render then drops no head).
 */

export { QUANTUM } from './stages.js';

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

/** A stage wrapped in its bypass crossfade: left out at 1, alone at 0, crossfaded in between. */
function bypassable(v: Values, bypassId: ParamId, wet: Stage): Stage | undefined {
  // The dry gain follows the bypass value, the wet one 1 − value (chain/nodes.ts, crossfade).
  const gd = param(v, 'fade', bypassId);
  const gw = Math.fround(planRamp('fade', 1 - valueOf(v, bypassId)).target);
  if (gd === 1 && gw === 0) return undefined;
  if (gd === 0 && gw === 1) return wet;
  return new Bypassable(gd, gw, wet);
}

/** chain/stages.ts highPass: one Butterworth biquad (12 dB/oct) or two in cascade (24). */
function highPass(rate: number, v: Values): Stage {
  const hp = { type: 'highpass' as const, freq: param(v, 'filter-hz', 'hpf.freq'), gain: 0, q: BUTTERWORTH_Q_DB };
  // The slope picks one of the two outputs (gains 1 and 0): the other is silent in the graph.
  return new StereoBiquads(rate, valueOf(v, 'hpf.slope') >= 18 ? [hp, hp] : [hp]);
}

/** chain/stages.ts equaliser: the five sections on mid and side, each band's gain by its mode. */
function equaliser(rate: number, v: Values): Stage {
  const channel = (on: 'mid' | 'side'): SectionSpec[] =>
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
    });
  // Sections at 0 dB are run too: b = a makes them the identity in exact arithmetic, not in the
  // node's double-precision state, whose float32 output then differs from the input by one LSB
  // now and then (measured: 2 samples in 192,000, at −193 dBFS).
  return new MidSideEq(rate, channel('mid'), channel('side'));
}

/** chain/stages.ts stereo: side → Butterworth high-pass at mono-below → width gain → decode. */
function stereo(rate: number, v: Values): Stage {
  const hp = { type: 'highpass' as const, freq: param(v, 'filter-hz', 'stereo.monoBelow'), gain: 0, q: BUTTERWORTH_Q_DB };
  return new Width(rate, hp, param(v, 'width-pct', 'stereo.width'));
}

/**
 * The chain for one set of values. `process` takes a stereo block (the input after the input
 * node's speaker up- or down-mix, whole quanta) and leaves the chain's output in place; the output
 * lags the input by `latencyFrames` (the limiter's, or 0 when the limiter is bypassed and skipped).
 * The stages can also run in two parts, [0, k) then [k, stageCount) (two threads, offline/
 * pipeline.ts): each part of a FastChain built for the same rate and values holds its own state.
 */
export class FastChain {
  readonly latencyFrames: number;
  private readonly stages: readonly Stage[];
  /** Relative CPU cost of each stage per frame (offline/pipeline.ts splits the chain by them). */
  readonly costs: readonly number[];

  constructor(readonly sampleRate: number, values: Values = new Map()) {
    const v = values;
    const rate = sampleRate;
    const stages: [Stage | undefined, number][] = [];
    const inGain = param(v, 'level-db', 'input.gain');
    if (inGain !== 1) stages.push([new Gain(inGain), COST.gain]);
    stages.push([bypassable(v, 'hpf.bypass', highPass(rate, v)), COST.highPass]);
    stages.push([bypassable(v, 'eq.bypass', equaliser(rate, v)), COST.equaliser]);
    // The processors do their own bypass crossfade; at 1 they pass the input exactly (x + 0·band,
    // x·1), so a stage bypassed at 1 is left out.
    if (param(v, 'fade', 'dyneq.bypass') !== 1) stages.push([new Dynamics(new DynamicBand(rate), block(v, DYNAMIC_EQ)), COST.dynamicEq]);
    if (param(v, 'fade', 'comp.bypass') !== 1) stages.push([new Dynamics(new GlueCompressor(rate), block(v, COMPRESSOR)), COST.compressor]);
    stages.push([bypassable(v, 'stereo.bypass', stereo(rate, v)), COST.stereo]);
    const outGain = param(v, 'level-db', 'output.gain');
    if (outGain !== 1) stages.push([new Gain(outGain), COST.gain]);
    // Bypassed at 1, the limiter is its delay line times 1: leaving it out and dropping no head
    // gives the same samples.
    if (param(v, 'fade', 'limiter.bypass') !== 1) {
      const limiter = new TruePeakLimiter(rate);
      stages.push([new Dynamics(limiter, block(v, LIMITER)), COST.limiter]);
      this.latencyFrames = limiter.latency;
    } else this.latencyFrames = 0;
    const kept = stages.filter((s): s is [Stage, number] => s[0] !== undefined);
    this.stages = kept.map(([s]) => s);
    this.costs = kept.map(([, c]) => c);
  }

  get stageCount(): number {
    return this.stages.length;
  }

  /**
   * Runs stages [from, to) in place over frames [0, n) of `l` and `r`, n a multiple of QUANTUM.
   * Blocks of any such length give the same samples as quanta one after the other.
   */
  process(l: Float32Array, r: Float32Array, n: number, from = 0, to = this.stages.length): void {
    for (let k = from; k < to; k++) (this.stages[k] as Stage).process(l, r, n);
  }
}

/**
 * CPU time per frame of each kind of stage, relative to the equaliser's (measured on the demo with
 * the bench's settings, Node 20 x64: about 1.1 ms per second of audio; the dynamics processors
 * vary with the programme, these are typical).
 */
const COST = { gain: 0.05, highPass: 0.3, equaliser: 1, dynamicEq: 1.1, compressor: 1.6, stereo: 0.25, limiter: 0.6 } as const;
