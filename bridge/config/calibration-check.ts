import type { CalibrationFile } from './calibration-schema.js';
import { calibrationProblems, channelBits, type ChannelCalibration } from './firmware-profile-compile.js';
import type { FirmwareProfile } from './firmware-profile-schema.js';
import { pointerKey, type Problem } from './problems.js';

export interface UsableCalibration {
  /** The channels' calibrations a box can use, by channel name. */
  readonly channels: ReadonlyMap<string, ChannelCalibration>;
  /** One or more per channel left out, each at its path in the file. */
  readonly problems: readonly Problem[];
}

/**
 * Splits a schema-checked calibration file (of a box run by `profile`) into what can be used and
 * what cannot: a channel's calibration gets the checks a firmware profile's own calibration gets
 * (firmwareProfileProblems: max equal to min, min or max outside the channel's ADC range, a
 * taper that does not rise from 0 to 1), and a channel failing any is left out (it keeps the
 * profile's calibration), so one bad channel never stops the others.
 */
export function usableCalibration(cal: CalibrationFile, profile: FirmwareProfile, file: string): UsableCalibration {
  const channels = new Map<string, ChannelCalibration>();
  const problems: Problem[] = [];
  for (const [name, c] of Object.entries(cal.channels)) {
    const found = calibrationProblems(c, channelBits(profile, name), file, `/channels/${pointerKey(name)}`);
    if (found.length === 0) channels.set(name, c);
    else problems.push(...found);
  }
  return { channels, problems };
}
