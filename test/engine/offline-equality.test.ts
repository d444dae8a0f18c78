import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OfflineAudioContext } from 'node-web-audio-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAIN_PARAMS } from '../../bridge/engine/chain/params.js';
import { loudnessReport, type LoudnessReport } from '../../bridge/engine/export/report.js';
import { programmeReport } from '../../bridge/engine/offline/loudness.js';
import { renderChain, renderChainFast } from '../../bridge/engine/offline/render.js';
import { SpecBiquad, specCoefs, type SpecBiquadType } from '../../bridge/engine/offline/spec-biquad.js';
import { demoLoop } from '../../bridge/engine/source/demo.js';
import type { SourceSpec } from '../../bridge/engine/source/source.js';
import { renderChainOffline, type OfflineRenderRequest } from '../../bridge/engine/webaudio/offline.js';
import { sine, wav16 } from './signal.js';

/**
 * The fast offline path (bridge/engine/offline/) against the OfflineAudioContext graph it replaces:
 * the same requests through both, compared sample by sample, and their loudness reports (the graph
 * output through LoudnessMeter's loudnessReport, the fast output through ProgrammeMeter).
 * Asserted bound: −90 dBFS of largest difference, 0.01 LU / dB between the reports. Measured (Linux
 * x64, node-web-audio-api 1.0.9): every case bit-identical, every report field identical; the log
 * lines give the figures per case. A difference that shows up later is most likely a coefficient
 * one ulp apart (V8's and Rust's libm cos, sin or pow), which moves an isolated float32 sample by
 * one LSB (around −190 dBFS).
 */

const RATE = 48000;
const BOUND_DBFS = -90;
const SECONDS = 2;

let dir = '';
let wavPath = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'detent-offline-eq-'));
  wavPath = join(dir, 'demo-44k1.wav');
  // A 16-bit WAV at 44.1 kHz (decoded by the library in both paths, at its own rate).
  await writeFile(wavPath, wav16(demoLoop(44100).map((c) => c.subarray(0, 3 * 44100)), 44100));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const demo: SourceSpec = { kind: 'demo' };
const pcm = (channels: Float32Array<ArrayBuffer>[]): SourceSpec => ({ kind: 'pcm', sampleRate: RATE, channels });
const loop = (): Float32Array<ArrayBuffer>[] => demoLoop(RATE).map((c) => c.slice(0, SECONDS * RATE));

