import type { ParamId } from '../../core/param/descriptor.js';
import { MAX_LOOKAHEAD_S } from '../dsp/limiter.js';
import { TAPS } from '../dsp/truepeak.js';
import { Binder, valueOf, type Binding } from './binder.js';
import { equaliser, highPass, stereo } from './stages.js';
import { dynamics } from './worklets.js';

/**
 * The mastering chain as a Web Audio graph, built on any BaseAudioContext so the same code runs in
 * real time and offline (call loadWorklets(ctx) first):
 *   source → input gain → high-pass → EQ (M/S) → dynamic EQ → glue compressor → stereo →
 *   output gain → true-peak limiter
 * Filters and gains are built-in nodes; the three dynamics processors are AudioWorklets (built-in
 * DynamicsCompressorNode has block-rate parameters, fixed lookahead and no side-chain: DESIGN.md).
 */
export interface Chain {
  /** The chain's last node; connect it to the destination and to the meters. */
  readonly output: AudioNode;
  /** Every AudioParam the parameters drive, with the ids each depends on. */
  readonly bindings: readonly Binding[];
  /** The dynamics nodes, whose ports report gain reduction. */
  readonly dynamics: { readonly dyneq: AudioWorkletNode; readonly comp: AudioWorkletNode; readonly limiter: AudioWorkletNode };
  /** Frames between input and output (the limiter's detector and lookahead delay). */
  readonly latencyFrames: number;
}

/**
 * Builds the chain after `source` with every parameter at `initial` (plain values, clamped into
 * each range; ids not given take their default), without ramps, as nothing has been heard yet.
 */
export function buildChain(ctx: BaseAudioContext, source: AudioNode, initial: ReadonlyMap<ParamId, number> = new Map()): Chain {
  const b = new Binder(ctx, initial);
  const input = ctx.createGain();
  // Two channels, speaker up-mix: a mono file plays in both ears, not only the left.
  input.channelCount = 2;
  input.channelCountMode = 'explicit';
  input.channelInterpretation = 'speakers';
  b.direct(input.gain, 'level-db', 'input.gain');
  source.connect(input);

  const hp = highPass(ctx, b, input);
  const eq = equaliser(ctx, b, hp);
  const dyneq = dynamics(ctx, b, eq, 'dynamicEq');
  const comp = dynamics(ctx, b, dyneq, 'compressor');
  const st = stereo(ctx, b, comp);
  const out = ctx.createGain();
  b.direct(out.gain, 'level-db', 'output.gain');
  st.connect(out);
  const limiter = dynamics(ctx, b, out, 'limiter');
  return {
    output: limiter,
    bindings: b.bindings,
    dynamics: { dyneq, comp, limiter },
    latencyFrames: chainLatencyFrames(ctx.sampleRate),
  };
}

/** Frames between the chain's input and output at `rate`: the limiter's detector and lookahead. */
export const chainLatencyFrames = (rate: number): number => TAPS / 2 + Math.ceil(MAX_LOOKAHEAD_S * rate);

/** The bindings that depend on each id. */
export function bindingsById(chain: Chain): ReadonlyMap<ParamId, readonly Binding[]> {
  const m = new Map<ParamId, Binding[]>();
  for (const bd of chain.bindings) for (const id of bd.deps) m.set(id, [...(m.get(id) ?? []), bd]);
  return m;
}

export { valueOf };
