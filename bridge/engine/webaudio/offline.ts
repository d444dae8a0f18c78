import { OfflineAudioContext } from 'node-web-audio-api';
import type { ParamId } from '../../core/param/descriptor.js';
import { ChainApplier } from '../chain/applier.js';
import { buildChain, chainLatencyFrames } from '../chain/graph.js';
import { chainParam } from '../chain/params.js';
import { loadWorklets } from '../chain/worklets.js';
import { reportFrames } from '../worklet/names.js';
import { decodeSource, loadSource, loopPlayer, type SourceSpec } from '../source/source.js';

/** A parameter change during an offline render, at `at` seconds from the start. */
export interface TimedChange {
  readonly at: number;
  readonly id: ParamId;
  readonly value: number;
}

export interface OfflineRenderRequest {
  readonly source: SourceSpec;
  readonly seconds: number;
  /** The render's rate; defaults to the source's own rate (48000 for the demo and unknown files). */
  readonly sampleRate?: number;
  /** Plain values at the start, set without ramps; ids not given take their defaults. */
  readonly values?: ReadonlyMap<ParamId, number>;
  /**
   * Changes during the render, through the same ramp code as the live engine (ParamRamp.moveTo),
   * each starting exactly at `at`. They are all scheduled before rendering: suspending an offline
   * render of node-web-audio-api 1.0.9 races with startRendering (the suspend registers on another
   * thread) and panics about one run in two when several suspends are queued (measured).
   */
  readonly changes?: readonly TimedChange[];
  /** Called during the render with the fraction done (0..1), about 30 times per second of audio. */
  readonly onProgress?: (fraction: number) => void;
}

export interface RenderedAudio {
  readonly sampleRate: number;
  /** One array per output channel (2: left, right). */
  readonly channels: readonly Float32Array[];
}

/**
 * Renders the looped source through the chain, offline (faster than real time). The result is
 * latency-compensated: sample i of the output is the chain's response to sample i of the input
 * (the chain's latency is rendered on and dropped from the head).
 * This is the graph path: an OfflineAudioContext with the AudioWorklets. It is the reference of
 * the fast path (engine/offline/render.ts, renderChain), which computes the same samples in plain
 * TypeScript for static values and hands renders with timed changes to this function.
 */
export async function renderChainOffline(req: OfflineRenderRequest): Promise<RenderedAudio> {
  const loaded = await loadSource(req.source);
  const sampleRate = req.sampleRate ?? loaded.sampleRate;
  const length = Math.round(req.seconds * sampleRate);
  const ctx = new OfflineAudioContext({ numberOfChannels: 2, length: length + chainLatencyFrames(sampleRate), sampleRate });
  await loadWorklets(ctx);
  const player = loopPlayer(ctx, await decodeSource(ctx, loaded));
  const chain = buildChain(ctx, player, req.values);
  chain.output.connect(ctx.destination);
  const applier = new ChainApplier(ctx, chain, undefined, req.values);

  for (const c of checked(req.changes ?? [], req.seconds)) applier.applyAt(c.id, c.value, c.at);
  // Progress without suspend() (which panics when repeated, above): the limiter reports every
  // 1/30 s of audio from the audio thread, and those messages arrive while the render runs.
  let reports = 0;
  const total = length + chain.latencyFrames;
  if (req.onProgress !== undefined) {
    const progress = req.onProgress;
    chain.dynamics.limiter.port.onmessage = (): void => progress(Math.min(1, (++reports * reportFrames(sampleRate)) / total));
  }
  const out = await ctx.startRendering();
  chain.dynamics.limiter.port.onmessage = null;
  const skip = chain.latencyFrames;
  return { sampleRate, channels: Array.from({ length: out.numberOfChannels }, (_, ch) => out.getChannelData(ch).slice(skip, skip + length)) };
}

/** The changes in time order, each checked: unknown ids, non-finite values or times are errors. */
function checked(changes: readonly TimedChange[], seconds: number): TimedChange[] {
  for (const c of changes) {
    if (chainParam(c.id) === undefined) throw new RangeError(`offline render: unknown parameter ${c.id}`);
    if (!Number.isFinite(c.value)) throw new RangeError(`offline render: ${c.id} value ${c.value} is not finite`);
    if (!(c.at >= 0 && c.at < seconds)) throw new RangeError(`offline render: change of ${c.id} at ${c.at} s is outside the render`);
  }
  return [...changes].sort((a, b) => a.at - b.at);
}
