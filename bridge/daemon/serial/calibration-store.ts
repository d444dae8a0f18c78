import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../config/atomic-write.js';
import { CalibrationFileSchema, type CalibrationFile } from '../../config/calibration-schema.js';
import type { ChannelCalibration } from '../../config/firmware-profile-compile.js';
import { deepFreeze } from '../../config/freeze.js';
import { readChecked } from '../../config/json-file.js';
import { formatProblem } from '../../config/problems.js';

/** Names are ids and identities already made filename-safe; anything else is refused, never joined into a path. */
const SAFE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export function calibrationFile(dir: string, profile: string, identity: string): string {
  if (!SAFE.test(profile) || !SAFE.test(identity)) throw new Error(`not a safe calibration name: ${profile}--${identity}`);
  return join(dir, `${profile}--${identity}.json`);
}

/**
 * Reads a box's calibration; a missing file is an empty calibration, a broken one is reported
 * through `warn` (with file and JSON path) and ignored, so a hand-edited mistake never stops a box.
 */
export async function readCalibration(dir: string, profile: string, identity: string, warn: (msg: string) => void): Promise<Map<string, ChannelCalibration>> {
  const file = calibrationFile(dir, profile, identity);
  const checked = await readChecked(CalibrationFileSchema, file);
  if (!checked.ok) {
    if (!(checked.problems.length === 1 && checked.problems[0]?.message === 'file not found'))
      warn(`calibration ignored: ${checked.problems.map(formatProblem).join('; ')}`);
    return new Map();
  }
  const value = deepFreeze(checked.value);
  return new Map(Object.entries(value.channels));
}

/** Writes a box's calibration atomically (a crash leaves the old file or the new one, never half). */
export async function writeCalibration(dir: string, value: CalibrationFile): Promise<string> {
  const file = calibrationFile(dir, value.profile, value.device);
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
  return file;
}
