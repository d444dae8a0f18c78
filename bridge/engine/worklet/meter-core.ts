import { LoudnessMeter, type LoudnessReading } from '../meters/loudness/meter.js';
import { SpectrumAnalyser } from '../meters/spectrum/analyser.js';
import { reportFrames } from './names.js';

/** What the meter processor posts ~30 times a second. */
export interface MeterMessage {
  readonly type: 'meter';
  /** The context frame at the end of the audio measured, for the frame's time stamp. */
  readonly frame: number;
  readonly reading: LoudnessReading;
  /** 1/6-octave band levels, dB, one per SPECTRUM_CENTRES_HZ (meters/spectrum), floored at −120. */
  readonly spectrum: readonly number[];
}

/** What the main thread may send the meter processor. */
export type MeterCommand = { readonly type: 'reset' };

const SILENCE = [new Float32Array(128), new Float32Array(128)];
const EMPTY = new Float32Array(0);

/**
 * The meter processor's logic, outside the worklet scope so it is testable: feeds each render
 * quantum to a LoudnessMeter and a SpectrumAnalyser (stereo; a mono input counts as both
 * channels) and posts a reading and the spectrum every 1/30 s of audio.
 */
export class MeterProcessorCore {
  private readonly meter: LoudnessMeter;
  private readonly spectrum: SpectrumAnalyser;
  private readonly every: number;
  private frames = 0;

  constructor(rate: number, private readonly post: (m: MeterMessage) => void) {
    this.meter = new LoudnessMeter(rate, 2);
    this.spectrum = new SpectrumAnalyser(rate);
    this.every = reportFrames(rate);
  }

  process(input: readonly Float32Array[], frameAtStart: number): void {
    const chans = input.length === 0 ? SILENCE : input.length === 1 ? [input[0] as Float32Array, input[0] as Float32Array] : input;
    const n = chans[0]?.length ?? 0;
    const left = chans[0] ?? EMPTY;
    this.spectrum.process(left, chans[1] ?? left, 0, n);
    this.meter.process(chans, 0, n);
    this.frames += n;
    if (this.frames >= this.every) {
      this.frames -= this.every;
      this.post({ type: 'meter', frame: frameAtStart + n, reading: this.meter.read(), spectrum: this.spectrum.read() });
    }
  }

  /** Applies a command from the main thread; anything else is ignored. */
  command(data: unknown): void {
    if (typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'reset') this.meter.reset();
  }
}
