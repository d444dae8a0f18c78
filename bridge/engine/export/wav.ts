import { assertNever } from '../../core/assert-never.js';
import { TpdfDither } from './dither.js';

/** A WAV sample format: integer PCM with TPDF dither, or 32-bit float (no dither needed). */
export type WavFormat = 'pcm16' | 'pcm24' | 'float32';

const BYTES: Readonly<Record<WavFormat, number>> = { pcm16: 2, pcm24: 3, float32: 4 };

/**
 * Encodes channels (equal lengths, full scale ±1) as a RIFF WAVE file: the canonical 44-byte header
 * (format tag 1 for PCM, 3 for IEEE float), interleaved little-endian samples.
 */
export function encodeWav(channels: readonly Float32Array[], rate: number, format: WavFormat, dither = new TpdfDither()): Uint8Array {
  const frames = channels[0]?.length ?? 0;
  const n = channels.length;
  const bps = BYTES[format];
  const data = frames * n * bps;
  const out = new Uint8Array(44 + data);
  const v = new DataView(out.buffer);
  const tag = (at: number, s: string): void => [...s].forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0)));
  tag(0, 'RIFF');
  v.setUint32(4, 36 + data, true);
  tag(8, 'WAVE');
  tag(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, format === 'float32' ? 3 : 1, true);
  v.setUint16(22, n, true);
  v.setUint32(24, rate, true);
  v.setUint32(28, rate * n * bps, true);
  v.setUint16(32, n * bps, true);
  v.setUint16(34, bps * 8, true);
  tag(36, 'data');
  v.setUint32(40, data, true);
  let at = 44;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < n; c++) {
      const x = channels[c]?.[i] ?? 0;
      switch (format) {
        case 'float32':
          v.setFloat32(at, x, true);
          break;
        case 'pcm16':
          v.setInt16(at, dither.quantise(x, 16), true);
          break;
        case 'pcm24': {
          const s = dither.quantise(x, 24);
          v.setUint8(at, s & 0xff);
          v.setUint8(at + 1, (s >> 8) & 0xff);
          v.setUint8(at + 2, (s >> 16) & 0xff);
          break;
        }
        default:
          assertNever(format, 'wav format');
      }
      at += bps;
    }
  }
  return out;
}
