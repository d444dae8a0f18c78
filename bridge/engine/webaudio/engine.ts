import type { AudioContext } from 'node-web-audio-api';
import { assertNever } from '../../core/assert-never.js';
import type { ParamId } from '../../core/param/descriptor.js';
import { ChainApplier } from '../chain/applier.js';
import { buildChain } from '../chain/graph.js';
import { CHAIN_PARAMS, defaultValues } from '../chain/params.js';
import { loadWorklets } from '../chain/worklets.js';
import type { Db } from '../../core/units.js';
import type { Engine, EngineStatus, MeterFrame } from '../interface.js';
import { ParamRamp } from '../ramp/param-ramp.js';
import { WorkletMeter } from '../meters/worklet-meter.js';
import { FilePlayer } from '../source/player.js';
import { DEFAULT_SAMPLE_RATE, decodeSource, loadSource, sourceFromConfig } from '../source/source.js';
import type { TransportCommand, TransportResult, TransportState } from '../source/transport.js';
import { closeContext, openRealtimeContext, type OutputChoice } from './context.js';
import { openLiveInput } from './live-input.js';
import { OUTPUT_RETRY_MS, outputProbe, STALL_CHECK_MS, STALL_MS, watchForOutput, watchForStall } from './output-probe.js';

export interface WebAudioEngineOptions {
  /**
   * `default`: JACK when a server runs, else the default device; `jack`: only JACK; either falls
   * back to headless (with one warning) when what it asks for is missing. `none`: headless.
   */
  readonly output: OutputChoice;
  /**
   * `demo`, `input` (the platform's live audio input) or the path of a WAV, FLAC, MP3 or Ogg
   * Vorbis file, played in a loop until the transport says otherwise.
   */
  readonly source: string;
  readonly log: { warn(msg: string): void; info(msg: string): void };
  /** Called when a ramp has been put on its AudioParam (after coalescing), with the plain value. */
  readonly onScheduled?: (id: ParamId, value: number) => void;
  /**
   * With output `default` or `jack` played headless for want of it: whether it can be opened now
   * (output-probe.ts outputProbe), asked every `outputRetryMs`; when it can,
   * the engine reopens on it, keeping parameters and the transport's place.
   */
  readonly probeOutput?: () => boolean;
  readonly outputRetryMs?: number;
  /** How long a device output's audio clock may stand still before it counts as lost (STALL_MS). */
  readonly stallMs?: number;
}

interface Running {
  readonly ctx: AudioContext;
  readonly applier: ChainApplier;
  readonly tap: WorkletMeter;
  /** The file or demo player; undefined for the live input, which has no transport. */
  readonly player: FilePlayer | undefined;
  readonly release: () => void;
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
  let source = opts.source; // what plays; `load` changes it
  let stopWatch: (() => void) | undefined; // looking for the output again, or watching its clock
  let headlessNext = false; // the output was just lost: reopen headless, then look for it
  let resumeAt: TransportState | undefined; // where the next open's player starts (a reopen)

  const emit = (frame: MeterFrame): void => {
    for (const l of listeners) l(frame);
  };

