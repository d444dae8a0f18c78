import { describe, expect, it } from 'vitest';
import type { LoudnessReport } from '../../bridge/engine/export/report.js';
import { FastChain } from '../../bridge/engine/offline/chain.js';
import { programmeReport } from '../../bridge/engine/offline/loudness.js';
import { renderFastMeasured, splitPoint } from '../../bridge/engine/offline/pipeline.js';
import { renderChainFast, renderMeasured } from '../../bridge/engine/offline/render.js';
import { blockFrames, Ring } from '../../bridge/engine/offline/ring.js';
import { pipelineWorkerScript } from '../../bridge/engine/offline/tail-thread.js';
import { demoLoop } from '../../bridge/engine/source/demo.js';
import type { SourceSpec } from '../../bridge/engine/source/source.js';
import type { OfflineRenderRequest, RenderedAudio } from '../../bridge/engine/webaudio/offline.js';

/**
 * The fast render on two threads (offline/pipeline.ts: the head of the chain here, the rest and the
 * loudness meter in a worker) against the same render in one thread (renderChainFast, then
 * programmeReport), which offline-equality.test.ts proves equal to the graph: every sample and
 * every report field must be identical, whatever the split, the length (not a whole number of
 * blocks) and the source. A worker that fails must leave a correct render (the one-thread path).
 */

const RATE = 48000;

/** Samples that differ between two renders (Object.is: NaN and the sign of zero count). */
function differing(a: RenderedAudio, b: RenderedAudio): number {
  let n = 0;
  for (let c = 0; c < 2; c++) {
    const x = a.channels[c] ?? new Float32Array();
    const y = b.channels[c] ?? new Float32Array();
    if (x.length !== y.length) return Infinity;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) n++;
  }
  return n;
}

async function oneThread(req: OfflineRenderRequest): Promise<{ audio: RenderedAudio; report: LoudnessReport }> {
  const audio = await renderChainFast(req);
  return { audio, report: programmeReport(audio.channels, audio.sampleRate) };
}

const loop = (seconds: number): Float32Array<ArrayBuffer>[] => demoLoop(RATE).map((c) => c.slice(0, Math.round(seconds * RATE)));
const pcm = (channels: Float32Array<ArrayBuffer>[]): SourceSpec => ({ kind: 'pcm', sampleRate: RATE, channels });

const CASES: readonly { name: string; values: [string, number][]; seconds: number; source?: () => SourceSpec }[] = [
  { name: 'the bench settings, 7.3 s', values: [['eq.band2.gain', 2], ['comp.threshold', -20], ['dyneq.threshold', -30]], seconds: 7.3 },
  { name: 'hot into the limiter, mid/side EQ, width', values: [['input.gain', 12], ['eq.band1.gain', 6], ['eq.band1.mode', 1], ['eq.high.gain', -4], ['eq.high.mode', 2], ['stereo.width', 150], ['limiter.ceiling', -2]], seconds: 3.01 },
  { name: 'limiter bypassed (no latency), compressor off', values: [['limiter.bypass', 1], ['comp.bypass', 1], ['hpf.bypass', 0], ['hpf.slope', 24]], seconds: 2.5 },
  { name: 'every module bypassed', values: [['hpf.bypass', 1], ['eq.bypass', 1], ['dyneq.bypass', 1], ['comp.bypass', 1], ['stereo.bypass', 1], ['limiter.bypass', 1]], seconds: 1.2 },
  { name: 'a short mono source looped, crossfaded bypasses', values: [['eq.bypass', 0.5], ['comp.bypass', 0.4], ['comp.threshold', -30], ['limiter.bypass', 0.3]], seconds: 4, source: () => pcm([loop(0.37)[0] as Float32Array<ArrayBuffer>]) },
  { name: 'EQ bypassed (the tail meters)', values: [['eq.bypass', 1], ['comp.threshold', -30], ['dyneq.threshold', -40]], seconds: 3.3 },
  { name: 'shorter than one block', values: [['comp.threshold', -25]], seconds: 0.05 },
];

