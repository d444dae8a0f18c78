/** The mapping-file watch on real files in a temporary directory (real fs.watch, real timers). */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchMappingFiles, type MappingWatch } from '../../bridge/config/watch.js';
import { tempDir } from './temp.js';

const DEBOUNCE = 60;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let watcher: MappingWatch | undefined;
afterEach(() => watcher?.close());

/** Starts a watch and returns a counter of onChange calls. */
function counting(paths: { dirs: string[]; files: string[] }): { count: () => number } {
  let n = 0;
  watcher = watchMappingFiles(paths, () => n++, DEBOUNCE);
  return { count: () => n };
}

/** Waits until the count reaches `n` (or fails after 3 s), then a little longer to catch extras. */
async function reaches(c: { count: () => number }, n: number): Promise<void> {
  const end = Date.now() + 3000;
  while (c.count() < n && Date.now() < end) await sleep(10);
  await sleep(DEBOUNCE * 3);
  expect(c.count()).toBe(n);
}

describe('watchMappingFiles', () => {
  it('one change per burst of writes to a profile directory; other files are ignored', async () => {
    const dir = await tempDir();
    const c = counting({ dirs: [dir], files: [] });
    await sleep(20);
    for (let i = 0; i < 5; i++) await writeFile(join(dir, 'a.json'), `{"n": ${i}}`);
    await reaches(c, 1);
    await writeFile(join(dir, 'notes.txt'), 'x');
    await writeFile(join(dir, '.a.json.swp'), 'x');
    await sleep(DEBOUNCE * 3);
    expect(c.count()).toBe(1);
    await rm(join(dir, 'a.json'));
    await reaches(c, 2);
  });

  it("follows a single file through an editor's atomic save (write a temp file, rename it over)", async () => {
    const dir = await tempDir();
    const file = join(dir, 'set.json');
    await writeFile(file, '{}');
    const c = counting({ dirs: [], files: [file] });
    await sleep(20);
    await writeFile(join(dir, 'set.json.tmp~'), '{"a": 1}');
    await rename(join(dir, 'set.json.tmp~'), file);
    await reaches(c, 1);
    await writeFile(join(dir, 'set.json.tmp~'), '{"a": 2}');
    await rename(join(dir, 'set.json.tmp~'), file);
    await reaches(c, 2);
    await writeFile(join(dir, 'other.json'), '{}');
    await sleep(DEBOUNCE * 3);
    expect(c.count()).toBe(2);
  });

  it('waits for directories that do not exist yet, and for them to come back after removal', async () => {
    const root = await tempDir();
    const controllers = join(root, 'learned', 'controllers');
    const set = join(root, 'learned', 'set.json');
    const c = counting({ dirs: [controllers], files: [set] });
    await sleep(20);
    await writeFile(join(root, 'unrelated.json'), '{}');
    await sleep(DEBOUNCE * 3);
    expect(c.count()).toBe(0);
    await mkdir(controllers, { recursive: true });
    await reaches(c, 1);
    await writeFile(join(controllers, 'learned.json'), '{}');
    await reaches(c, 2);
    await writeFile(set, '{}');
    await reaches(c, 3);
    await rm(join(root, 'learned'), { recursive: true });
    await reaches(c, 4);
    await mkdir(controllers, { recursive: true });
    await writeFile(join(controllers, 'learned.json'), '{}');
    await reaches(c, 5);
  });

  it('close() stops everything; a change after close is never reported', async () => {
    const dir = await tempDir();
    const c = counting({ dirs: [dir], files: [] });
    await writeFile(join(dir, 'a.json'), '{}');
    watcher?.close();
    watcher?.close();
    await writeFile(join(dir, 'b.json'), '{}');
    await sleep(DEBOUNCE * 3);
    expect(c.count()).toBe(0);
  });
});