  async function open(gen: number): Promise<EngineStatus> {
    let ctx: AudioContext | undefined;
    try {
      const live = source === 'input' ? await openLiveInput() : undefined;
      const loaded = live === undefined ? await loadSource(sourceFromConfig(source)) : undefined;
      if (gen !== generation) {
        live?.stop();
        return status;
      }
      const opened = openRealtimeContext(headlessNext ? 'none' : opts.output, loaded?.sampleRate ?? DEFAULT_SAMPLE_RATE, (reason) => opts.log.warn(`audio: ${reason}`));
      ctx = opened.ctx;
      // The chain's source: a bus the player's voices (or the live input) feed.
      const bus = ctx.createGain();
      let player: FilePlayer | undefined;
      if (live !== undefined) ctx.createMediaStreamSource(live.stream).connect(bus);
      else if (loaded !== undefined) {
        player = new FilePlayer(ctx, await decodeSource(ctx, loaded), bus, loaded.label);
        const at = resumeAt;
        resumeAt = undefined;
        if (at !== undefined && at.source === loaded.label) {
          player.setLoop(at.loop);
          player.seek(at.position);
        }
        if (at?.playing ?? true) player.play();
      }
      if (gen !== generation) {
        live?.stop();
        await closeContext(ctx);
        return status;
      }
      await loadWorklets(ctx);
      if (gen !== generation) {
        live?.stop();
        await closeContext(ctx);
        return status;
      }
      const chain = buildChain(ctx, bus, values);
      const monitorNode = ctx.createGain();
      chain.output.connect(monitorNode).connect(ctx.destination);
      const monitor = new ParamRamp(monitorNode.gain, 'level-db', monitorDb);
      const tap = new WorkletMeter(ctx, chain.output, chain.dynamics, emit);
      const release = (): void => {
        player?.dispose();
        live?.stop();
      };
      running = { ctx, applier: new ChainApplier(ctx, chain, opts.onScheduled, values), tap, player, monitor, release };
      const label = loaded?.label ?? 'input';
      status = { state: 'running', sink: opened.sink, sampleRate: ctx.sampleRate, source: label };
      opts.log.info(`audio: playing ${label} at ${ctx.sampleRate} Hz on sink ${opened.sink}`);
      headlessNext = false;
      const { sink, ctx: played } = opened;
      if (opts.output !== 'none') {
        // Headless for want of the output: look for it. On it: watch that its clock moves.
        stopWatch =
          sink === 'none'
            ? watchForOutput(opts.probeOutput ?? outputProbe(opts.output), opts.outputRetryMs ?? OUTPUT_RETRY_MS[opts.output], () => void backToOutput())
            : watchForStall(() => played.currentTime, STALL_CHECK_MS, opts.stallMs ?? STALL_MS, () => void outputLost(sink));
      }
    } catch (e) {
      if (ctx !== undefined) await closeContext(ctx).catch(() => {});
      status = { state: 'failed', reason: (e as Error).message };
    }
    return status;
  }

  /** Stops playing. `abandon`: the output is gone and its context will never close; do not wait for it. */
  async function stop(abandon = false): Promise<void> {
    stopWatch?.();
    stopWatch = undefined;
    generation++;
    await starting?.catch(() => {});
    const r = running;
    running = undefined;
    if (r !== undefined) {
      r.tap.stop();
      r.applier.dispose();
      r.release();
      const closing = closeContext(r.ctx);
      if (abandon) closing.catch(() => {});
      else await closing;
    }
    status = { state: 'stopped' };
  }

  function start(): Promise<EngineStatus> {
    if (running !== undefined) return Promise.resolve(status);
    starting ??= open(generation).finally(() => {
      starting = undefined;
    });
    return starting;
  }

  /** The output asked for is there (again): reopen on it, where the transport was. */
  async function backToOutput(): Promise<void> {
    const was = running?.player?.state();
    opts.log.info(`audio: the ${opts.output === 'jack' ? 'JACK' : 'default'} output is available again; reopening on it`);
    await stop();
    resumeAt = was;
    await start();
  }

  /** The device output stopped (its clock stands still): play on headless, where the transport was, and look for it. */
  async function outputLost(sink: 'default' | 'jack'): Promise<void> {
    const was = running?.player?.state();
    const stallS = (opts.stallMs ?? STALL_MS) / 1000;
    opts.log.warn(`audio: the ${sink === 'jack' ? 'JACK' : 'default'} output stopped (the audio clock stood still for ${stallS} s: server stopped or device unplugged); running headless, meters still live, until it is back`);
    await stop(true);
    headlessNext = true;
    resumeAt = was;
    await start();
  }

  /** Plays another source; when it cannot be played, the previous one plays on and the error says why. */
  async function load(next: string): Promise<TransportResult> {
    const previous = source;
    await stop();
    source = next;
    const s = await start();
    if (s.state === 'running') return { ok: true, state: transportState() };
    source = previous;
    await stop();
    await start();
    return { ok: false, reason: s.state === 'failed' ? s.reason : `the engine is ${s.state}` };
  }

  function transportState(): TransportState {
    const player = running?.player;
    if (player !== undefined) return player.state();
    return { playing: running !== undefined, loop: false, position: 0, duration: 0, source };
  }

  return {
    params: CHAIN_PARAMS,

    start,

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

    async controlTransport(command: TransportCommand): Promise<TransportResult> {
      if (command.action === 'load') return load(command.source);
      const player = running?.player;
      if (player === undefined) return { ok: false, reason: running === undefined ? 'the engine is not running' : 'the live input has no transport' };
      switch (command.action) {
        case 'play':
          player.play();
          break;
        case 'pause':
          player.pause();
          break;
        case 'seek':
          player.seek(command.position);
          break;
        case 'loop':
          player.setLoop(command.loop);
          break;
        default:
          return assertNever(command, 'transport command');
      }
      return { ok: true, state: player.state() };
    },

    transportState,

    close: stop,
  };
}
