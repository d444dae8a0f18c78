import type { AudioContext } from 'node-web-audio-api';
import type { ParamId } from '../../core/param/descriptor.js';
import { ChainApplier } from '../chain/applier.js';
import { buildChain } from '../chain/graph.js';
import { CHAIN_PARAMS, defaultValues } from '../chain/params.js';
import { loadWorklets } from '../chain/worklets.js';
import type { Db } from '../../core/units.js';
import type { Engine, EngineStatus, MeterFrame } from '../interface.js';
import { ParamRamp } from '../ramp/param-ramp.js';
import { WorkletMeter } from '../meters/worklet-meter.js';
import { decodeSource, loadSource, loopPlayer, sourceFromConfig } from '../source/source.js';
import { closeContext, openRealtimeContext, type OutputChoice } from './context.js';

export interface WebAudioEngineOptions {
  /** `default`: the default device, falling back to headless (with one warning) when there is none. */
  readonly output: OutputChoice;
  /** `demo` or the path of a WAV, FLAC, MP3 or Ogg Vorbis file, played in a loop. */
  readonly source: string;
  readonly log: { warn(msg: string): void; info(msg: string): void };
  /** Called when a ramp has been put on its AudioParam (after coalescing), with the plain value. */
  readonly onScheduled?: (id: ParamId, value: number) => void;
}

interface Running {
  readonly ctx: AudioContext;
  readonly applier: ChainApplier;
  readonly tap: WorkletMeter;
  readonly player: AudioBufferSourceNode;
  /** The monitor gain after the chain (level-matched A/B), outside the meters' tap. */
  readonly monitor: ParamRamp;
}

/**
 * The embedded mastering engine on node-web-audio-api (see bridge/engine/chain for the graph).
 * Values applied before start are kept and the chain starts at them, without ramps. A start that
 * fails (unreadable file, no context) resolves to a `failed` status naming the cause; close() stops
 * the audio thread, the meter timer and any pending flush.
 */
export function createWebAudioEngine(opts: WebAudioEngineOptions): Engine {
  const values = defaultValues();
  const listeners = new Set<(f: MeterFrame) => void>();
  const warned = new Set<ParamId>();
  let status: EngineStatus = { state: 'stopped' };
  let running: Running | undefined;
  let monitorDb = 0; // kept across restarts, like parameter values
  let starting: Promise<EngineStatus> | undefined;
  let generation = 0; // bumped by close(), so a start still loading knows it was cancelled

  const emit = (frame: MeterFrame): void => {
    for (const l of listeners) l(frame);
  };

  async function open(gen: number): Promise<EngineStatus> {
    let ctx: AudioContext | undefined;
    try {
      const loaded = await loadSource(sourceFromConfig(opts.source));
      if (gen !== generation) return status;
      const opened = openRealtimeContext(opts.output, loaded.sampleRate, (reason) => opts.log.warn(`audio: ${reason}`));
      ctx = opened.ctx;
      const player = loopPlayer(ctx, await decodeSource(ctx, loaded));
      if (gen !== generation) {
        await closeContext(ctx);
        return status;
      }
      await loadWorklets(ctx);
      if (gen !== generation) {
        await closeContext(ctx);
        return status;
      }
      const chain = buildChain(ctx, player, values);
      const monitorNode = ctx.createGain();
      chain.output.connect(monitorNode).connect(ctx.destination);
      const monitor = new ParamRamp(monitorNode.gain, 'level-db', monitorDb);
      const tap = new WorkletMeter(ctx, chain.output, chain.dynamics, emit);
      running = { ctx, applier: new ChainApplier(ctx, chain, opts.onScheduled, values), tap, player, monitor };
      status = { state: 'running', sink: opened.sink, sampleRate: ctx.sampleRate, source: loaded.label };
      opts.log.info(`audio: playing ${loaded.label} at ${ctx.sampleRate} Hz on sink ${opened.sink}`);
    } catch (e) {
      if (ctx !== undefined) await closeContext(ctx).catch(() => {});
      status = { state: 'failed', reason: (e as Error).message };
    }
    return status;
  }

  return {
    params: CHAIN_PARAMS,

    start(): Promise<EngineStatus> {
      if (running !== undefined) return Promise.resolve(status);
      starting ??= open(generation).finally(() => {
        starting = undefined;
      });
      return starting;
    },

    apply(id: ParamId, value: number): void {
      if (!values.has(id) || !Number.isFinite(value)) {
        if (!warned.has(id)) opts.log.warn(`audio: ignoring ${id} = ${value} (unknown parameter or not a number)`);
        warned.add(id);
        return;
      }
      values.set(id, value);
      running?.applier.apply(id, value);
    },

    onMeters(listener: (frame: MeterFrame) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    status: () => status,

    setMonitorGain(gain: Db): void {
      // Clamped to a sane monitoring range; a ramp in dB like every level (ramp/ramp.ts).
      monitorDb = Math.min(24, Math.max(-60, gain));
      running?.monitor.moveTo(monitorDb, running.ctx.currentTime);
    },

    resetLoudness(): void {
      running?.tap.reset();
    },

    async close(): Promise<void> {
      generation++;
      await starting?.catch(() => {});
      const r = running;
      running = undefined;
      if (r !== undefined) {
        r.tap.stop();
        r.applier.dispose();
        r.player.stop();
        await closeContext(r.ctx);
      }
      status = { state: 'stopped' };
    },
  };
}
