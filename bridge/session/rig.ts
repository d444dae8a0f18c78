import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { readTextFile } from '../config/json-file.js';
import type { Rig, RigFile } from './model/schema.js';

/** Where the controller set-up in use is loaded from (the daemon's config and state dir). */
export interface RigSources {
  readonly mappingSet: string;
  readonly learnedSet: string;
  /** Controller profile directories, in load order (missing ones are skipped). */
  readonly profileDirs: readonly string[];
}

/**
 * A copy of the controller set-up a session was made on: the mapping set, the learned overlay and
 * every controller profile, as parsed JSON with the SHA-256 of each file's text. Files that do not
 * exist or are not JSON are left out (the mapping loader reports those).
 */
export async function captureRig(src: RigSources): Promise<Rig> {
  const profiles: RigFile[] = [];
  for (const dir of src.profileDirs) {
    for (const f of await jsonFiles(dir)) {
      const copy = await copyOf(f);
      if (copy !== null) profiles.push(copy);
    }
  }
  return { mappingSet: await copyOf(src.mappingSet), learnedSet: await copyOf(src.learnedSet), profiles, calibrations: [] };
}

/**
 * The files whose content differs from the copy in `rig` (changed, gone or new since), as
 * "changed: <file>" lines: recall reports them, as a recalled job then runs on another set-up.
 */
export async function rigDrift(rig: Rig, src: RigSources): Promise<string[]> {
  const now = await captureRig(src);
  const before = new Map(all(rig).map((f) => [f.file, f.sha256]));
  const after = new Map(all(now).map((f) => [f.file, f.sha256]));
  const drift: string[] = [];
  for (const [file, sha] of before) {
    const cur = after.get(file);
    if (cur === undefined) drift.push(`gone: ${file}`);
    else if (cur !== sha) drift.push(`changed: ${file}`);
  }
  for (const file of after.keys()) if (!before.has(file)) drift.push(`new: ${file}`);
  return drift;
}

const all = (r: Rig): RigFile[] => [r.mappingSet, r.learnedSet, ...r.profiles, ...r.calibrations].filter((f): f is RigFile => f !== null);

async function jsonFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => join(resolve(dir), e.name)).sort();
  } catch {
    return [];
  }
}

async function copyOf(file: string): Promise<RigFile | null> {
  let text: string;
  try {
    text = await readTextFile(file);
  } catch {
    return null;
  }
  try {
    return { file: resolve(file), sha256: createHash('sha256').update(text).digest('hex'), content: JSON.parse(text) as unknown };
  } catch {
    return null;
  }
}
