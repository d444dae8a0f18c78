/**
 * Edits of single mappings from the dashboard and the API, written to the learned overlay in the
 * state directory (never to the configured set, which may be a shipped file): an edit puts an
 * entry with the mapping's id there (the same id replaces the set's), a delete of one of the set's
 * mappings writes it with `enabled: false`, a delete of the overlay's own takes it out, and a
 * restore takes the overlay's entry out so the set's own is back. Each change is written
 * atomically and the routing reloaded; a change the loader refuses is rolled back. One change at a
 * time.
 */
import { rm } from 'node:fs/promises';
import { writeFileAtomic, writeJsonAtomic } from '../config/atomic-write.js';
import { readValidJson } from '../config/json-file.js';
import { mappingSetProblems } from '../config/mapping-set-check.js';
import { MappingSchema, MappingSetSchema } from '../config/mapping-set-schema.js';
import { formatProblem, type Problem } from '../config/problems.js';
import { checkValue } from '../config/validate.js';
import { assertNever } from '../core/assert-never.js';
import { err, ok, type Result } from '../core/result.js';
import { newOverlay } from '../learn/write-files.js';
import { findEntry, withEntry, withId, withoutEntry, type SetFile } from './entries.js';

export const MappingEditCode = {
  Unknown: 'MAPPING_UNKNOWN',
  Invalid: 'MAPPING_INVALID',
  FileInvalid: 'MAPPING_FILE_INVALID',
  NotLoaded: 'MAPPING_NOT_LOADED',
  Blocked: 'MAPPINGS_BLOCKED',
  WriteFailed: 'MAPPING_WRITE_FAILED',
} as const;
export type MappingEditCode = (typeof MappingEditCode)[keyof typeof MappingEditCode];

/** Why an edit did not take effect; `problems` one line each ("file: /path: message"). */
export interface MappingEditError {
  readonly code: MappingEditCode;
  readonly message: string;
  readonly problems: readonly string[];
}

/** One mapping as the files have it: the entry as written and where it comes from. */
export interface MappingEntryView {
  readonly id: string;
  /** The entry in force as written (in the overlay when edited or added, else in the set). */
  readonly entry: Readonly<Record<string, unknown>>;
  /** `removed`: the set's mapping, switched off by the overlay. */
  readonly source: 'set' | 'edited' | 'added' | 'removed';
  /** The file `entry` is in. */
  readonly file: string;
  /** The set's own entry when the overlay replaces or removes it, else null. */
  readonly original: Readonly<Record<string, unknown>> | null;
}

export interface MappingEditDeps {
  /** The configured mapping set (read only). */
  readonly setFile: string;
  /** The learned overlay (`<stateDir>/learned/set.json`). */
  readonly overlayFile: string;
  /** Reloads the routing and returns the problems of every mapping file (none: the files are in force). */
  readonly reload: () => Promise<readonly Problem[]>;
}

type Files = { readonly set: SetFile | undefined; readonly overlay: (SetFile & { readonly text: string }) | undefined };

const fail = (code: MappingEditCode, message: string, problems: readonly Problem[] = []): Result<never, MappingEditError> =>
  err({ code, message, problems: problems.map(formatProblem) });

