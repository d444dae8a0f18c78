import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The installed package's root directory (the one holding package.json), found from this file's
 * location so it works from sources (bridge/) and from the bundle (dist/bridge/) alike.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'mappings'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the Detent package root above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}
