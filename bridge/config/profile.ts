import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ControlBinding } from '../core/routing/table.js';
import { deepFreeze } from './freeze.js';
import { readChecked } from './json-file.js';
import type { Problem } from './problems.js';
import { compileProfile, profileProblems } from './profile-compile.js';
import { ControllerProfileSchema, type ControllerProfile } from './profile-schema.js';

export { compileControl, compileProfile, profileMatchesPeer, profileProblems } from './profile-compile.js';

export interface LoadedProfile {
  /** Absolute path of the file it came from. */
  readonly file: string;
  readonly profile: ControllerProfile;
  readonly bindings: readonly ControlBinding[];
}

export interface ProfilesLoad {
  /** The good profiles, in directory order, then file-name order. */
  readonly profiles: readonly LoadedProfile[];
  /** Every problem in every bad file; a bad file is left out, the others still load. */
  readonly problems: readonly Problem[];
}

/** Loads one profile file; never throws. */
export async function loadControllerProfile(file: string): Promise<{ profile?: LoadedProfile; problems: readonly Problem[] }> {
  const checked = await readChecked(ControllerProfileSchema, file);
  if (!checked.ok) return { problems: checked.problems };
  const profile = deepFreeze(checked.value);
  const problems = profileProblems(profile, file);
  if (problems.length > 0) return { problems };
  return { profile: Object.freeze({ file, profile, bindings: compileProfile(profile) }), problems };
}

/** A directory of profiles; a missing `optional` one (the learned overlay) is simply empty. */
export interface ProfileDir {
  readonly path: string;
  readonly optional?: boolean;
}

/**
 * Loads every `*.json` in each directory (not recursive), directories in the order given and files
 * in file-name order. Never throws. A profile whose id an earlier file already used is reported at
 * `/id` and left out.
 */
export async function loadControllerProfileDirs(dirs: readonly ProfileDir[]): Promise<ProfilesLoad> {
  const profiles: LoadedProfile[] = [];
  const problems: Problem[] = [];
  const idFile = new Map<string, string>();
  for (const d of dirs) {
    const dir = resolve(d.path);
    let names: string[];
    try {
      names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => e.name);
    } catch (e) {
      if (d.optional === true && (e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      problems.push({ file: dir, path: '', message: `cannot read the profile directory: ${(e as Error).message}` });
      continue;
    }
    for (const name of names.sort()) {
      const file = join(dir, name);
      const r = await loadControllerProfile(file);
      problems.push(...r.problems);
      if (r.profile === undefined) continue;
      const other = idFile.get(r.profile.profile.id);
      if (other !== undefined) {
        problems.push({ file, path: '/id', message: `duplicate profile id ${JSON.stringify(r.profile.profile.id)} (also in ${other})` });
        continue;
      }
      idFile.set(r.profile.profile.id, file);
      profiles.push(r.profile);
    }
  }
  return Object.freeze({ profiles: Object.freeze(profiles), problems: Object.freeze(problems) });
}

/** Loads one directory of profiles (see loadControllerProfileDirs). */
export const loadControllerProfiles = (path: string): Promise<ProfilesLoad> => loadControllerProfileDirs([{ path }]);
