/**
 * Fuzzing on the long budget: every target of test/fuzz/targets.ts (the very properties the test
 * suite runs on a short budget, with the same seeds) on at least a million cases each, counting
 * every failing case instead of stopping at the first. A failing case is named by its index i in
 * the run: `fc.assert(target.property(), { seed, path: String(i) })` replays it.
 *
 * Each run is split between worker threads (DETENT_FUZZ_WORKERS, default one a CPU up to 4): all
 * of them generate the whole seeded sequence and each checks every n-th case, so a run is one seed
 * and one sequence whatever the number of workers. `DETENT_FUZZ_CASES=<n>` runs n cases a target
 * instead (for a quick look); `DETENT_FUZZ_ONLY=<word,...>` only the targets whose id contains one
 * of the words. Progress goes to stderr.
 *
 * Standalone: node --import tsx -e "import('./bench/fuzz.ts').then(async m => console.log((await m.fuzzSection()).join('\n')))"
 */
import { availableParallelism, cpus } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import type { Share } from '../test/fuzz/harness.js';
import { allTargets, type FuzzTarget } from '../test/fuzz/targets.js';

interface Failure {
  readonly index: number;
  readonly message: string;
}

/** What one worker found in its share of one target's run. */
interface ShareResult {
  readonly failures: number;
  readonly first: readonly Failure[];
  readonly numRuns: number;
}

interface Job {
  readonly id: string;
  readonly cases: number;
}

/** Failing cases kept per target for the report (all are counted). */
const KEEP = 3;

function runShare(t: FuzzTarget, cases: number, share: Share | undefined): ShareResult {
  const first: Failure[] = [];
  let failures = 0;
  const property = t.counting((index, error) => {
    failures++;
    if (first.length < KEEP) first.push({ index, message: error instanceof Error ? error.message : String(error) });
  }, share);
  const details = fc.check(property, { seed: t.seed, numRuns: cases });
  // The counting property never fails; a failed run is the harness's own failure.
  if (details.failed) throw new Error(`fuzz run of ${t.id} stopped: ${String(details.errorInstance)}`);
  return { failures, first, numRuns: details.numRuns };
}

// ---------------------------------------------------------------------------------------------
// Worker side: this same module, started with workerData { fuzzShare }.

