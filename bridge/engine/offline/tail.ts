import type { ParamId } from '../../core/param/descriptor.js';
import type { LoudnessReport } from '../export/report.js';
import { FastChain } from './chain.js';
import { ProgrammeMeter } from './loudness.js';
import { blockFrames, Ring } from './ring.js';

/**
 * The second thread of a fast offline render (offline/pipeline.ts): stages [split, end) of the
 * chain on the blocks the head leaves in the ring, the latency-compensated output written into the
 * shared output arrays (the ring's WRITTEN counter says how far), and, when asked, the output's
 * loudness report (ProgrammeMeter), computed while the head renders the next blocks. Its FastChain
 * is built from the same rate and values as the head's, so the two parts are the one chain
 * renderChainFast runs (the same samples).
 */

/** What the head sends the tail's thread (structured-cloned: the buffers are shared, not copied). */
export interface TailInit {
  readonly sampleRate: number;
  readonly values: readonly (readonly [ParamId, number])[];
  /** The first stage the tail runs (FastChain.process's `from`). */
  readonly split: number;
  /** Output frames (the render's length; the chain's first latencyFrames frames are dropped). */
  readonly length: number;
  readonly ring: SharedArrayBuffer;
  readonly slots: number;
  readonly block: number;
  /** The output channels, `length` float32 frames each. */
  readonly out: readonly [SharedArrayBuffer, SharedArrayBuffer];
  /** Whether the tail meters the output (else the head does, as the WRITTEN counter moves). */
  readonly meter: boolean;
}

/** What the tail's thread sends back: whether it rendered to the end, and its report if it metered. */
export interface TailResult {
  readonly completed: boolean;
  readonly report?: LoudnessReport;
}

/** Runs the tail over the whole render (not completed when the head aborted). */
export function runTail(init: TailInit): TailResult {
  const chain = new FastChain(init.sampleRate, new Map(init.values));
  const ring = new Ring(init.ring, init.slots, init.block);
  const out = [new Float32Array(init.out[0]), new Float32Array(init.out[1])] as const;
  const meter = init.meter ? new ProgrammeMeter(init.sampleRate, 2) : undefined;
  const skip = chain.latencyFrames;
  const total = init.length + skip;
  const l = new Float32Array(init.block);
  const r = new Float32Array(init.block);
  for (let b = 0, at = 0; at < total; b++, at += init.block) {
    const n = blockFrames(at, total, init.block);
    if (!ring.ready(b)) return { completed: false };
    l.set(ring.channel(b, 0).subarray(0, n));
    r.set(ring.channel(b, 1).subarray(0, n));
    ring.consumed(b);
    chain.process(l, r, n, init.split);
    // Output frame at − skip + i is the response to input frame at − skip + i.
    const from = Math.max(0, skip - at);
    const to = Math.min(n, total - at);
    if (from < to) {
      out[0].set(l.subarray(from, to), at + from - skip);
      out[1].set(r.subarray(from, to), at + from - skip);
      meter?.process(out, at + from - skip, at + to - skip);
      ring.written(at + to - skip);
    }
  }
  if (meter === undefined) return { completed: true };
  return { completed: true, report: { ...meter.report(2), seconds: init.length / init.sampleRate } };
}
