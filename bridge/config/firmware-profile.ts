import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { deepFreeze } from './freeze.js';
import { firmwareProfileProblems } from './firmware-profile-compile.js';
import { FirmwareProfileSchema, type FirmwareProfile } from './firmware-profile-schema.js';
import { readChecked } from './json-file.js';
import type { Problem } from './problems.js';

export interface LoadedFirmwareProfile {
  /** Absolute path of the file it came from. */
  readonly file: string;
  readonly profile: FirmwareProfile;
}

export interface FirmwareProfilesLoad {
  readonly profiles: readonly LoadedFirmwareProfile[];
  /** Every problem in every bad file; a bad file is left out, the others still load. */
  readonly problems: readonly Problem[];
}

/** Loads one firmware profile file; never throws. */
export async function loadFirmwareProfile(file: string): Promise<{ profile?: LoadedFirmwareProfile; problems: readonly Problem[] }> {
  const checked = await readChecked(FirmwareProfileSchema, file);
  if (!checked.ok) return { problems: checked.problems };
  const profile = deepFreeze(checked.value);
  const problems = firmwareProfileProblems(profile, file);
  return problems.length > 0 ? { problems } : { profile: Object.freeze({ file, profile }), problems };
}

/**
 * Loads every `*.json` of each directory (not recursive) in order; a later directory's profile
 * with an id already loaded replaces it (a user's `deej.json` overrides the shipped one), so the
 * shipped directory comes first. A missing optional directory is empty. Never throws.
 */
export async function loadFirmwareProfileDirs(dirs: readonly { path: string; optional?: boolean }[]): Promise<FirmwareProfilesLoad> {
  const byId = new Map<string, LoadedFirmwareProfile>();
  const problems: Problem[] = [];
  for (const d of dirs) {
    const dir = resolve(d.path);
    let names: string[];
    try {
      names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => e.name);
    } catch (e) {
      if (d.optional === true && (e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      problems.push({ file: dir, path: '', message: `cannot read the firmware profile directory: ${(e as Error).message}` });
      continue;
    }
    const seenHere = new Map<string, string>();
    for (const name of names.sort()) {
      const file = join(dir, name);
      const r = await loadFirmwareProfile(file);
      problems.push(...r.problems);
      if (r.profile === undefined) continue;
      const id = r.profile.profile.id;
      const other = seenHere.get(id);
      if (other !== undefined) {
        problems.push({ file, path: '/id', message: `duplicate firmware profile id ${JSON.stringify(id)} (also in ${other})` });
        continue;
      }
      seenHere.set(id, file);
      byId.set(id, r.profile);
    }
  }
  return Object.freeze({ profiles: Object.freeze([...byId.values()]), problems: Object.freeze(problems) });
}
