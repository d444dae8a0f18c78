import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic, writeJsonAtomic } from '../../bridge/config/atomic-write.js';
import { tempDir } from './temp.js';

describe('atomic writes', () => {
  it('creates directories, replaces the file whole and leaves no temporary file', async () => {
    const dir = await tempDir();
    const file = join(dir, 'a', 'b', 'set.json');
    await writeJsonAtomic(file, { n: 1 });
    expect(await readFile(file, 'utf8')).toBe('{\n  "n": 1\n}\n');
    await writeFileAtomic(file, 'two');
    expect(await readFile(file, 'utf8')).toBe('two');
    expect(await readdir(join(dir, 'a', 'b'))).toEqual(['set.json']);
  });

  it('fails without touching the target when the directory cannot be made', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'blocker'), 'a file where a directory should be');
    await expect(writeJsonAtomic(join(dir, 'blocker', 'set.json'), {})).rejects.toThrow();
    expect(await readFile(join(dir, 'blocker'), 'utf8')).toBe('a file where a directory should be');
  });
});
