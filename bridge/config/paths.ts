import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/**
 * The state directory when neither the CLI nor the config file names one: `$XDG_DATA_HOME/detent`,
 * or `~/.local/share/detent` (XDG Base Directory spec: a relative XDG_DATA_HOME is ignored).
 */
export function defaultStateDir(env: NodeJS.ProcessEnv): string {
  const xdg = env['XDG_DATA_HOME'];
  if (xdg !== undefined && isAbsolute(xdg)) return join(xdg, 'detent');
  const home = env['HOME'] !== undefined && env['HOME'] !== '' ? env['HOME'] : homedir();
  return join(home, '.local', 'share', 'detent');
}

/** Shipped mapping files, relative to the package root. */
export const shippedControllers = (root: string): string => join(root, 'mappings', 'controllers');
/** The shipped firmware profiles, and the directory of the user's own (loaded after, same id replaces). */
export const shippedFirmwareProfiles = (root: string): string => join(root, 'firmware-profiles');
export const firmwareProfilesDir = (stateDir: string): string => join(stateDir, 'firmware-profiles');
/** Per-device calibration files written by `detent calibrate`. */
export const calibrationDir = (stateDir: string): string => join(stateDir, 'calibration');
export const shippedSet = (root: string): string => join(root, 'mappings', 'sets', 'default.json');

/**
 * Where learn writes (never into shipped files): an overlay mapping set, loaded after the
 * configured set with entries of the same id replacing, and a directory of learned controller
 * profiles, loaded after the configured profile directory.
 */
export const learnedDir = (stateDir: string): string => join(stateDir, 'learned');
export const learnedSetPath = (stateDir: string): string => join(learnedDir(stateDir), 'set.json');
export const learnedControllersDir = (stateDir: string): string => join(learnedDir(stateDir), 'controllers');
export const learnedProfilePath = (stateDir: string): string => join(learnedControllersDir(stateDir), 'learned.json');
