import { loadSource } from '../source/source.js';
import type { OfflineRenderRequest, RenderedAudio } from '../webaudio/offline.js';
import { FastChain } from './chain.js';
import { sourceChannels, StereoInput } from './input.js';
import { blockFrames } from './ring.js';

/**
 * The fast offline render in this thread alone: FastChain over the looped source, block by block
 * (render.ts describes the contract; pipeline.ts runs the same on two threads).
 */

/** Audio between two yields to the event loop, frames (a render of an hour must not freeze a daemon). */
const YIELD_FRAMES = 1 << 16;
/** Frames per block through the chain: whole quanta, a few of them (the work buffers stay in cache). */
const BLOCK = 32 * 128;
/** Progress reports: about one per second of audio (the graph path reports ~30; a bar has 30 steps). */
const PROGRESS_S = 1;

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
  const l = new Float32Array(BLOCK);
  const r = new Float32Array(BLOCK);
  const out = [new Float32Array(length), new Float32Array(length)] as const;
  const progressEvery = Math.max(BLOCK, Math.round(PROGRESS_S * sampleRate));
  let nextProgress = progressEvery;
  let nextYield = YIELD_FRAMES;
  for (let at = 0; at < total; at += BLOCK) {
    const n = blockFrames(at, total, BLOCK);
    input.read(l, r, n);
    chain.process(l, r, n);
    // Output frame at − skip + i is the response to input frame at − skip + i.
    const from = Math.max(0, skip - at);
    const to = Math.min(n, total - at);
    if (from < to) {
      out[0].set(l.subarray(from, to), at + from - skip);
      out[1].set(r.subarray(from, to), at + from - skip);
    }
    if (at + n >= nextProgress) {
      nextProgress += progressEvery;
      req.onProgress?.(Math.min(1, (at + n) / total));
    }
    if (at + n >= nextYield) {
      nextYield += YIELD_FRAMES;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  req.onProgress?.(1);
  return { sampleRate, channels: [out[0], out[1]] };
}
