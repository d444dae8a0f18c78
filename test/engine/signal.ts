/** Signal helpers for the engine tests: levels, differences and a small WAV writer. */
import { writeFile } from 'node:fs/promises';

export const rms = (x: Float32Array, from = 0, to = x.length): number => {
  let s = 0;
  for (let i = from; i < to; i++) s += (x[i] ?? 0) ** 2;
  return Math.sqrt(s / Math.max(1, to - from));
};

export const rmsDb = (x: Float32Array, from = 0, to = x.length): number => 20 * Math.log10(rms(x, from, to));

/** Energy of a − b relative to the energy of a, in dB (how much the change altered the signal). */
export function differenceDb(a: Float32Array, b: Float32Array, from = 0): number {
  let d = 0;
  let e = 0;
  for (let i = from; i < a.length; i++) {
    d += ((a[i] ?? 0) - (b[i] ?? 0)) ** 2;
    e += (a[i] ?? 0) ** 2;
  }
  return 10 * Math.log10(d / e);
}

/** Largest |x[i] − x[i−1]| over [from, to), and where. */
export function maxStep(x: Float32Array, from = 1, to = x.length): { step: number; at: number } {
  let step = 0;
  let at = from;
  for (let i = Math.max(1, from); i < to; i++) {
    const s = Math.abs((x[i] ?? 0) - (x[i - 1] ?? 0));
    if (s > step) {
      step = s;
      at = i;
    }
  }
  return { step, at };
}

export function sine(hz: number, amplitude: number, rate: number, frames: number): Float32Array<ArrayBuffer> {
  const x = new Float32Array(frames);
  for (let i = 0; i < frames; i++) x[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / rate);
  return x;
}

export const constant = (value: number, frames: number): Float32Array<ArrayBuffer> => new Float32Array(frames).fill(value);

/** A 16-bit PCM WAV file of the given channels (samples clamped to ±1). */
export function wav16(channels: readonly Float32Array[], rate: number): Uint8Array {
  const frames = channels[0]?.length ?? 0;
  const n = channels.length;
  const data = frames * n * 2;
  const b = new DataView(new ArrayBuffer(44 + data));
  const tag = (at: number, s: string): void => [...s].forEach((c, i) => b.setUint8(at + i, c.charCodeAt(0)));
  tag(0, 'RIFF');
  b.setUint32(4, 36 + data, true);
  tag(8, 'WAVE');
  tag(12, 'fmt ');
  b.setUint32(16, 16, true);
  b.setUint16(20, 1, true);
  b.setUint16(22, n, true);
  b.setUint32(24, rate, true);
  b.setUint32(28, rate * n * 2, true);
  b.setUint16(32, n * 2, true);
  b.setUint16(34, 16, true);
  tag(36, 'data');
  b.setUint32(40, data, true);
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < n; c++) {
      const v = Math.max(-1, Math.min(1, channels[c]?.[i] ?? 0));
      b.setInt16(44 + (i * n + c) * 2, Math.round(v * 32767), true);
    }
  }
  return new Uint8Array(b.buffer);
}

/** Writes a stereo 16-bit WAV of a sine (`seconds` long, both channels alike) to `path`: the tone the output tests play. */
export async function writeToneWav(path: string, hz: number, amplitude: number, rate: number, seconds: number): Promise<void> {
  const tone = sine(hz, amplitude, rate, Math.round(seconds * rate));
  await writeFile(path, wav16([tone, tone], rate));
}
