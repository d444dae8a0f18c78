/**
 * The AudioWorkletGlobalScope names the processors use (Web Audio API §1.32), which TypeScript's
 * DOM library does not declare. Only processors.ts (and what it bundles) runs in that scope.
 */
declare const sampleRate: number;
/** A bigint in node-web-audio-api 1.0.9 (measured), a number in browsers. */
declare const currentFrame: number | bigint;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor(options?: unknown);
}
declare function registerProcessor(name: string, ctor: new (options: { processorOptions?: unknown }) => AudioWorkletProcessor): void;
