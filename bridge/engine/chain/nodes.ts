import type { ParamId } from '../../core/param/descriptor.js';
import { valueOf, type Binder } from './binder.js';

/**
 * Small node helpers for the chain's stages: gains that keep a channel layout, mid/side matrices
 * and the bypass crossfade.
 */

/** A gain that sums its inputs into `channels` channels without up-mixing (discrete). */
export function fixedGain(ctx: BaseAudioContext, gain: number, channels = 1): GainNode {
  const g = ctx.createGain();
  g.channelCount = channels;
  g.channelCountMode = 'explicit';
  g.channelInterpretation = 'discrete';
  g.gain.value = gain;
  return g;
}

export function biquad(ctx: BaseAudioContext, type: BiquadFilterType, channels = 1): BiquadFilterNode {
  const f = ctx.createBiquadFilter();
  f.type = type;
  f.channelCount = channels;
  f.channelCountMode = 'explicit';
  f.channelInterpretation = 'discrete';
  return f;
}

/** Mid/side encoding of a stereo node: mid = (L + R) / 2, side = (L − R) / 2 (mono nodes). */
export function msEncode(ctx: BaseAudioContext, input: AudioNode): { mid: AudioNode; side: AudioNode } {
  const split = ctx.createChannelSplitter(2);
  input.connect(split);
  const mid = fixedGain(ctx, 0.5);
  const sideL = fixedGain(ctx, 0.5);
  const side = fixedGain(ctx, 1);
  const sideR = fixedGain(ctx, -0.5);
  split.connect(mid, 0);
  split.connect(mid, 1);
  split.connect(sideL, 0);
  split.connect(sideR, 1);
  sideL.connect(side);
  sideR.connect(side);
  return { mid, side };
}

/** Mid/side decoding: L = mid + side, R = mid − side (the exact inverse of msEncode). */
export function msDecode(ctx: BaseAudioContext, mid: AudioNode, side: AudioNode): AudioNode {
  const merge = ctx.createChannelMerger(2);
  const invert = fixedGain(ctx, -1);
  mid.connect(merge, 0, 0);
  mid.connect(merge, 0, 1);
  side.connect(merge, 0, 0);
  side.connect(invert);
  invert.connect(merge, 0, 1);
  return merge;
}

/**
 * A bypass: output = wet·(1 − b) + dry·b with b the bypass parameter (0 or 1) ramped linearly over
 * FADE_RAMP, so switching is a short crossfade between two time-aligned paths, never a click.
 */
export function crossfade(ctx: BaseAudioContext, binder: Binder, dry: AudioNode, wet: AudioNode, bypassId: ParamId): AudioNode {
  const out = fixedGain(ctx, 1, 2);
  const d = fixedGain(ctx, 0, 2);
  const w = fixedGain(ctx, 1, 2);
  dry.connect(d).connect(out);
  wet.connect(w).connect(out);
  binder.direct(d.gain, 'fade', bypassId);
  binder.bind(w.gain, 'fade', [bypassId], (v) => 1 - valueOf(v, bypassId));
  return out;
}
