/**
 * The chain's AudioWorklet processors. This file runs in the audio thread's AudioWorkletGlobalScope,
 * bundled by esbuild into one plain script (scripts/build.mjs → dist/bridge/worklets.js; from
 * sources, worklet/module.ts bundles it on first use). The DSP is in ../dsp and ../meters/loudness,
 * pure and tested without Web Audio; these classes only adapt it to process().
 */
import type { ParamBlock } from '../dsp/dynamics.js';
import { GlueCompressor } from '../dsp/compressor.js';
import { DynamicBand } from '../dsp/dyneq.js';
import { TruePeakLimiter } from '../dsp/limiter.js';
import { MeterProcessorCore } from './meter-core.js';
import { PROCESSORS, reportFrames, type ReductionMessage } from './names.js';

interface StereoCore {
  process(inL: Float32Array, inR: Float32Array, outL: Float32Array, outR: Float32Array, p: ParamBlock): void;
  takeReduction(): number;
}

const SILENCE = new Float32Array(128);

/** A stereo processor around a DSP core; reports its gain reduction ~30 times a second. */
function stereoProcessor(make: (rate: number) => StereoCore, names: readonly string[]): new (o: { processorOptions?: unknown }) => AudioWorkletProcessor {
  return class extends AudioWorkletProcessor {
    static get parameterDescriptors(): { name: string; defaultValue: number; minValue: number; maxValue: number; automationRate: 'a-rate' }[] {
      return names.map((name) => ({ name, defaultValue: 0, minValue: -1e9, maxValue: 1e9, automationRate: 'a-rate' }));
    }
    private readonly core = make(sampleRate);
    private readonly every = reportFrames(sampleRate);
    private frames = 0;

    process(inputs: Float32Array[][], outputs: Float32Array[][], params: ParamBlock): boolean {
      const input = inputs[0] ?? [];
      const out = outputs[0] ?? [];
      const l = input[0] ?? SILENCE;
      const r = input[1] ?? l;
      const ol = out[0];
      const or = out[1];
      if (ol === undefined || or === undefined) return true;
      this.core.process(l, r, ol, or, params);
      this.frames += ol.length;
      if (this.frames >= this.every) {
        this.frames -= this.every;
        const msg: ReductionMessage = { type: 'reduction', db: this.core.takeReduction() };
        this.port.postMessage(msg);
      }
      return true;
    }
  };
}

registerProcessor(PROCESSORS.compressor.name, stereoProcessor((rate) => new GlueCompressor(rate), PROCESSORS.compressor.params));
registerProcessor(PROCESSORS.dynamicEq.name, stereoProcessor((rate) => new DynamicBand(rate), PROCESSORS.dynamicEq.params));
registerProcessor(PROCESSORS.limiter.name, stereoProcessor((rate) => new TruePeakLimiter(rate), PROCESSORS.limiter.params));

registerProcessor(
  PROCESSORS.meter.name,
  class extends AudioWorkletProcessor {
    private readonly core = new MeterProcessorCore(sampleRate, (m) => this.port.postMessage(m));
    constructor(o?: unknown) {
      super(o);
      this.port.onmessage = (e: MessageEvent<unknown>): void => this.core.command(e.data);
    }
    process(inputs: Float32Array[][]): boolean {
      this.core.process(inputs[0] ?? [], Number(currentFrame));
      return true;
    }
  },
);
