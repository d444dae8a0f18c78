import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../config/atomic-write.js';
import { CalibrationFileSchema, type CalibrationFile } from '../../config/calibration-schema.js';
import { usableCalibration } from '../../config/calibration-check.js';
import type { ChannelCalibration } from '../../config/firmware-profile-compile.js';
import type { FirmwareProfile } from '../../config/firmware-profile-schema.js';
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
 * Reads a box's calibration for the firmware profile that runs it; a missing file is an empty
 * calibration. A broken file is reported through `warn` (with file and JSON path) and ignored,
 * and so is each channel whose calibration a firmware profile would refuse (usableCalibration:
 * min equal to max, outside the ADC's range, a taper not rising from 0 to 1), so a hand-edited
 * mistake never stops a box nor sticks a knob.
 */
export async function readCalibration(
  dir: string,
  profile: FirmwareProfile,
  identity: string,
  warn: (msg: string) => void,
): Promise<Map<string, ChannelCalibration>> {
  const file = calibrationFile(dir, profile.id, identity);
  const checked = await readChecked(CalibrationFileSchema, file);
  if (!checked.ok) {
    if (!(checked.problems.length === 1 && checked.problems[0]?.message === 'file not found'))
      warn(`calibration ignored: ${checked.problems.map(formatProblem).join('; ')}`);
    return new Map();
  }
  const usable = usableCalibration(deepFreeze(checked.value), profile, file);
  if (usable.problems.length > 0) warn(`calibration of some channels ignored (the profile's own calibration applies): ${usable.problems.map(formatProblem).join('; ')}`);
  return new Map(usable.channels);
}

/** Writes a box's calibration atomically (a crash leaves the old file or the new one, never half). */
export async function writeCalibration(dir: string, value: CalibrationFile): Promise<string> {
  const file = calibrationFile(dir, value.profile, value.device);
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
  return file;
}
