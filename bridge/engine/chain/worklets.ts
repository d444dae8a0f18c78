import { AudioWorkletNode } from 'node-web-audio-api';
import type { ParamId } from '../../core/param/descriptor.js';
import { planRamp, type TargetKind } from '../ramp/ramp.js';
import { PROCESSORS, type ProcessorKey } from '../worklet/names.js';
import { workletModulePath } from '../worklet/module.js';
import { valueOf, type Binder } from './binder.js';

/**
 * Longest a worklet module may take to load. node-web-audio-api 1.0.9 was seen to stall in
 * addModule on a heavily loaded machine; a bounded wait turns that into a clear start failure
 * instead of a daemon that never comes up.
 */
const WORKLET_LOAD_TIMEOUT_MS = 20_000;

/** Loads the chain's processors into a context; must resolve before buildChain. */
export async function loadWorklets(ctx: BaseAudioContext): Promise<void> {
  const path = await workletModulePath();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`loading the audio worklets (${path}) took over ${WORKLET_LOAD_TIMEOUT_MS / 1000} s`)), WORKLET_LOAD_TIMEOUT_MS);
  });
  try {
    await Promise.race([ctx.audioWorklet.addModule(path), stalled]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The stereo AudioWorkletNode of a processor (2 channels in, speaker up-mix, 2 out), its
 * AudioParams starting at `parameterData`. They must be given here, at construction: in a running
 * context the processor renders at once, and a value assigned afterwards reaches the audio thread
 * a few quanta later. Until then the processor would run on the descriptors' defaults (a ratio of
 * 0 drives the compressor's envelope to −∞ for good: a daemon that started silent about one time
 * in six).
 */
export function workletNode(ctx: BaseAudioContext, key: ProcessorKey, parameterData: Readonly<Record<string, number>> = {}): AudioWorkletNode {
  return new AudioWorkletNode(ctx, PROCESSORS[key].name, {
    parameterData,
    numberOfInputs: 1,
    numberOfOutputs: 1,
    outputChannelCount: [2],
    channelCount: 2,
    channelCountMode: 'explicit',
    channelInterpretation: 'speakers',
  });
}

/** How each worklet parameter is driven: chain id and ramp kind, by processor param name. */
const DRIVES: Readonly<Record<'compressor' | 'dynamicEq' | 'limiter', Readonly<Record<string, readonly [ParamId, TargetKind]>>>> = {
  compressor: {
    threshold: ['comp.threshold', 'control-linear'],
    ratio: ['comp.ratio', 'control-log'],
    attack: ['comp.attack', 'control-log'],
    release: ['comp.release', 'control-log'],
    knee: ['comp.knee', 'control-linear'],
    makeup: ['comp.makeup', 'control-linear'],
    scHpf: ['comp.sidechainHpf', 'control-log'],
    mix: ['comp.mix', 'control-linear'],
    bypass: ['comp.bypass', 'fade'],
  },
  dynamicEq: {
    freq: ['dyneq.freq', 'control-log'],
    q: ['dyneq.q', 'control-log'],
    threshold: ['dyneq.threshold', 'control-linear'],
    ratio: ['dyneq.ratio', 'control-log'],
    attack: ['dyneq.attack', 'control-log'],
    release: ['dyneq.release', 'control-log'],
    bypass: ['dyneq.bypass', 'fade'],
  },
  limiter: {
    ceiling: ['limiter.ceiling', 'control-linear'],
    release: ['limiter.release', 'control-log'],
    lookahead: ['limiter.lookahead', 'control-linear'],
    bypass: ['limiter.bypass', 'fade'],
  },
};

/**
 * A dynamics stage (glue compressor, dynamic EQ band, limiter): the worklet node with every
 * AudioParam bound to its chain parameter. The bypass is inside the processor (the limiter keeps
 * its latency when bypassed, so bypassing never moves the audio in time).
 */
export function dynamics(ctx: BaseAudioContext, b: Binder, input: AudioNode, key: 'compressor' | 'dynamicEq' | 'limiter'): AudioWorkletNode {
  const drives = PROCESSORS[key].params.map((name) => {
    const drive = DRIVES[key][name];
    if (drive === undefined) throw new Error(`chain: worklet ${key} has no drive for ${name}`);
    return [name, ...drive] as const;
  });
  const node = workletNode(ctx, key, Object.fromEntries(drives.map(([name, id, kind]) => [name, planRamp(kind, valueOf(b.initial, id)).target])));
  for (const [name, id, kind] of drives) {
    const param = node.parameters.get(name);
    if (param === undefined) throw new Error(`chain: worklet ${key} has no parameter ${name}`);
    b.bind(param, kind, [id], (v) => valueOf(v, id));
  }
  input.connect(node);
  return node;
}
