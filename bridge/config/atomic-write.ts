import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * A new version of `file` written whole and fsynced to a temporary beside it, not yet in place.
 * Exactly one of `commit` or `discard` is called: until then the target is untouched.
 */
export interface StagedFile {
  readonly file: string;
  /** Renames the temporary over the target, then fsyncs the directory (throws only if the rename fails; the temporary is then still there to discard). */
  commit(): Promise<void>;
  /** Removes the temporary (never throws). */
  discard(): Promise<void>;
}

/**
 * Writes `text` to a temporary file in the directory of `file` (created if missing) and fsyncs
 * it. On failure (disk full, read-only, no permission) the temporary is removed and the error
 * thrown: nothing else changed. Splitting the write from the rename lets a caller do other work
 * (session backups) only once the new version is known to be durable.
 */
export async function stageFile(file: string, text: string, mode = 0o644): Promise<StagedFile> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  // Dot-prefixed and not `.json`, so directory loaders and the file watch ignore it.
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const discard = (): Promise<void> => rm(tmp, { force: true }).catch(() => undefined);
  try {
    const h = await open(tmp, 'wx', mode);
    try {
      await h.writeFile(text, 'utf8');
      await h.sync();
    } finally {
      await h.close();
    }
  } catch (e) {
    await discard();
    throw e;
  }
  return {
    file,
    commit: async () => {
      await rename(tmp, file);
      await syncDir(dir);
    },
    discard,
  };
}

/**
 * Writes a file so that readers (and the file watch) only ever see the old or the whole new
 * content: write a temporary file in the same directory, fsync it, rename it over the target,
 * then fsync the directory so the rename survives a power cut. Creates missing directories.
 * On failure the temporary file is removed and the error is thrown; the target is untouched.
 */
export async function writeFileAtomic(file: string, text: string, mode = 0o644): Promise<void> {
  const staged = await stageFile(file, text, mode);
  try {
    await staged.commit();
  } catch (e) {
    await staged.discard();
    throw e;
  }
}

/** JSON with two-space indent and a final newline, written atomically. */
export const writeJsonAtomic = (file: string, value: unknown): Promise<void> => writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);

/** fsync a directory; some platforms (Windows) cannot open one, which is not an error here. */
async function syncDir(dir: string): Promise<void> {
  let h;
  try {
    h = await open(dir, 'r');
    await h.sync();
  } catch {
    // best effort
  } finally {
    await h?.close();
  }
}
