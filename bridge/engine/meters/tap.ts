import type { MeterFrame } from '../interface.js';
import { channelLevels, RMS_WINDOW_S } from './meter-math.js';

/** Frames per second the meters aim for. */
export const METER_FPS = 30;
/**
 * Extra frames included in each peak window, beyond those elapsed since the previous frame: the
 * render thread writes the analysers and advances currentTime separately, so a window cut exactly
 * at the elapsed count could miss a block. Two 128-frame render quanta of overlap mean a peak may
 * show in two consecutive frames but is never lost.
 */
const PEAK_GUARD_FRAMES = 256;
/** AnalyserNode's largest fftSize: the longest history it can hand back. */
const MAX_HISTORY_FRAMES = 32768;

/**
 * Meters at the chain output, per channel (L, R): a channel splitter into one AnalyserNode per
 * channel, read ~30 times a second on the main thread with getFloatTimeDomainData.
 *
 * Why analysers and not a ScriptProcessorNode: with node-web-audio-api 1.0.9 a ScriptProcessorNode
 * registers a thread-safe callback that is never released, so the Node process can no longer exit
 * by itself, even after the context is closed (measured); and it blocks the render thread on the
 * main thread's event loop. An analyser needs neither: the render thread only writes a ring buffer.
 * The RMS window is the last 300 ms up to MAX_HISTORY_FRAMES (300 ms holds up to 96 kHz; at
 * higher rates the window shortens to 32768 frames).
 */
export class MeterTap {
  private readonly analysers: AnalyserNode[];
  private readonly scratch: Float32Array<ArrayBuffer>;
  private readonly rmsFrames: number;
  private timer: NodeJS.Timeout | undefined;
  private lastTime: number;

  constructor(
    private readonly ctx: BaseAudioContext,
    from: AudioNode,
    private readonly emit: (frame: MeterFrame) => void,
    channels = 2,
  ) {
    const rate = ctx.sampleRate;
    this.rmsFrames = Math.min(MAX_HISTORY_FRAMES, Math.round(RMS_WINDOW_S * rate));
    const size = Math.min(MAX_HISTORY_FRAMES, 2 ** Math.ceil(Math.log2(this.rmsFrames + PEAK_GUARD_FRAMES)));
    const split = ctx.createChannelSplitter(channels);
    from.connect(split);
    this.analysers = Array.from({ length: channels }, (_, ch) => {
      const a = ctx.createAnalyser();
      a.fftSize = size;
      split.connect(a, ch);
      return a;
    });
    this.scratch = new Float32Array(size);
    this.lastTime = ctx.currentTime;
  }

  /** Starts emitting frames every 1/METER_FPS s. */
  start(): void {
    this.timer ??= setInterval(() => this.frame(), 1000 / METER_FPS);
  }

  /** Stops the frames; no frame is emitted after this returns. */
  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Reads the analysers and emits one frame; nothing when no audio has been rendered since the last. */
  frame(): void {
    const now = this.ctx.currentTime;
    const elapsed = Math.round((now - this.lastTime) * this.ctx.sampleRate);
    if (elapsed <= 0) return;
    this.lastTime = now;
    const peakFrames = Math.min(this.scratch.length, elapsed + PEAK_GUARD_FRAMES);
    const peakDb: number[] = [];
    const rmsDb: number[] = [];
    for (const a of this.analysers) {
      a.getFloatTimeDomainData(this.scratch);
      const lv = channelLevels(this.scratch, peakFrames, this.rmsFrames);
      peakDb.push(lv.peakDb);
      rmsDb.push(lv.rmsDb);
    }
    this.emit({ t: now, peakDb, rmsDb });
  }
}
