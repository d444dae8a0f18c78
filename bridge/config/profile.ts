import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { oscKey } from '../core/routing/key.js';
import type { ControlBinding } from '../core/routing/table.js';
import { deepFreeze } from './freeze.js';
import { readChecked } from './json-file.js';
import type { Problem } from './problems.js';
import { ControllerProfileSchema, type ControllerProfile, type ProfileControl } from './profile-schema.js';

export interface LoadedProfile {
  /** Absolute path of the file it came from. */
  readonly file: string;
  readonly profile: ControllerProfile;
  readonly bindings: readonly ControlBinding[];
}

export interface ProfilesLoad {
  /** The good profiles, in file-name order. */
  readonly profiles: readonly LoadedProfile[];
  /** Every problem in every bad file; a bad file is left out, the others still load. */
  readonly problems: readonly Problem[];
}

/** One control → the core binding: input key from the OSC address, feedback to the same address. */
export function compileControl(c: ProfileControl): ControlBinding {
  switch (c.kind) {
    case 'absolute':
      return Object.freeze({
        control: c.id,
        input: oscKey(c.osc.address),
        feedbackAddress: c.osc.feedback ? c.osc.address : undefined,
        decode: Object.freeze({ kind: 'absolute' as const }),
      });
  }
}

export const compileProfile = (p: ControllerProfile): readonly ControlBinding[] => Object.freeze(p.controls.map(compileControl));

/** Checks a profile beyond its schema: control ids and input addresses are each unique. */
export function profileProblems(p: ControllerProfile, file: string): Problem[] {
  const problems: Problem[] = [];
  const ids = new Map<string, number>();
  const addresses = new Map<string, number>();
  p.controls.forEach((c, i) => {
    const at = `/controls/${i}`;
    const id = ids.get(c.id);
    if (id !== undefined) problems.push({ file, path: `${at}/id`, message: `duplicate control id ${JSON.stringify(c.id)} (also /controls/${id}/id)` });
    else ids.set(c.id, i);
    const addr = addresses.get(c.osc.address);
    if (addr !== undefined) {
      problems.push({ file, path: `${at}/osc/address`, message: `address ${c.osc.address} already used by /controls/${addr}` });
    } else addresses.set(c.osc.address, i);
  });
  return problems;
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

/**
 * Loads every `*.json` in a directory (not recursive), in file-name order. Never throws. A profile
 * whose id an earlier file already used is reported at `/id` and left out.
 */
export async function loadControllerProfiles(path: string): Promise<ProfilesLoad> {
  const dir = resolve(path);
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => e.name);
  } catch (e) {
    return { profiles: [], problems: [{ file: dir, path: '', message: `cannot read the profile directory: ${(e as Error).message}` }] };
  }
  const profiles: LoadedProfile[] = [];
  const problems: Problem[] = [];
  const idFile = new Map<string, string>();
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
  return Object.freeze({ profiles: Object.freeze(profiles), problems: Object.freeze(problems) });
}
