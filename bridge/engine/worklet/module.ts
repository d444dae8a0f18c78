import { existsSync } from 'node:fs';
import { unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The path of the bundled worklet script (processors.ts and what it imports), as
 * `audioWorklet.addModule` needs it: node-web-audio-api 1.0.9 takes a plain file path (a file://
 * URL fails, DESIGN.md) and runs plain JavaScript.
 *
 * From dist/ (the esbuild bundle of cli.ts), the script is dist/bridge/worklets.js, next to the
 * bundle, built by scripts/build.mjs. From sources (vitest, tsx) there is no such file beside this
 * one, so processors.ts is bundled once per process with esbuild (a dev dependency) into the
 * temporary directory, and the file is removed at exit.
 */
let built: Promise<string> | undefined;

export function workletModulePath(): Promise<string> {
  const shipped = fileURLToPath(new URL('./worklets.js', import.meta.url));
  if (existsSync(shipped)) return Promise.resolve(shipped);
  built ??= bundleFromSources();
  return built;
}

async function bundleFromSources(): Promise<string> {
  const { build } = await import('esbuild');
  const out = join(tmpdir(), `detent-worklets-${process.pid}.js`);
  await build({
    entryPoints: [fileURLToPath(new URL('./processors.ts', import.meta.url))],
    outfile: out,
    bundle: true,
    format: 'iife',
    platform: 'neutral',
    target: 'es2022',
    logLevel: 'warning',
  });
  process.once('exit', () => {
    try {
      unlinkSync(out);
    } catch {
      // already gone
    }
  });
  return out;
}
