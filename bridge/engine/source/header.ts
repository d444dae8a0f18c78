/**
 * The sample rate of an audio file, read from its header without decoding: the context should run
 * at the file's rate because decodeAudioData resamples by linear interpolation (DESIGN.md: a 15 kHz
 * tone at 44.1 → 48 kHz loses 3.5 dB with -11 dBc of spurious products).
 * Pure; WAV (RIFF/RF64 `fmt ` chunk) and FLAC (STREAMINFO) only. Undefined when not known.
 */
export function sniffSampleRate(bytes: Uint8Array): number | undefined {
  const tag = ascii(bytes, 0, 4);
  if ((tag === 'RIFF' || tag === 'RF64') && ascii(bytes, 8, 4) === 'WAVE') return wavRate(bytes);
  if (tag === 'fLaC') return flacRate(bytes);
  return undefined;
}

function wavRate(b: Uint8Array): number | undefined {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let at = 12;
  while (at + 8 <= b.length) {
    const id = ascii(b, at, 4);
    const size = view.getUint32(at + 4, true);
    if (id === 'fmt ') return at + 12 <= b.length ? plausible(view.getUint32(at + 12, true)) : undefined;
    at += 8 + size + (size % 2); // chunks are word-aligned
  }
  return undefined;
}

function flacRate(b: Uint8Array): number | undefined {
  // "fLaC", then the first metadata block: 1 byte type (0 = STREAMINFO), 3 bytes length, data.
  // STREAMINFO bytes 10..12 hold the sample rate in their top 20 bits.
  if (b.length < 4 + 4 + 13 || ((b[4] ?? 0) & 0x7f) !== 0) return undefined;
  const d = 8;
  const rate = ((b[d + 10] ?? 0) << 12) | ((b[d + 11] ?? 0) << 4) | ((b[d + 12] ?? 0) >> 4);
  return plausible(rate);
}

/** Rates a Web Audio context accepts (the spec requires at least 8000..96000). */
const plausible = (rate: number): number | undefined => (rate >= 8000 && rate <= 384000 ? rate : undefined);

function ascii(b: Uint8Array, at: number, n: number): string {
  let s = '';
  for (let i = at; i < at + n && i < b.length; i++) s += String.fromCharCode(b[i] ?? 0);
  return s;
}
