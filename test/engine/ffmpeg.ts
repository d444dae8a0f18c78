import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** ffmpeg's own reading of a file: `ebur128=peak=true` with per-frame metadata (3 decimals). */
export interface FfmpegLoudness {
  readonly integrated: number;
  readonly range: number;
  /** Highest true peak over the file, dBTP. */
  readonly truePeak: number;
}

/** Whether an `ffmpeg` binary is on the PATH (CI installs it; .ci/run). */
export async function haveFfmpeg(): Promise<boolean> {
  try {
    await run('ffmpeg', ['-version']);
    return true;
  } catch {
    return false;
  }
}

/**
 * Measures `path` with `ffmpeg -af ebur128=peak=true:metadata=1,ametadata=mode=print` (DESIGN.md:
 * the summary has one decimal only, the metadata three). The last frame's I and LRA are the file's;
 * true peaks per frame are linear, so the file's is their maximum.
 */
export async function ffmpegLoudness(path: string): Promise<FfmpegLoudness> {
  const { stdout } = await run(
    'ffmpeg',
    ['-hide_banner', '-nostats', '-i', path, '-af', 'ebur128=peak=true:metadata=1,ametadata=mode=print:file=-', '-f', 'null', '-'],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  let integrated = NaN;
  let range = NaN;
  let peak = 0;
  for (const line of stdout.split('\n')) {
    const [k, v] = line.split('=');
    const x = Number(v);
    if (k === 'lavfi.r128.I') integrated = x;
    else if (k === 'lavfi.r128.LRA') range = x;
    else if (k === 'lavfi.r128.true_peak') peak = Math.max(peak, x);
  }
  return { integrated, range, truePeak: 20 * Math.log10(peak) };
}
