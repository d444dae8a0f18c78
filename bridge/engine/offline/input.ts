import { OfflineAudioContext } from 'node-web-audio-api';
import { decodeSource, type LoadedSource } from '../source/source.js';

/**
 * The fast offline render's input: the source decoded as the graph path decodes it, looped and
 * mixed to stereo as the chain's input node mixes it.
 */

/**
 * The source's channels at `sampleRate`, as the graph path plays them: generated sources (demo,
 * PCM) as they are, files decoded by the library at that rate (decodeAudioData resamples).
 */
export async function sourceChannels(src: LoadedSource, sampleRate: number): Promise<readonly Float32Array[]> {
  if (src.kind === 'generated') {
    const channels = src.make(sampleRate);
    if ((channels[0]?.length ?? 0) === 0) throw new Error(`source ${src.label} has no audio`);
    return channels;
  }
  const ctx = new OfflineAudioContext({ numberOfChannels: 1, length: 1, sampleRate });
  const buf = await decodeSource(ctx, src);
  return Array.from({ length: buf.numberOfChannels }, (_, c) => buf.getChannelData(c));
}

/**
 * The looped source mixed to two channels as the chain's input GainNode mixes it (channelCount 2,
 * explicit, speakers; node-web-audio-api's up/down-mix, float32): mono to both sides, quad and 5.1
 * down-mixed by the spec's formulas, other layouts (3, 5 and more than 6 channels) discrete: the
 * first two channels.
 */
export class StereoInput {
  private pos = 0;
  private readonly len: number;
  constructor(private readonly ch: readonly Float32Array[]) {
    this.len = ch[0]?.length ?? 0;
  }

  /** The next n frames of the looped source, mixed to stereo, into `l` and `r`. */
  read(l: Float32Array, r: Float32Array, frames: number): void {
    const n = this.ch.length;
    const s = this.ch;
    const c0 = s[0] as Float32Array;
    const c1 = s[1] ?? c0;
    for (let i = 0; i < frames; ) {
      const run = Math.min(frames - i, this.len - this.pos);
      const a = this.pos;
      if (n === 4) {
        const sl = s[2] as Float32Array;
        const sr = s[3] as Float32Array;
        for (let k = 0; k < run; k++) {
          l[i + k] = 0.5 * Math.fround((c0[a + k] as number) + (sl[a + k] as number));
          r[i + k] = 0.5 * Math.fround((c1[a + k] as number) + (sr[a + k] as number));
        }
      } else if (n === 6) {
        const c = s[2] as Float32Array;
        const sl = s[4] as Float32Array;
        const sr = s[5] as Float32Array;
        for (let k = 0; k < run; k++) {
          const cc = c[a + k] as number;
          l[i + k] = (c0[a + k] as number) + Math.fround(SQRT_HALF * Math.fround(cc + (sl[a + k] as number)));
          r[i + k] = (c1[a + k] as number) + Math.fround(SQRT_HALF * Math.fround(cc + (sr[a + k] as number)));
        }
      } else {
        l.set(c0.subarray(a, a + run), i);
        r.set(c1.subarray(a, a + run), i);
      }
      i += run;
      this.pos += run;
      if (this.pos === this.len) this.pos = 0;
    }
  }
}

/** √0.5 in float32, as the library's down-mix takes it. */
const SQRT_HALF = Math.fround(Math.SQRT1_2);
