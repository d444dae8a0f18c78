import { OfflineAudioContext } from 'node-web-audio-api';
import { decodeSource, loadSource } from './source.js';

/** A decoded file: its channels at its own rate (DESIGN.md: never resample by decoding). */
export interface DecodedFile {
  readonly sampleRate: number;
  readonly channels: Float32Array<ArrayBuffer>[];
}

/** Reads and decodes an audio file (WAV, FLAC, MP3, Ogg Vorbis); errors name the path. */
export async function decodeFile(path: string): Promise<DecodedFile> {
  const loaded = await loadSource({ kind: 'file', path });
  const ctx = new OfflineAudioContext({ numberOfChannels: 1, length: 1, sampleRate: loaded.sampleRate });
  const buf = await decodeSource(ctx, loaded);
  return {
    sampleRate: buf.sampleRate,
    channels: Array.from({ length: buf.numberOfChannels }, (_, c) => new Float32Array(buf.getChannelData(c))),
  };
}
