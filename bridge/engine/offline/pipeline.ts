import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { LoudnessReport } from '../export/report.js';
import { loadSource } from '../source/source.js';
import type { OfflineRenderRequest, RenderedAudio } from '../webaudio/offline.js';
import { FastChain } from './chain.js';
import { sourceChannels, StereoInput } from './input.js';
import { ProgrammeMeter, programmeReport } from './loudness.js';
import { renderChainFast } from './one-thread.js';
import { blockFrames, Ring } from './ring.js';
import type { TailInit, TailResult } from './tail.js';
import { pipelineWorkerScript, releaseWorker, takeWorker } from './tail-thread.js';

/**
 * The fast offline render with its loudness report, on two threads, so both cores work at once:
 * this one reads the source and runs the head of the chain, a worker (tail.ts) runs the rest of it
 * and writes the output, block by block through a ring of shared buffers (ring.ts); the output is
 * metered as it is written, by the thread that has the smaller share of the chain (splitPoint).
 * The samples and the report are renderChainFast's and programmeReport's (the same classes, each
 * stage in the same order on the same blocks; test/engine/offline-pipeline.test.ts).
 *
 * One thread does it all (renderChainFast, then programmeReport) when the machine has one core,
 * when there is no worker script (tail-thread.ts), or when the worker fails.
 */

export interface MeasuredRender {
  readonly audio: RenderedAudio;
  readonly report: LoudnessReport;
  /** Threads that computed it: 2 (the pipeline), or 1. */
  readonly threads: 1 | 2;
}

/** Frames per block: whole quanta, a few of them (the work buffers stay in cache). */
const BLOCK = 32 * 128;
/**
 * Blocks in the ring (2 MB): about 5.5 s of audio at 48 kHz, some 100 ms of either thread's work,
 * so that one thread held up (the worker starting, the other core busy for a while) does not stop
 * the other at once.
 */
const SLOTS = 64;
/** Audio between two yields to the event loop, frames (a render of an hour must not freeze a daemon). */
const YIELD_FRAMES = 1 << 16;
/** Progress reports: about one per second of audio. */
const PROGRESS_S = 1;
/**
 * CPU time per frame, in FastChain.costs' units, of reading the input (head), writing the output
 * (tail: the first touch of fresh memory, dear on a virtual machine) and metering it (either).
 */
const INPUT_COST = 0.05;
const OUTPUT_COST = 1;
const METER_COST = 1.2;

/** A worker that could not start or failed: the render is redone in one thread. */
class WorkerFailed extends Error {}

/** The ring of the last render that ended well, for the next (its pages are mapped already). */
let spareRing: Ring | undefined;

/**
 * renderChainFast and programmeReport of its output; timed changes are an error (see renderChain).
 * `script` replaces the worker's script (tests: one that fails).
 */
export async function renderFastMeasured(req: OfflineRenderRequest, script?: URL): Promise<MeasuredRender> {
  const worker = script ?? (availableParallelism() > 1 ? await pipelineWorkerScript() : undefined);
  if (worker !== undefined) {
    try {
      return await twoThreads(req, worker);
    } catch (e) {
      if (!(e instanceof WorkerFailed)) throw e;
    }
  }
  const audio = await renderChainFast(req);
  return { audio, report: programmeReport(audio.channels, audio.sampleRate), threads: 1 };
}

/** Where the chain is cut: the tail runs stages [split, end); the head meters when `headMeters`. */
export interface Split {
  readonly split: number;
  readonly headMeters: boolean;
}

/** The cut (and the meter's side) that gives the two threads the most even shares. */
export function splitPoint(costs: readonly number[]): Split {
  let best: Split = { split: costs.length, headMeters: false };
  let bestLoad = Infinity;
  for (let k = 0; k <= costs.length; k++) {
    const head = INPUT_COST + costs.slice(0, k).reduce((s, c) => s + c, 0);
    const tail = OUTPUT_COST + costs.slice(k).reduce((s, c) => s + c, 0);
    for (const headMeters of [false, true]) {
      const load = headMeters ? Math.max(head + METER_COST, tail) : Math.max(head, tail + METER_COST);
      if (load < bestLoad) {
        bestLoad = load;
        best = { split: k, headMeters };
      }
    }
  }
  return best;
}

