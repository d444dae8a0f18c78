import { assertNever } from '../../core/assert-never.js';
import { readFile } from 'node:fs/promises';
import { demoLoop } from './demo.js';
import { sniffSampleRate } from './header.js';

/** What the chain plays, looped. */
export type SourceSpec =
  | { readonly kind: 'demo' }
  | { readonly kind: 'file'; readonly path: string }
  /** Raw channels at a given rate (tests, offline renders of material already in memory). */
  | { readonly kind: 'pcm'; readonly sampleRate: number; readonly channels: readonly Float32Array<ArrayBuffer>[] };

/** The rate used when the source does not say (demo, MP3, Ogg): the common rate of interfaces. */
export const DEFAULT_SAMPLE_RATE = 48000;

/** `demo` or a file path, as the config gives it. */
export const sourceFromConfig = (s: string): SourceSpec => (s === 'demo' ? { kind: 'demo' } : { kind: 'file', path: s });

/** A source whose bytes are loaded but not yet decoded: decoding needs the context. */
export type LoadedSource =
  | { readonly kind: 'generated'; readonly label: string; readonly sampleRate: number; make(rate: number): readonly Float32Array<ArrayBuffer>[] }
  | { readonly kind: 'encoded'; readonly label: string; readonly sampleRate: number; readonly bytes: Uint8Array };

/** The demo loop per rate, generated once: it is pure, and only copied out of here. */
const demoCache = new Map<number, readonly Float32Array<ArrayBuffer>[]>();
function demoAt(rate: number): readonly Float32Array<ArrayBuffer>[] {
  const hit = demoCache.get(rate);
  if (hit !== undefined) return hit;
  const made = demoLoop(rate);
  demoCache.set(rate, made);
  return made;
}

/** Reads what the source needs before a context exists; a missing file is an error naming it. */
export async function loadSource(spec: SourceSpec): Promise<LoadedSource> {
  switch (spec.kind) {
    case 'demo':
      return { kind: 'generated', label: 'demo', sampleRate: DEFAULT_SAMPLE_RATE, make: demoAt };
    case 'pcm':
      return { kind: 'generated', label: 'pcm', sampleRate: spec.sampleRate, make: () => spec.channels };
    case 'file': {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(spec.path);
      } catch (e) {
        throw new Error(`cannot read audio file ${spec.path}: ${(e as Error).message}`);
      }
      return { kind: 'encoded', label: spec.path, sampleRate: sniffSampleRate(bytes) ?? DEFAULT_SAMPLE_RATE, bytes };
    }
    default:
      return assertNever(spec, 'source');
  }
}

/** Decodes (or generates) the audio at the context's rate; an undecodable file names its path. */
export async function decodeSource(ctx: BaseAudioContext, src: LoadedSource): Promise<AudioBuffer> {
  switch (src.kind) {
    case 'generated': {
      const channels = src.make(ctx.sampleRate);
      const first = channels[0];
      if (first === undefined || first.length === 0) throw new Error(`source ${src.label} has no audio`);
      const buf = ctx.createBuffer(channels.length, first.length, ctx.sampleRate);
      channels.forEach((c, i) => buf.copyToChannel(c, i));
      return buf;
    }
    case 'encoded': {
      // A private copy (a Node Buffer may be a view into a shared pool, and decodeAudioData may
      // detach the ArrayBuffer it is given).
      const copy = new Uint8Array(src.bytes).buffer;
      try {
        return await ctx.decodeAudioData(copy);
      } catch (e) {
        throw new Error(`cannot decode audio file ${src.label}: ${(e as Error).message}`);
      }
    }
    default:
      return assertNever(src, 'loaded source');
  }
}

/** A looping player of the buffer, started at once. */
export function loopPlayer(ctx: BaseAudioContext, buffer: AudioBuffer): AudioBufferSourceNode {
  const node = ctx.createBufferSource();
  node.buffer = buffer;
  node.loop = true;
  node.start();
  return node;
}
