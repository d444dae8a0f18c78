import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that readers (and the file watch) only ever see the old or the whole new
 * content: write a temporary file in the same directory, fsync it, rename it over the target,
 * then fsync the directory so the rename survives a power cut. Creates missing directories.
 * On failure the temporary file is removed and the error is thrown; the target is untouched.
 */
export async function writeFileAtomic(file: string, text: string, mode = 0o644): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  // Dot-prefixed and not `.json`, so directory loaders and the file watch ignore it.
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const h = await open(tmp, 'wx', mode);
    try {
      await h.writeFile(text, 'utf8');
      await h.sync();
    } finally {
      await h.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  await syncDir(dir);
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
