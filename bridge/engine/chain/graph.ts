import { assertNever } from '../../core/assert-never.js';
import type { ParamId } from '../../core/param/descriptor.js';
import { ParamRamp } from '../ramp/param-ramp.js';
import { planRamp, type TargetKind } from '../ramp/ramp.js';
import { CHAIN_PARAMS } from './params.js';
import { smoothedControl } from './smoothing.js';
import { buildWidth } from './width.js';

/**
 * The mastering chain as a Web Audio graph, built on any BaseAudioContext so the same code runs in
 * real time and offline:
 *   source → input gain → low shelf → band 1 → band 2 → band 3 → high shelf → width → output gain
 * Built-in nodes only (no AudioWorklet: DESIGN.md measured a worklet at ~4× the cost and prone to
 * underruns under main-thread load).
 */
export interface Chain {
  /** The chain's last node; connect it to the destination and to the meter tap. */
  readonly output: AudioNode;
  /** One ramp driver per parameter id (every id of CHAIN_PARAMS). */
  readonly ramps: ReadonlyMap<ParamId, ParamRamp>;
}

/**
 * Builds the chain after `source` and sets every parameter to `initial` (plain values, clamped
 * into each range; ids not given take their default) without a ramp, as nothing has been heard yet.
 */
export function buildChain(ctx: BaseAudioContext, source: AudioNode, initial: ReadonlyMap<ParamId, number> = new Map()): Chain {
  const input = ctx.createGain();
  // Two channels, speaker up-mix: a mono file plays in both ears, not only the left.
  input.channelCount = 2;
  input.channelCountMode = 'explicit';
  input.channelInterpretation = 'speakers';

  const low = biquad(ctx, 'lowshelf');
  const b1 = biquad(ctx, 'peaking');
  const b2 = biquad(ctx, 'peaking');
  const b3 = biquad(ctx, 'peaking');
  const high = biquad(ctx, 'highshelf');
  const width = buildWidth(ctx);
  const output = ctx.createGain();

  source.connect(input);
  input.connect(low).connect(b1).connect(b2).connect(b3).connect(high).connect(width.input);
  width.output.connect(output);

  // Shelves ignore Q (DESIGN.md), so the shelves have no Q parameter.
  const targets: Record<string, readonly [AudioParam, TargetKind]> = {
    'input.gain': [input.gain, 'level-db'],
    'eq.low.freq': [low.frequency, 'filter-hz'],
    'eq.low.gain': [low.gain, 'filter-db'],
    'eq.band1.freq': [b1.frequency, 'filter-hz'],
    'eq.band1.gain': [b1.gain, 'filter-db'],
    'eq.band1.q': [b1.Q, 'filter-q'],
    'eq.band2.freq': [b2.frequency, 'filter-hz'],
    'eq.band2.gain': [b2.gain, 'filter-db'],
    'eq.band2.q': [b2.Q, 'filter-q'],
    'eq.band3.freq': [b3.frequency, 'filter-hz'],
    'eq.band3.gain': [b3.gain, 'filter-db'],
    'eq.band3.q': [b3.Q, 'filter-q'],
    'eq.high.freq': [high.frequency, 'filter-hz'],
    'eq.high.gain': [high.gain, 'filter-db'],
    'stereo.width': [width.side, 'width-pct'],
    'output.gain': [output.gain, 'level-db'],
  };

  const ramps = new Map<ParamId, ParamRamp>();
  for (const d of CHAIN_PARAMS) {
    const t = targets[d.id];
    if (t === undefined) throw new Error(`chain: parameter ${d.id} has no AudioParam`);
    const [param, kind] = t;
    const plain = Math.min(d.max, Math.max(d.min, initial.get(d.id) ?? d.default));
    ramps.set(d.id, new ParamRamp(isLevel(kind) ? smoothedControl(ctx, param, planRamp(kind, plain).target).control : param, kind, plain));
  }
  return { output, ramps };
}

/**
 * Levels (gains and the width's side level) go through the audio-rate smoothing stage; EQ
 * parameters are ramped on the biquads directly, in their perceptual units (dB, log-frequency).
 */
function isLevel(kind: TargetKind): boolean {
  switch (kind) {
    case 'level-db':
    case 'width-pct':
      return true;
    case 'filter-hz':
    case 'filter-q':
    case 'filter-db':
      return false;
    default:
      return assertNever(kind, 'target kind');
  }
}

function biquad(ctx: BaseAudioContext, type: BiquadFilterType): BiquadFilterNode {
  const f = ctx.createBiquadFilter();
  f.type = type;
  return f;
}
