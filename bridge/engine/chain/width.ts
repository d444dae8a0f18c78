/**
 * Stereo width by mid/side, from built-in nodes only:
 *   mid  = (L + R) / 2,  side = (L − R) / 2 · w,  L' = mid + side,  R' = mid − side
 * with w = width / 100: 0 % = mono, 100 % = unchanged (L' = L, R' = R), 200 % = side doubled.
 * The one AudioParam returned is w (the side gain).
 */
export interface WidthStage {
  readonly input: AudioNode;
  readonly output: AudioNode;
  /** The side gain w, linear (1 = unchanged). */
  readonly side: AudioParam;
}

export function buildWidth(ctx: BaseAudioContext): WidthStage {
  const split = ctx.createChannelSplitter(2);
  const mid = monoGain(ctx, 0.5);
  const sideL = monoGain(ctx, 0.5);
  const sideR = monoGain(ctx, -0.5);
  const side = monoGain(ctx, 1);
  const invert = monoGain(ctx, -1);
  const merge = ctx.createChannelMerger(2);

  split.connect(mid, 0);
  split.connect(mid, 1);
  split.connect(sideL, 0);
  split.connect(sideR, 1);
  sideL.connect(side);
  sideR.connect(side);
  mid.connect(merge, 0, 0);
  mid.connect(merge, 0, 1);
  side.connect(merge, 0, 0);
  side.connect(invert);
  invert.connect(merge, 0, 1);
  return { input: split, output: merge, side: side.gain };
}

/** A gain that sums its inputs into one channel (never up-mixes). */
function monoGain(ctx: BaseAudioContext, gain: number): GainNode {
  const g = ctx.createGain();
  g.channelCount = 1;
  g.channelCountMode = 'explicit';
  g.channelInterpretation = 'discrete';
  g.gain.value = gain;
  return g;
}
