/**
 * The AudioWorklet processors of the chain and their AudioParam names: a contract between the
 * processors (run in the audio thread's scope) and the graph that creates the nodes. Pure data.
 */
export const PROCESSORS = {
  compressor: { name: 'detent-glue-compressor', params: ['threshold', 'ratio', 'attack', 'release', 'knee', 'makeup', 'scHpf', 'mix', 'bypass'] },
  dynamicEq: { name: 'detent-dynamic-eq', params: ['freq', 'q', 'threshold', 'ratio', 'attack', 'release', 'bypass'] },
  limiter: { name: 'detent-true-peak-limiter', params: ['ceiling', 'release', 'lookahead', 'bypass'] },
  meter: { name: 'detent-loudness-meter', params: [] },
} as const;

export type ProcessorKey = keyof typeof PROCESSORS;

/** A dynamics processor's message to the main thread, about 30 a second. */
export interface ReductionMessage {
  readonly type: 'reduction';
  /** Largest gain reduction since the previous message, dB (≥ 0). */
  readonly db: number;
}

/** Frames between two reports from a processor: 1/30 s (the meter frame rate). */
export const reportFrames = (rate: number): number => Math.round(rate / 30);
