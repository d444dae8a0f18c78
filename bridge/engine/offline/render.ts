import { OfflineAudioContext } from 'node-web-audio-api';
import { decodeSource, loadSource, type LoadedSource } from '../source/source.js';
import { renderChainOffline, type OfflineRenderRequest, type RenderedAudio } from '../webaudio/offline.js';
import { FastChain, QUANTUM } from './chain.js';

/**
 * The fast offline render: the chain of FastChain (plain TypeScript, same DSP classes as the
 * worklets) over the looped source, block by block in this thread. Same request and result as the
 * graph path (webaudio/offline.ts, renderChainOffline) and the same samples (test/engine/
 * offline-equality.test.ts): the source is decoded the same way, looped, mixed to stereo as the
 * chain's input node mixes it, and the output is latency-compensated the same way.
 *
 * Timed parameter changes are not computed here: a request with `changes` is rendered by the
 * graph (`renderChain` picks), where the ramps and the audio-rate smoothing of the levels run on
 * real AudioParams.
 */

/** Which implementation renders: `fast` (this file) or `graph` (an OfflineAudioContext). */
export type RenderEngine = 'fast' | 'graph';

/** Audio between two yields to the event loop, frames (a render of an hour must not freeze a daemon). */
const YIELD_FRAMES = 1 << 16;
/** Progress reports: about one per second of audio (the graph path reports ~30; a bar has 30 steps). */
const PROGRESS_S = 1;

/**
 * Renders with the fast path when it can (no timed changes), else with the graph; `engine: 'graph'`
 * forces the graph (the reference the equality tests compare with).
 */
export function renderChain(req: OfflineRenderRequest, engine: RenderEngine = 'fast'): Promise<RenderedAudio> {
  return engine === 'graph' || (req.changes?.length ?? 0) > 0 ? renderChainOffline(req) : renderChainFast(req);
}

/** The fast render; static values only (a request with changes is an error here, see renderChain). */
export async function renderChainFast(req: OfflineRenderRequest): Promise<RenderedAudio> {
  if ((req.changes?.length ?? 0) > 0) throw new RangeError('fast offline render: timed changes need the graph path (renderChain picks it)');
  const loaded = await loadSource(req.source);
  const sampleRate = req.sampleRate ?? loaded.sampleRate;
  const source = await sourceChannels(loaded, sampleRate);
  const length = Math.round(req.seconds * sampleRate);
  const chain = new FastChain(sampleRate, req.values);
  const skip = chain.latencyFrames;
  const total = length + skip;
  const input = new StereoInput(source);
  const l = new Float32Array(QUANTUM);
  const r = new Float32Array(QUANTUM);
  const out = [new Float32Array(length), new Float32Array(length)] as const;
  const progressEvery = Math.max(QUANTUM, Math.round(PROGRESS_S * sampleRate));
  let nextProgress = progressEvery;
  let nextYield = YIELD_FRAMES;
  for (let at = 0; at < total; at += QUANTUM) {
    input.read(l, r);
    chain.process(l, r);
    // Output frame at − skip + i is the response to input frame at − skip + i.
    const from = Math.max(0, skip - at);
    const to = Math.min(QUANTUM, total - at);
    if (from < to) {
      out[0].set(l.subarray(from, to), at + from - skip);
      out[1].set(r.subarray(from, to), at + from - skip);
    }
    if (at + QUANTUM >= nextProgress) {
      nextProgress += progressEvery;
      req.onProgress?.(Math.min(1, (at + QUANTUM) / total));
    }
    if (at + QUANTUM >= nextYield) {
      nextYield += YIELD_FRAMES;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  req.onProgress?.(1);
  return { sampleRate, channels: [out[0], out[1]] };
}

/**
 * The source's channels at `sampleRate`, as the graph path plays them: generated sources (demo,
 * PCM) as they are, files decoded by the library at that rate (decodeAudioData resamples).
 */
async function sourceChannels(src: LoadedSource, sampleRate: number): Promise<readonly Float32Array[]> {
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
class StereoInput {
  private pos = 0;
  private readonly len: number;
  constructor(private readonly ch: readonly Float32Array[]) {
    this.len = ch[0]?.length ?? 0;
  }

  /** The next quantum of the looped source, mixed to stereo, into `l` and `r`. */
  read(l: Float32Array, r: Float32Array): void {
    const n = this.ch.length;
    const s = this.ch;
    const c0 = s[0] as Float32Array;
    const c1 = s[1] ?? c0;
    for (let i = 0; i < QUANTUM; ) {
      const run = Math.min(QUANTUM - i, this.len - this.pos);
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
