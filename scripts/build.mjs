// Builds the daemon (bridge/ → dist/bridge) and the dashboard (dashboard/ → dist/dashboard) with
// esbuild. Type checking is `npm run typecheck`; this stays fast (well under a second) so that
// `npm start` can build every time and never runs stale code.
import { build } from 'esbuild';
import { cp, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
await rm(out, { recursive: true, force: true });

await build({
  entryPoints: [join(root, 'bridge/cli.ts')],
  outdir: join(out, 'bridge'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});

// The fast offline render's second thread (bridge/engine/offline/pipeline-worker.ts) runs as its own
// module, loaded by path (bridge/engine/offline/tail-thread.ts finds it next to cli.js).
await build({
  entryPoints: [join(root, 'bridge/engine/offline/pipeline-worker.ts')],
  outfile: join(out, 'bridge/offline-worker.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});

// The AudioWorklet processors run in the audio thread's scope as one plain script, loaded by path
// (bridge/engine/worklet/module.ts finds it next to cli.js).
await build({
  entryPoints: [join(root, 'bridge/engine/worklet/processors.ts')],
  outfile: join(out, 'bridge/worklets.js'),
  bundle: true,
  platform: 'neutral',
  format: 'iife',
  target: 'es2022',
  logLevel: 'warning',
});

await build({
  entryPoints: [join(root, 'dashboard/src/main.ts')],
  outdir: join(out, 'dashboard'),
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
});
await mkdir(join(out, 'dashboard'), { recursive: true });
await cp(join(root, 'dashboard/static'), join(out, 'dashboard'), { recursive: true });