const shareOf = (isMainThread ? undefined : (workerData as { fuzzShare?: Share } | undefined)?.fuzzShare) ?? undefined;
if (shareOf !== undefined && parentPort !== null) {
  const port = parentPort;
  const targets = allTargets();
  port.on('message', (job: Job) => {
    void targets.then((ts) => {
      if (job.cases === 0) return port.postMessage({ failures: 0, first: [], numRuns: 0 }); // ready
      const t = ts.find((x) => x.id === job.id);
      if (t === undefined) throw new Error(`no fuzz target ${job.id}`);
      port.postMessage(runShare(t, job.cases, shareOf));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Main side

interface TargetRun {
  readonly target: FuzzTarget;
  readonly cases: number;
  readonly failures: number;
  readonly first: readonly Failure[];
  readonly seconds: number;
  readonly cpuSeconds: number;
}

type Runner = (t: FuzzTarget, cases: number) => Promise<ShareResult>;

/** n workers, each checking every n-th case of each run; the run's result merged. */
function workerPool(n: number): { ready: Promise<unknown>; run: Runner; close: () => Promise<void> } {
  // Workers run this TypeScript module too, so each registers the tsx loader the bench runs under first.
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); });`;
  const workers = Array.from({ length: n }, (_, index) => new Worker(boot, { eval: true, workerData: { fuzzShare: { index, of: n } } }));
  const ask = (w: Worker, job: Job): Promise<ShareResult> =>
    new Promise((resolve, reject) => {
      const done = (r: ShareResult): void => {
        w.off('error', reject);
        resolve(r);
      };
      w.once('message', done);
      w.once('error', reject);
      w.postMessage(job);
    });
  // Booted (loader, modules, the shipped files) before any run is timed.
  const ready = Promise.all(workers.map((w) => ask(w, { id: '', cases: 0 })));
  return {
    ready,
    run: async (t, cases) => {
      const parts = await Promise.all(workers.map((w) => ask(w, { id: t.id, cases })));
      const first = parts
        .flatMap((p) => p.first)
        .sort((a, b) => a.index - b.index)
        .slice(0, KEEP);
      return { failures: parts.reduce((s, p) => s + p.failures, 0), first, numRuns: parts[0]?.numRuns ?? 0 };
    },
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

const count = (n: number): string => n.toLocaleString('en');

function envNumber(name: string): number | undefined {
  const v = process.env[name];
  if (v === undefined || v === '') return undefined;
  const n = Math.floor(Number(v));
  if (!(n >= 1)) throw new Error(`${name} must be a positive number, got ${v}`);
  return n;
}

export async function fuzzSection(): Promise<string[]> {
  const budget = envNumber('DETENT_FUZZ_CASES');
  const workers = envNumber('DETENT_FUZZ_WORKERS') ?? Math.min(4, availableParallelism());
  const only = (process.env['DETENT_FUZZ_ONLY'] ?? '').split(',').filter((w) => w !== '');
  const targets = (await allTargets()).filter((t) => only.length === 0 || only.some((w) => t.id.includes(w)));

  const pool = workers > 1 ? workerPool(workers) : undefined;
  await pool?.ready;
  const run: Runner = pool?.run ?? ((t, cases) => Promise.resolve(runShare(t, cases, undefined)));
  const runs: TargetRun[] = [];
  try {
    for (const t of targets) {
      const cases = budget ?? t.longRuns;
      process.stderr.write(`fuzz ${t.id}: ${count(cases)} cases (seed ${t.seed}) ...`);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const r = await run(t, cases);
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const done: TargetRun = { target: t, cases: r.numRuns, failures: r.failures, first: r.first, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
      process.stderr.write(` ${seconds.toFixed(1)} s (${done.cpuSeconds.toFixed(1)} s CPU), ${r.failures} failures\n`);
      runs.push(done);
    }
  } finally {
    await pool?.close();
  }

  const lines: string[] = [];
  const say = (l: string): void => void lines.push(l);
  say('## Fuzzing');
  say('');
  say(
    `Seeded fast-check runs of every input the daemon takes (test/fuzz/targets.ts: the same properties and seeds as test/fuzz/*.test.ts, which run a few thousand cases each), on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${workers} worker${workers === 1 ? '' : 's'} sharing each run.` +
      ' Properties: nothing throws, no unhandled rejection, no parameter ever outside its range or NaN in the store, every rejected input reported (a bad frame at its byte offset, a problem at a path of the file, an error naming the address),' +
      ' decoding independent of how the bytes are chunked, and what each target adds (see test/fuzz/targets.ts).',
  );
  if (budget !== undefined) say(`Reduced budget: ${count(budget)} cases a target (DETENT_FUZZ_CASES).`);
  say('');
  say('| target | cases | seed | failures | cases/s |');
  say('|---|---|---|---|---|');
  for (const r of runs) say(`| ${r.target.id} | ${count(r.cases)} | ${r.target.seed} | ${r.failures} | ${count(Math.round(r.cases / r.seconds))} |`);
  say('');
  const wall = runs.reduce((s, r) => s + r.seconds, 0);
  const cpu = runs.reduce((s, r) => s + r.cpuSeconds, 0);
  say(`${count(runs.reduce((s, r) => s + r.cases, 0))} cases in ${wall.toFixed(0)} s (${cpu.toFixed(0)} s of CPU).`);
  const failed = runs.filter((r) => r.failures > 0);
  if (failed.length > 0) {
    say('');
    say('Failing cases (replay: `fc.assert(target.property(), { seed, path })`):');
    for (const r of failed) for (const f of r.first) say(`- ${r.target.id}, seed ${r.target.seed}, path "${f.index}": ${f.message.replace(/\s+/g, ' ').slice(0, 300)}`);
  }
  return lines;
}
