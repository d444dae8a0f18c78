import { LoudnessMeter } from '../meters/loudness/meter.js';

/**
 * The loudness report of `detent render` and `detent measure` (EBU R128 / ITU-R BS.1770-4): the
 * whole programme through one LoudnessMeter. Loudness in LUFS, range in LU, peaks in dBTP / dBFS;
 * null where a value does not exist (silence, a file shorter than the window).
 */
export interface LoudnessReport {
  readonly integrated: number | null;
  readonly range: number;
  readonly truePeak: number | null;
  readonly samplePeak: number | null;
  readonly maxMomentary: number | null;
  readonly maxShortTerm: number | null;
  readonly seconds: number;
  readonly sampleRate: number;
  readonly channels: number;
}

const finite = (x: number): number | null => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : null);

export function loudnessReport(channels: readonly Float32Array[], sampleRate: number): LoudnessReport {
  const n = Math.min(Math.max(1, channels.length), 5);
  const meter = new LoudnessMeter(sampleRate, n);
  meter.process(channels.slice(0, n));
  const r = meter.read();
  return {
    integrated: finite(r.integrated),
    range: finite(r.range) ?? 0,
    truePeak: finite(r.truePeakMaxDb),
    samplePeak: finite(r.samplePeakMaxDb),
    maxMomentary: finite(r.maxMomentary),
    maxShortTerm: finite(r.maxShortTerm),
    seconds: (channels[0]?.length ?? 0) / sampleRate,
    sampleRate,
    channels: channels.length,
  };
}

/** The report as lines for a terminal. */
export function formatReport(r: LoudnessReport): string {
  const f = (x: number | null, unit: string): string => (x === null ? '—' : `${x.toFixed(1)} ${unit}`);
  return [
    `Integrated  ${f(r.integrated, 'LUFS')}`,
    `Range       ${r.range.toFixed(1)} LU`,
    `True peak   ${f(r.truePeak, 'dBTP')}`,
    `Max M       ${f(r.maxMomentary, 'LUFS')}`,
    `Max S       ${f(r.maxShortTerm, 'LUFS')}`,
  ].join('\n');
}
