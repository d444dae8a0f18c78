/**
 * The AudioWorkletGlobalScope names the processors use (Web Audio API §1.32), which TypeScript's
 * DOM library does not declare. Only processors.ts (and what it bundles) runs in that scope.
 */
declare const sampleRate: number;
declare const currentFrame: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor(options?: unknown);
}
declare function registerProcessor(name: string, ctor: new (options: { processorOptions?: unknown }) => AudioWorkletProcessor): void;