export class MappingEdits {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: MappingEditDeps) {}

  /** The mapping with this id as its files have it. */
  entry(id: string): Promise<Result<MappingEntryView, MappingEditError>> {
    return this.serial(() => this.current(id));
  }

  /** Puts `body` (one entry of a mapping set, as a file would have it) in force under this id. */
  put(id: string, body: unknown): Promise<Result<MappingEntryView, MappingEditError>> {
    return this.serial(async () => {
      const label = `mapping '${id}'`;
      const checked = checkValue(MappingSchema, body, label);
      if (!checked.ok) return fail(MappingEditCode.Invalid, `${label} is not a valid mapping`, checked.problems);
      if (checked.value.id !== undefined && checked.value.id !== id) return fail(MappingEditCode.Invalid, `the body's id '${checked.value.id}' is not '${id}': an edit keeps the mapping's id`);
      const files = await this.read();
      if (!files.ok) return files;
      const c = await this.commit(files.value, withEntry(this.overlayOf(files.value), id, withId(body as Record<string, unknown>, id)));
      return c.ok ? this.current(id) : c;
    });
  }

  /** Removes the mapping: the set's is switched off in the overlay, the overlay's own is taken out. */
  remove(id: string): Promise<Result<MappingEntryView | null, MappingEditError>> {
    return this.serial(async () => {
      const files = await this.read();
      if (!files.ok) return files;
      const inSet = findEntry(files.value.set, id);
      const inOverlay = findEntry(files.value.overlay, id);
      const overlay = this.overlayOf(files.value);
      if (inSet !== undefined) {
        const c = await this.commit(files.value, withEntry(overlay, id, { ...withId(inSet.raw, id), enabled: false }));
        return c.ok ? this.current(id) : c;
      }
      if (inOverlay !== undefined) return this.commit(files.value, withoutEntry(overlay, id));
      return fail(MappingEditCode.Unknown, `no mapping '${id}'`);
    });
  }

  /** Brings back the set's own mapping: the overlay's edit or removal of it is taken out. */
  restore(id: string): Promise<Result<MappingEntryView, MappingEditError>> {
    return this.serial(async () => {
      const files = await this.read();
      if (!files.ok) return files;
      const inSet = findEntry(files.value.set, id);
      const overlay = files.value.overlay;
      if (inSet === undefined) return fail(MappingEditCode.Unknown, `the configured set has no mapping '${id}' to restore`);
      if (overlay === undefined || findEntry(overlay, id) === undefined) return this.view(files.value, id);
      const c = await this.commit(files.value, withoutEntry(overlay, id));
      return c.ok ? this.current(id) : c;
    });
  }

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async read(): Promise<Result<Files, MappingEditError>> {
    const { setFile, overlayFile } = this.deps;
    const [set, overlay] = await Promise.all([
      readValidJson(MappingSetSchema, setFile, (s) => mappingSetProblems(s, setFile)),
      readValidJson(MappingSetSchema, overlayFile),
    ]);
    for (const [f, file] of [
      [set, setFile],
      [overlay, overlayFile],
    ] as const) {
      if (f.kind === 'invalid') return fail(MappingEditCode.FileInvalid, `${file} is invalid; fix or remove it first`, f.problems);
    }
    return ok({ set: set.kind === 'ok' ? set : undefined, overlay: overlay.kind === 'ok' ? overlay : undefined });
  }

  private overlayOf(files: Files): SetFile {
    return files.overlay ?? { raw: newOverlay(), value: { schemaVersion: 1, name: '', modes: { recall: [] }, mappings: [] } };
  }

  private view(files: Files, id: string): Result<MappingEntryView, MappingEditError> {
    const inSet = findEntry(files.set, id);
    const inOverlay = findEntry(files.overlay, id);
    const { setFile, overlayFile } = this.deps;
    if (inOverlay !== undefined) {
      const source = inSet === undefined ? 'added' : inOverlay.enabled ? 'edited' : 'removed';
      return ok({ id, entry: inOverlay.raw, source, file: overlayFile, original: inSet?.raw ?? null });
    }
    if (inSet !== undefined) return ok({ id, entry: inSet.raw, source: 'set', file: setFile, original: null });
    return fail(MappingEditCode.Unknown, `no mapping '${id}'`);
  }

  /** The mapping as the files have it now. */
  private async current(id: string): Promise<Result<MappingEntryView, MappingEditError>> {
    const files = await this.read();
    return files.ok ? this.view(files.value, id) : files;
  }

  /**
   * Writes the overlay and reloads. Problems in the overlay roll the write back (the loader keeps
   * the previous mappings meanwhile); problems only in other files leave it written, to apply once
   * they are fixed.
   */
  private async commit(files: Files, next: Record<string, unknown>): Promise<Result<null, MappingEditError>> {
    const { overlayFile, reload } = this.deps;
    try {
      await writeJsonAtomic(overlayFile, next);
    } catch (e) {
      return fail(MappingEditCode.WriteFailed, `cannot write ${overlayFile}: ${(e as Error).message}`);
    }
    const problems = await reload();
    const own = problems.filter((p) => p.file === overlayFile);
    if (own.length > 0) {
      await (files.overlay === undefined ? rm(overlayFile, { force: true }) : writeFileAtomic(overlayFile, files.overlay.text));
      await reload();
      return fail(MappingEditCode.NotLoaded, 'the edit does not load, so it was undone', own);
    }
    if (problems.length > 0) return fail(MappingEditCode.Blocked, 'saved, but other mapping files have problems, so the previous mappings stay in force until they are fixed', problems);
    return ok(null);
  }
}

/** The HTTP status for an edit error. */
export function editStatus(code: MappingEditCode): 400 | 404 | 409 | 422 | 500 {
  switch (code) {
    case MappingEditCode.Unknown:
      return 404;
    case MappingEditCode.Invalid:
      return 400;
    case MappingEditCode.FileInvalid:
    case MappingEditCode.Blocked:
      return 409;
    case MappingEditCode.NotLoaded:
      return 422;
    case MappingEditCode.WriteFailed:
      return 500;
    default:
      return assertNever(code, 'mapping edit error');
  }
}
