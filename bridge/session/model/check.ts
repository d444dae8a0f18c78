import { deepFreeze } from '../../config/freeze.js';
import { parseJsonText } from '../../config/json-text.js';
import type { Problem } from '../../config/problems.js';
import { BAD_KEY, checkValue } from '../../config/validate.js';
import { migrate } from './migrate.js';
import { SessionSchema, type Session, type SessionFile } from './schema.js';

export type SessionCheck =
  | { readonly ok: true; readonly session: Session; readonly migratedFrom: number }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** Session file text → a checked session, or every problem (JSON position, or path and field). */
export function checkSessionText(text: string, id: string, file: string): SessionCheck {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, problems: [{ file, path: '', position: { line: parsed.line, column: parsed.column }, message: `invalid JSON: ${parsed.message}` }] };
  return checkSession(parsed.value, id, file);
}

/**
 * A parsed value → a checked, frozen session: migrated to the current version, validated by the
 * schema (defaults filled), then the rules a schema cannot say, each reported at its path:
 * the id is the file's, track ids and snapshot names (per track) are unique, `current` names a
 * track and snapshot that exist.
 */
export function checkSession(raw: unknown, id: string, file: string): SessionCheck {
  const migrated = migrate(raw, id, file);
  if (!migrated.ok) return { ok: false, problems: migrated.problems.map(tidy) };
  const checked = checkValue(SessionSchema, migrated.value, file);
  if (!checked.ok) return { ok: false, problems: checked.problems.map(tidy) };
  const problems = sessionProblems(checked.value, id, file);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, session: deepFreeze(checked.value), migratedFrom: migrated.from };
}

export function sessionProblems(s: SessionFile, id: string, file: string): Problem[] {
  const problems: Problem[] = [];
  const at = (path: string, message: string) => problems.push({ file, path, message });
  if (s.id !== id) at('/id', `"${s.id}" does not match the file name (${id}.json)`);
  const trackIds = new Set<string>();
  s.tracks.forEach((t, i) => {
    if (trackIds.has(t.id)) at(`/tracks/${i}/id`, `duplicate track id "${t.id}"`);
    trackIds.add(t.id);
    const names = new Set<string>();
    t.snapshots.forEach((snap, j) => {
      if (names.has(snap.name)) at(`/tracks/${i}/snapshots/${j}/name`, `duplicate snapshot name "${snap.name}" in track "${t.id}"`);
      names.add(snap.name);
    });
  });
  const track = s.current.track === null ? s.tracks[0] : s.tracks.find((t) => t.id === s.current.track);
  if (track === undefined) at('/current/track', `no track "${s.current.track ?? ''}" in this session`);
  else if (s.current.snapshot !== null && !track.snapshots.some((x) => x.name === s.current.snapshot)) {
    at('/current/snapshot', `no snapshot "${s.current.snapshot}" in track "${track.id}"`);
  }
  return problems;
}

/**
 * A key a name-keyed map rejects gets a message saying what the names look like: parameter ids
 * (v2 `/tracks/i/snapshots/j/params/<id>`, v1 `/snapshots/<name>/<id>`) or snapshot names. A
 * migration's " (schema version N)" stays.
 */
function tidy(p: Problem): Problem {
  if (!p.message.startsWith(BAD_KEY)) return p;
  const param = /\/params\/[^/]*$/.test(p.path) || /^\/snapshots\/[^/]*\/[^/]*$/.test(p.path);
  const what = param ? 'not a parameter id (like eq.band2.gain)' : 'not a valid name (letters, digits and _ . -, like A or loud-master)';
  return { ...p, message: what + (/ \(schema version \d+\)$/.exec(p.message)?.[0] ?? '') };
}
