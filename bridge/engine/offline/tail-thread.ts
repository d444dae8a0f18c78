import { existsSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * The fast offline render's second thread (offline/pipeline.ts): its script, and the thread kept
 * between renders.
 */

/**
 * The script (pipeline-worker.ts and what it imports), as `new Worker` needs it: a plain
 * JavaScript module file.
 *
 * From dist/ (the esbuild bundle of cli.ts) it is dist/bridge/offline-worker.js, next to the
 * bundle, built by scripts/build.mjs. From sources (vitest, tsx) there is no such file beside this
 * one, so pipeline-worker.ts is bundled once per process with esbuild (a dev dependency) into the
 * temporary directory, and the file is removed at exit. Undefined when neither works (a bundle
 * shipped without the worker, no esbuild): the render then runs in one thread.
 */
let built: Promise<URL | undefined> | undefined;

export function pipelineWorkerScript(): Promise<URL | undefined> {
  const shipped = new URL('./offline-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(shipped))) return Promise.resolve(shipped);
  if (!import.meta.url.endsWith('.ts')) return Promise.resolve(undefined);
  built ??= bundleFromSources().catch(() => undefined);
  return built;
}

async function bundleFromSources(): Promise<URL> {
  const { build } = await import('esbuild');
  const out = join(tmpdir(), `detent-offline-worker-${process.pid}.mjs`);
  await build({
    entryPoints: [fileURLToPath(new URL('./pipeline-worker.ts', import.meta.url))],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  process.once('exit', () => {
    try {
      unlinkSync(out);
    } catch {
      // already gone
    }
  });
  return pathToFileURL(out);
}

/**
 * The thread between renders, parked (unref'd: it keeps no process alive). Reused, it starts at
 * once and with its code already compiled; a new thread takes tens of milliseconds to start, then
 * runs cold. A render finding it taken (renders at once) starts one of its own.
 */
let parked: { readonly worker: Worker; readonly script: string } | undefined;

/** A thread running `script`: the parked one if it runs that script, else a new one. May throw. */
export function takeWorker(script: URL): Worker {
  const reuse = parked?.script === script.href ? parked.worker : undefined;
  if (reuse !== undefined) parked = undefined;
  const w = reuse ?? spawn(script);
  w.ref();
  return w;
}

function spawn(script: URL): Worker {
  const w = new Worker(script);
  // A parked thread that fails is dropped (and its error not thrown at the process).
  const drop = (): void => {
    if (parked?.worker === w) parked = undefined;
  };
  w.on('error', drop);
  w.on('exit', drop);
  return w;
}

/** After a render: the thread is parked for the next one, or ended (failed, or one is parked). */
export function releaseWorker(w: Worker, script: URL, healthy: boolean): void {
  if (healthy && parked === undefined) {
    w.unref();
    parked = { worker: w, script: script.href };
  } else void w.terminate();
}
