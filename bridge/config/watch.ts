import { statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';

/** Quiet time (ms) after the last relevant event before onChange runs: one reload per save. */
export const WATCH_DEBOUNCE_MS = 150;

/** Which names in a watched directory matter (null: the platform did not say). */
type Filter = (name: string | null) => boolean;

export interface MappingWatch {
  close(): void;
}

/**
 * Calls `onChange` (debounced) when a mapping file changes: any `*.json` in one of `dirs`, or one
 * of `files`. Contract:
 * - directories are watched, never file handles, so editors' atomic saves (write a temporary file,
 *   rename it over the old one) and deletions are seen;
 * - a directory that does not exist yet (the learned overlay before the first learn) is waited
 *   for: its nearest existing ancestor is watched until it appears, and a watched directory that
 *   is removed goes back to waiting;
 * - after every batch of events the watches are re-made, then `onChange` runs, so whatever it
 *   reads is at least as new as the events; a reload that finds nothing changed is harmless.
 * Never throws after construction; close() stops everything and is idempotent.
 */
export function watchMappingFiles(paths: { dirs: readonly string[]; files: readonly string[] }, onChange: () => void, debounceMs = WATCH_DEBOUNCE_MS): MappingWatch {
  const wanted = new Map<string, Filter[]>();
  const want = (dir: string, f: Filter): void => void wanted.set(dir, [...(wanted.get(dir) ?? []), f]);
  for (const d of paths.dirs) want(resolve(d), (n) => n === null || n.endsWith('.json'));
  for (const f of paths.files) want(dirname(resolve(f)), (n) => n === null || n === basename(f));

  const watchers: FSWatcher[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const poke = (): void => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      arm();
      onChange();
    }, debounceMs);
  };

  const watchDir = (dir: string, relevant: Filter): void => {
    try {
      const w = watch(dir, { persistent: true }, (_event, name) => {
        if (relevant(name === null ? null : String(name))) poke();
      });
      // A removed directory closes its watcher (or errors): wait for it again.
      w.on('error', poke);
      w.on('close', poke);
      watchers.push(w);
    } catch {
      poke(); // vanished between the look-up and the watch: look again shortly
    }
  };

  const arm = (): void => {
    for (const w of watchers.splice(0)) {
      w.removeAllListeners();
      w.on('error', () => undefined);
      w.close();
    }
    if (closed) return;
    for (const [dir, filters] of wanted) {
      const at = existingAncestor(dir);
      if (at === dir) {
        watchDir(dir, (n) => n === basename(dir) || filters.some((f) => f(n)));
      } else {
        const next = relative(at, dir).split(sep)[0] ?? '';
        watchDir(at, (n) => n === null || n === next);
      }
    }
  };

  arm();
  return {
    close: () => {
      closed = true;
      clearTimeout(timer);
      arm();
    },
  };
}

/** The directory itself when it exists, else its nearest existing ancestor. */
function existingAncestor(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    if (isDir(d) || dirname(d) === d) return d;
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
