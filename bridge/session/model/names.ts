import { Type } from '@sinclair/typebox';

/**
 * Name formats of the session file. Session and track ids become file names and URL segments, so
 * their pattern is the path-traversal guard: lowercase letters, digits and inner hyphens only (no
 * dot, slash, backslash or NUL can ever reach a path), 1–64 characters.
 */
export const SLUG_PATTERN = '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$';
const SLUG = new RegExp(SLUG_PATTERN);

export const Slug = (example: string, description: string) => Type.String({ pattern: SLUG_PATTERN, examples: [example], description });

/** Snapshot names: `A`–`D` and named ones (`loud-master`, `v2.1`); letters, digits and `_ . -`. */
export const SNAPSHOT_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$';
const SNAPSHOT_NAME = new RegExp(SNAPSHOT_NAME_PATTERN);
export const SnapshotName = Type.String({ pattern: SNAPSHOT_NAME_PATTERN, examples: ['A', 'loud-master'], description: 'Snapshot name.' });

/** The quick-compare slots every track offers (named snapshots may be added beside them). */
export const SNAPSHOT_SLOTS = ['A', 'B', 'C', 'D'] as const;

/** UTC time as written by Date.toISOString (`2026-03-01T10:20:30.123Z`). */
export const IsoTime = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$', examples: ['2026-03-01T10:20:30.123Z'] });

export const isSlug = (s: string): boolean => SLUG.test(s);
export const isSnapshotName = (s: string): boolean => SNAPSHOT_NAME.test(s);

/**
 * A slug from a free name ("Smith – Album (2026)" → `smith-album-2026`): ASCII-folded, lowercase,
 * runs of anything else become one hyphen, cut to 64. Empty when nothing usable is left.
 */
export function slugify(name: string): string {
  const folded = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return folded
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/g, '');
}

/** `base`, or `base-2`, `base-3`, ... : the first not `taken`; `fallback` when base is empty. */
export function uniqueSlug(base: string, taken: (id: string) => boolean, fallback = 'session'): string {
  const root = base === '' ? fallback : base;
  if (!taken(root)) return root;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const id = `${root.slice(0, 64 - suffix.length).replace(/-+$/g, '')}${suffix}`;
    if (!taken(id)) return id;
  }
}