/** A setting per row, covering every module, mode and bypass, on the demo unless a source is given. */
const CASES: readonly { name: string; values: [string, number][]; source?: () => SourceSpec; seconds?: number }[] = [
  { name: 'defaults (transparent but for the limiter)', values: [] },
  { name: 'hot into the limiter: +18 dB, ceiling -3, release 30 ms, lookahead 2 ms', values: [['input.gain', 18], ['limiter.ceiling', -3], ['limiter.release', 30], ['limiter.lookahead', 2]] },
  { name: 'high-pass 12 dB/oct at 150 Hz', values: [['hpf.bypass', 0], ['hpf.freq', 150], ['hpf.slope', 12]] },
  { name: 'high-pass 24 dB/oct at 80 Hz', values: [['hpf.bypass', 0], ['hpf.freq', 80], ['hpf.slope', 24]] },
  {
    name: 'EQ, every band in stereo',
    values: [
      ['eq.low.freq', 80], ['eq.low.gain', 3],
      ['eq.band1.freq', 250], ['eq.band1.gain', -4], ['eq.band1.q', 0.7],
      ['eq.band2.freq', 1200], ['eq.band2.gain', 6], ['eq.band2.q', 2.5],
      ['eq.band3.freq', 6000], ['eq.band3.gain', -6], ['eq.band3.q', 8],
      ['eq.high.freq', 12000], ['eq.high.gain', 4],
    ],
  },
  {
    name: 'EQ in mid and side modes',
    values: [
      ['eq.low.gain', 5], ['eq.low.mode', 1],
      ['eq.band1.gain', -6], ['eq.band1.mode', 2],
      ['eq.band2.gain', 4], ['eq.band2.mode', 1],
      ['eq.band3.gain', 7], ['eq.band3.mode', 2],
      ['eq.high.gain', -5], ['eq.high.mode', 2],
    ],
  },
  { name: 'dynamic EQ on the bass', values: [['input.gain', 6], ['dyneq.freq', 150], ['dyneq.q', 3], ['dyneq.threshold', -40], ['dyneq.ratio', 8], ['dyneq.attack', 5], ['dyneq.release', 200]] },
  { name: 'dynamic EQ de-essing', values: [['dyneq.freq', 7000], ['dyneq.q', 1], ['dyneq.threshold', -50], ['dyneq.ratio', 20], ['dyneq.attack', 0.1], ['dyneq.release', 10]] },
  {
    name: 'compressor, hard knee, make-up, side-chain HPF 200 Hz, mix 60 %',
    values: [['comp.threshold', -30], ['comp.ratio', 4], ['comp.attack', 5], ['comp.release', 100], ['comp.knee', 0], ['comp.makeup', 6], ['comp.sidechainHpf', 200], ['comp.mix', 60]],
  },
  { name: 'compressor, soft knee 24 dB, ratio 20, slow', values: [['comp.threshold', -40], ['comp.ratio', 20], ['comp.attack', 100], ['comp.release', 2000], ['comp.knee', 24]] },
  { name: 'width 180 %, mono below 200 Hz', values: [['stereo.width', 180], ['stereo.monoBelow', 200]] },
  { name: 'width 0 % (mono)', values: [['stereo.width', 0]] },
  { name: 'output gain -6 dB, limiter bypassed', values: [['output.gain', -6], ['limiter.bypass', 1]] },
  { name: 'every module bypassed', values: [['hpf.bypass', 1], ['eq.bypass', 1], ['dyneq.bypass', 1], ['comp.bypass', 1], ['stereo.bypass', 1], ['limiter.bypass', 1], ['eq.band2.gain', 12]] },
  {
    name: 'bypass crossfades part-way (0.3 … 0.7), input -6 dB',
    values: [['input.gain', -6], ['hpf.bypass', 0.3], ['eq.bypass', 0.7], ['eq.band1.gain', 9], ['dyneq.bypass', 0.5], ['dyneq.threshold', -40], ['comp.bypass', 0.3], ['comp.threshold', -30], ['stereo.bypass', 0.3], ['stereo.width', 0], ['limiter.bypass', 0.6]],
  },
  {
    name: 'every module in (8 s: loudness range and short-term)',
    seconds: 8,
    values: [
      ['input.gain', 3], ['hpf.bypass', 0], ['hpf.freq', 40], ['hpf.slope', 24],
      ['eq.low.gain', 2], ['eq.band2.gain', 3], ['eq.band2.mode', 1], ['eq.high.gain', 2], ['eq.high.mode', 2],
      ['dyneq.threshold', -35], ['dyneq.freq', 3000],
      ['comp.threshold', -24], ['comp.ratio', 3], ['comp.sidechainHpf', 100], ['comp.mix', 80], ['comp.makeup', 3],
      ['stereo.width', 130], ['stereo.monoBelow', 120],
      ['output.gain', 2], ['limiter.ceiling', -1], ['limiter.lookahead', 5],
    ],
  },
  { name: 'mono source (up-mixed to both sides), compressed', values: [['comp.threshold', -30]], source: () => pcm([loop()[0] as Float32Array<ArrayBuffer>]) },
  { name: 'quad source (down-mixed), side EQ', values: [['eq.band3.gain', 6], ['eq.band3.mode', 2]], source: () => pcm([...loop(), ...loop().reverse()]) },
  { name: '5.1 source (down-mixed), hot', values: [['input.gain', 6]], source: () => pcm([...loop(), ...loop(), ...loop()]) },
  { name: 'short source looped (0.3 s tone and noise in 2 s)', values: [['comp.threshold', -20], ['eq.band1.gain', 6]], source: () => pcm(shortLoop()) },
  { name: '44.1 kHz 16-bit WAV file', values: [['eq.band2.gain', 4], ['comp.threshold', -25]], source: () => ({ kind: 'file', path: wavPath }) },
];

/** 0.3 s: a 220 Hz tone left, seeded noise right (not a whole number of quanta, so the loop seam moves). */
function shortLoop(): Float32Array<ArrayBuffer>[] {
  const n = Math.round(0.3 * RATE) + 37;
  let s = 12345;
  const noise = new Float32Array(n).map(() => {
    s = (s * 1103515245 + 12345) >>> 0;
    return (s / 2 ** 32 - 0.5) * 0.6;
  });
  return [sine(220, 0.7, RATE, n), noise];
}

/** Largest |a − b| over both channels, dBFS (−Infinity when identical), and how many samples differ. */
function difference(a: readonly Float32Array[], b: readonly Float32Array[]): { dbfs: number; differing: number } {
  let max = 0;
  let differing = 0;
  for (let c = 0; c < 2; c++) {
    const x = a[c] ?? new Float32Array();
    const y = b[c] ?? new Float32Array();
    expect(y.length).toBe(x.length);
    for (let i = 0; i < x.length; i++) {
      const d = Math.abs((x[i] ?? 0) - (y[i] ?? 0));
      if (d > 0) differing++;
      if (d > max || Number.isNaN(d)) max = Number.isNaN(d) ? Infinity : d;
    }
  }
  return { dbfs: 20 * Math.log10(max), differing };
}

function expectReportsEqual(graph: LoudnessReport, fast: LoudnessReport): string {
  const lu = ['integrated', 'range', 'maxMomentary', 'maxShortTerm', 'truePeak', 'samplePeak'] as const;
  const deltas = lu.map((k) => {
    const [g, f] = [graph[k], fast[k]];
    expect(f === null, `${k}: graph ${g}, fast ${f}`).toBe(g === null);
    const d = g === null || f === null ? 0 : Math.abs(g - f);
    expect(d, `${k}: graph ${g}, fast ${f}`).toBeLessThanOrEqual(0.01);
    return `${k} Δ${d.toFixed(3)}`;
  });
  expect(fast.seconds).toBe(graph.seconds);
  expect(fast.channels).toBe(graph.channels);
  return deltas.join(', ');
}