describe('fast render on two threads equals the one-thread render', () => {
  it('has a worker script from sources (esbuild bundles it)', async () => {
    expect(await pipelineWorkerScript()).toBeInstanceOf(URL);
  }, 60_000);

  it('the cases meter on either side', () => {
    const sides = new Set(CASES.map((c) => splitPoint(new FastChain(RATE, new Map(c.values)).costs).headMeters));
    expect(sides).toEqual(new Set([true, false]));
  });

  it.each(CASES.map((c) => [c.name, c] as const))(
    '%s',
    async (_name, c) => {
      const req: OfflineRenderRequest = { source: c.source?.() ?? { kind: 'demo' }, seconds: c.seconds, values: new Map(c.values) };
      const seen: number[] = [];
      const two = await renderMeasured({ ...req, onProgress: (f) => seen.push(f) });
      const one = await oneThread(req);
      expect(two.threads).toBe(2);
      expect(differing(two.audio, one.audio)).toBe(0);
      expect(two.report).toEqual(one.report);
      expect(seen.at(-1)).toBe(1);
      expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    },
    60_000,
  );

  it('renders in one thread, with the same result, when the worker fails', async () => {
    const req: OfflineRenderRequest = { source: { kind: 'demo' }, seconds: 1.5, values: new Map([['comp.threshold', -30]]) };
    const one = await oneThread(req);
    // A script that throws as it starts, and one that throws on its first message.
    const failing = [
      new URL('data:text/javascript,throw new Error("no worker today")'),
      new URL('data:text/javascript,import { parentPort } from "node:worker_threads"; parentPort.on("message", () => { throw new Error("no tail today"); });'),
    ];
    for (const script of failing) {
      const r = await renderFastMeasured(req, script);
      expect(r.threads).toBe(1);
      expect(differing(r.audio, one.audio)).toBe(0);
      expect(r.report).toEqual(one.report);
    }
    // The parked worker is still good afterwards.
    expect((await renderMeasured(req)).threads).toBe(2);
  }, 60_000);

  it('passes on errors that are not the worker’s (a missing file)', async () => {
    await expect(renderMeasured({ source: { kind: 'file', path: '/nonexistent/detent.wav' }, seconds: 0.1 })).rejects.toThrow('detent.wav');
  });

  it('runs renders at once, each with its own tail', async () => {
    const reqs = [-20, -30, -40].map((t): OfflineRenderRequest => ({ source: { kind: 'demo' }, seconds: 2, values: new Map([['comp.threshold', t]]) }));
    const both = await Promise.all(reqs.map((r) => renderMeasured(r)));
    for (const [k, r] of both.entries()) {
      const one = await oneThread(reqs[k] as OfflineRenderRequest);
      expect(differing(r.audio, one.audio)).toBe(0);
      expect(r.report).toEqual(one.report);
    }
  }, 60_000);
});

describe('pipeline parts', () => {
  it('splits the chain where the two threads get the most even shares', () => {
    // The bench chain (EQ, dynamic EQ, compressor, width, limiter): the tail from the compressor
    // on, the head metering.
    expect(splitPoint(new FastChain(RATE, new Map([['comp.threshold', -20]])).costs)).toEqual({ split: 2, headMeters: true });
    // Little to do: the tail writes (dear on fresh memory), the head meters.
    expect(splitPoint([])).toEqual({ split: 0, headMeters: true });
    // One heavy stage: in the head, the tail metering.
    expect(splitPoint([10])).toEqual({ split: 1, headMeters: false });
    expect(splitPoint([0.1, 0.1]).headMeters).toBe(true);
  });

  it('cuts a render into whole quanta, the last one past the end', () => {
    expect(blockFrames(0, 10000, 4096)).toBe(4096);
    expect(blockFrames(8192, 10000, 4096)).toBe(1920);
    expect(blockFrames(9984, 10000, 4096)).toBe(128);
  });

  it('ring: room while slots are free, ready once produced, both give up when aborted', async () => {
    const ring = Ring.create(2, 128);
    expect(await ring.room(0)).toBe(true);
    expect(await ring.room(1)).toBe(true);
    ring.channel(0, 0)[5] = 0.25;
    ring.produced(0);
    expect(ring.ready(0)).toBe(true);
    expect(new Ring(ring.buffer, 2, 128).channel(2, 0)[5]).toBe(0.25); // block 2 reuses slot 0
    const waiting = ring.room(2);
    ring.consumed(0);
    expect(await waiting).toBe(true);
    const blocked = ring.room(4);
    ring.abort();
    expect(await blocked).toBe(false);
    expect(ring.ready(5)).toBe(false);
  });
});