async function twoThreads(req: OfflineRenderRequest, script: URL): Promise<MeasuredRender> {
  if ((req.changes?.length ?? 0) > 0) throw new RangeError('fast offline render: timed changes need the graph path (renderChain picks it)');
  // Taken first: a new thread boots while the source loads.
  let worker: Worker;
  try {
    worker = takeWorker(script);
  } catch (e) {
    throw new WorkerFailed(e instanceof Error ? e.message : String(e));
  }
  const ring = spareRing ?? Ring.create(SLOTS, BLOCK);
  spareRing = undefined;
  ring.reset();
  let failure: string | undefined;
  let settle: (result: TailResult) => void = () => {};
  const done = new Promise<TailResult>((resolve) => (settle = resolve));
  const onMessage = (result: TailResult): void => settle(result);
  const onFailure = (e: unknown): void => {
    failure ??= e instanceof Error ? e.message : `exited (${String(e)})`;
    ring.abort();
    settle({ completed: false });
  };
  worker.on('message', onMessage);
  worker.on('error', onFailure);
  worker.on('exit', onFailure);
  let healthy = false;
  try {
    const loaded = await loadSource(req.source);
    const sampleRate = req.sampleRate ?? loaded.sampleRate;
    const source = await sourceChannels(loaded, sampleRate);
    const length = Math.round(req.seconds * sampleRate);
    const values = req.values ?? new Map<string, number>();
    const chain = new FastChain(sampleRate, values);
    const { split, headMeters } = splitPoint(chain.costs);
    const out = [new SharedArrayBuffer(length * 4), new SharedArrayBuffer(length * 4)] as const;
    const init: TailInit = { sampleRate, values: [...values], split, length, ring: ring.buffer, slots: SLOTS, block: BLOCK, out, meter: !headMeters };
    worker.postMessage(init);
    const channels = [new Float32Array(out[0]), new Float32Array(out[1])] as const;
    const meter = headMeters ? new ProgrammeMeter(sampleRate, 2) : undefined;
    let metered = 0;
    /** Meters the output written so far (the head's share of the meter), a block at a time (small scratch). */
    const meterWritten = (): void => {
      const upTo = ring.writtenFrames;
      if (meter === undefined) return;
      for (; metered < upTo; metered = Math.min(upTo, metered + BLOCK)) meter.process(channels, metered, Math.min(upTo, metered + BLOCK));
    };
    const total = length + chain.latencyFrames;
    const input = new StereoInput(source);
    const l = new Float32Array(BLOCK);
    const r = new Float32Array(BLOCK);
    const progressEvery = Math.max(BLOCK, Math.round(PROGRESS_S * sampleRate));
    let nextProgress = progressEvery;
    let nextYield = YIELD_FRAMES;
    for (let b = 0, at = 0; at < total; b++, at += BLOCK) {
      const n = blockFrames(at, total, BLOCK);
      input.read(l, r, n);
      chain.process(l, r, n, 0, split);
      meterWritten();
      if (!(await ring.room(b))) throw new WorkerFailed(failure ?? 'aborted');
      ring.channel(b, 0).set(l.subarray(0, n));
      ring.channel(b, 1).set(r.subarray(0, n));
      ring.produced(b);
      if (at + n >= nextProgress) {
        nextProgress += progressEvery;
        req.onProgress?.(Math.min(1, (at + n) / total));
      }
      if (at + n >= nextYield) {
        nextYield += YIELD_FRAMES;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    if (meter !== undefined) {
      while (metered < length) {
        if (!(await ring.more(metered))) throw new WorkerFailed(failure ?? 'aborted');
        meterWritten();
      }
    }
    const result = await done;
    const report = meter === undefined ? result.report : { ...meter.report(2), seconds: length / sampleRate };
    if (!result.completed || report === undefined) throw new WorkerFailed(failure ?? 'aborted');
    healthy = true;
    req.onProgress?.(1);
    return { audio: { sampleRate, channels }, report, threads: 2 };
  } finally {
    // An unfinished render: the tail returns (its result is for no one) and the thread is ended.
    if (!healthy) ring.abort();
    worker.off('message', onMessage);
    worker.off('error', onFailure);
    worker.off('exit', onFailure);
    releaseWorker(worker, script, healthy);
    // A ring a failed tail may still touch is left to the garbage collector.
    if (healthy) spareRing = ring;
  }
}