describe('fast offline render equals the OfflineAudioContext graph', () => {
  it.each(CASES.map((c) => [c.name, c] as const))(
    '%s',
    async (_name, c) => {
      const req: OfflineRenderRequest = { source: c.source?.() ?? demo, seconds: c.seconds ?? SECONDS, values: new Map(c.values) };
      const graph = await renderChainOffline(req);
      const fast = await renderChainFast(req);
      expect(fast.sampleRate).toBe(graph.sampleRate);
      const { dbfs, differing } = difference(graph.channels, fast.channels);
      const gr = loudnessReport(graph.channels, graph.sampleRate);
      const fr = programmeReport(fast.channels, fast.sampleRate);
      const deltas = expectReportsEqual(gr, fr);
      console.log(`${c.name}: max difference ${Number.isFinite(dbfs) ? `${dbfs.toFixed(1)} dBFS` : 'none (bit-identical)'}, ${differing} of ${2 * (graph.channels[0]?.length ?? 0)} samples differ; I ${gr.integrated} LUFS, ${deltas}`);
      expect(dbfs).toBeLessThanOrEqual(BOUND_DBFS);
    },
    120_000,
  );

  it('the cases set every chain parameter away from its default at least once', () => {
    const moved = new Set(CASES.flatMap((c) => c.values.filter(([id, v]) => CHAIN_PARAMS.find((d) => d.id === id)?.default !== v).map(([id]) => id)));
    const missing = CHAIN_PARAMS.map((d) => d.id).filter((id) => !moved.has(id));
    expect(missing).toEqual([]);
  });

  it('renderChain takes the graph for timed changes and when asked, the fast path otherwise', async () => {
    const req: OfflineRenderRequest = { source: demo, seconds: 0.5, values: new Map([['comp.threshold', -30]]) };
    const changed: OfflineRenderRequest = { ...req, changes: [{ at: 0.2, id: 'output.gain', value: -6 }] };
    await expect(renderChainFast(changed)).rejects.toThrow(/timed changes/);
    const viaGraph = await renderChain(changed);
    expect(difference((await renderChainOffline(changed)).channels, viaGraph.channels).differing).toBe(0);
    expect(difference((await renderChain(req, 'graph')).channels, (await renderChain(req)).channels).dbfs).toBeLessThanOrEqual(BOUND_DBFS);
  }, 120_000);

  it('reports progress up to 1 and checks its source like the graph path', async () => {
    const seen: number[] = [];
    await renderChainFast({ source: demo, seconds: 3, onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    await expect(renderChainFast({ source: { kind: 'file', path: join(dir, 'missing.wav') }, seconds: 0.1 })).rejects.toThrow('missing.wav');
    await expect(renderChainFast({ source: pcm([new Float32Array(0)]), seconds: 0.1 })).rejects.toThrow('no audio');
  });
});

describe('spec biquad equals the native BiquadFilterNode', () => {
  const cases: [SpecBiquadType, number, number, number][] = [
    ['lowpass', 30, 0, 20 * Math.log10(0.5)],
    ['highpass', 10, 0, 20 * Math.log10(Math.SQRT1_2)],
    ['highpass', 150, 0, 20 * Math.log10(Math.SQRT1_2)],
    ['bandpass', 6000, 0, 2],
    ['peaking', 1200, 6, 2.5],
    ['peaking', 250, -4, 0.7],
    ['lowshelf', 80, 3, 1],
    ['highshelf', 12000, -5, 1],
    ['highshelf', 30000, 4, 1], // above Nyquist: clamped like the frequency AudioParam
  ];
  it.each(cases)('%s at %d Hz, %d dB, Q %d', async (type, freq, gain, q) => {
    const x = demoLoop(RATE)[0]?.slice(0, RATE) ?? new Float32Array();
    const ctx = new OfflineAudioContext({ numberOfChannels: 1, length: x.length, sampleRate: RATE });
    const buf = ctx.createBuffer(1, x.length, RATE);
    buf.copyToChannel(x, 0);
    const src = ctx.createBufferSource();
    src.buffer = buf;
    const node = ctx.createBiquadFilter();
    node.type = type;
    node.frequency.value = freq;
    node.gain.value = gain;
    node.Q.value = q;
    src.connect(node).connect(ctx.destination);
    src.start();
    const native = (await ctx.startRendering()).getChannelData(0);
    const ours = new Float32Array(x.length);
    new SpecBiquad(specCoefs(type, RATE, freq, gain, q)).process(x, ours, x.length);
    const { dbfs } = difference([native, native], [ours, ours]);
    console.log(`${type} ${freq} Hz ${gain} dB Q ${q.toFixed(3)}: max difference ${Number.isFinite(dbfs) ? `${dbfs.toFixed(1)} dBFS` : 'none'}`);
    expect(dbfs).toBeLessThanOrEqual(-140);
  });
});
