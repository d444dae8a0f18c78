/**
 * `detent measure <file>`: prints the file's loudness report (EBU R128 / ITU-R BS.1770-4) as JSON:
 * integrated (LUFS), range (LU), truePeak (dBTP), samplePeak (dBFS), maxMomentary and
 * maxShortTerm (LUFS), seconds, sampleRate, channels. Exit 0 ok, 1 unreadable file, 2 bad usage.
 * The report is export/report.ts's loudnessReport, computed by the block-wise ProgrammeMeter
 * (engine/offline/loudness.ts: the same arithmetic, bit for bit, several times faster).
 */
import { programmeReport } from '../engine/offline/loudness.js';
import { decodeFile } from '../engine/source/decode-file.js';

export async function measureCommand(argv: readonly string[]): Promise<number> {
  const [path, ...rest] = argv;
  if (path === undefined || rest.length > 0 || path.startsWith('-')) {
    process.stderr.write('detent measure: usage: detent measure <file>\n');
    return 2;
  }
  try {
    const file = await decodeFile(path);
    process.stdout.write(`${JSON.stringify(programmeReport(file.channels, file.sampleRate), null, 2)}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`detent measure: ${(e as Error).message}\n`);
    return 1;
  }
}
