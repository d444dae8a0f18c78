import type { LoudnessFrame, MeterFrame } from '../interface.js';
import type { LoudnessReading } from './loudness/meter.js';
import { METER_FLOOR_DB } from './meter-math.js';
import type { MeterCommand, MeterMessage } from '../worklet/meter-core.js';
import type { ReductionMessage } from '../worklet/names.js';
import { workletNode } from '../chain/worklets.js';

type Module = keyof LoudnessFrame['reductionDb'];

/** A dB or LUFS value for the wire: finite, floored at the meter floor (JSON has no −Infinity). */
const floor = (x: number): number => (Number.isFinite(x) ? Math.max(METER_FLOOR_DB, x) : METER_FLOOR_DB);

/** A spectrum level for the wire: floored, rounded to 0.01 dB (61 of them in every frame). */
const band = (x: number): number => Math.round(floor(x) * 100) / 100;

/** A loudness reading (the latest gain reductions, the spectrum if any) as a frame. */
export function toFrame(
  frame: number,
  rate: number,
  r: LoudnessReading,
  reductionDb: LoudnessFrame['reductionDb'],
  spectrum?: readonly number[],
): MeterFrame {
  return {
    t: frame / rate,
    peakDb: r.samplePeakDb.map(floor),
    rmsDb: r.rmsDb.map(floor),
    loudness: {
      momentary: floor(r.momentary),
      shortTerm: floor(r.shortTerm),
      integrated: floor(r.integrated),
      range: r.range,
      maxMomentary: floor(r.maxMomentary),
      maxShortTerm: floor(r.maxShortTerm),
      truePeakDb: r.truePeakDb.map(floor),
      truePeakMaxDb: floor(r.truePeakMaxDb),
      correlation: r.correlation,
      reductionDb,
    },
    ...(spectrum === undefined ? {} : { spectrumDb: spectrum.map(band) }),
  };
}

/**
 * The meters, computed off the main thread: a meter AudioWorklet (worklet/meter-core.ts) at the
 * chain's output posts a BS.1770 reading and the 1/6-octave spectrum every 1/30 s of audio; the
 * dynamics processors post their gain reduction at the same rate. The main thread only turns
 * messages into frames. (It replaces the first issue's AnalyserNode tap read by a main-thread
 * timer.)
 */
export class WorkletMeter {
  private readonly node: AudioWorkletNode;
  private readonly reduction: Record<Module, number> = { dyneq: 0, comp: 0, limiter: 0 };
  private live = true;

  constructor(
    ctx: BaseAudioContext,
    from: AudioNode,
    dynamicsNodes: Readonly<Record<Module, AudioWorkletNode>>,
    emit: (frame: MeterFrame) => void,
  ) {
    this.node = workletNode(ctx, 'meter');
    from.connect(this.node);
    const rate = ctx.sampleRate;
    for (const key of Object.keys(dynamicsNodes) as Module[]) {
      dynamicsNodes[key].port.onmessage = (e: MessageEvent<ReductionMessage>): void => {
        this.reduction[key] = e.data.db;
      };
    }
    this.node.port.onmessage = (e: MessageEvent<MeterMessage>): void => {
      if (this.live) emit(toFrame(e.data.frame, rate, e.data.reading, { ...this.reduction }, e.data.spectrum));
    };
  }

  /** Restarts integrated loudness, range and maxima (in the audio thread). */
  reset(): void {
    const cmd: MeterCommand = { type: 'reset' };
    this.node.port.postMessage(cmd);
  }

  /** No frame is emitted after this returns. */
  stop(): void {
    this.live = false;
    this.node.port.onmessage = null;
    this.node.disconnect();
  }
}
