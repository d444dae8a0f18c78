import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { measureCommand } from '../../bridge/commands/measure.js';
import { parseRenderArgs, renderCommand } from '../../bridge/commands/render.js';
import type { LoudnessReport } from '../../bridge/engine/export/report.js';
import { encodeWav } from '../../bridge/engine/export/wav.js';
import { demoLoop } from '../../bridge/engine/source/demo.js';
import { ffmpegLoudness, haveFfmpeg } from './ffmpeg.js';

const RATE = 48000;
let dir = '';
let hotPath = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'detent-render-'));
  hotPath = join(dir, 'hot.wav');
  // 8 s of the demo loop 14 dB hot (sample peaks at +8 dBFS, float WAV keeps them).
  const hot = demoLoop(RATE).map((c) => c.map((x) => x * 10 ** (14 / 20)));
  await writeFile(hotPath, encodeWav(hot, RATE, 'float32'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs a command, capturing what it writes to stdout. */
async function capture(run: () => Promise<number>): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  try {
    return { code: await run(), out };
  } finally {
    spy.mockRestore();
  }
}

describe('detent render and detent measure', () => {
  it('parses arguments and rejects bad ones with the reason', () => {
    expect(parseRenderArgs(['a.wav', 'b.wav', '--set', 'comp.ratio=4', '--bits', '16'])).toMatchObject({ input: 'a.wav', output: 'b.wav', format: 'pcm16' });
    expect(parseRenderArgs(['a.wav'])).toContain('usage');
    expect(parseRenderArgs(['a', 'b', '--set', 'comp.nope=1'])).toContain('unknown parameter comp.nope');
    expect(parseRenderArgs(['a', 'b', '--set', 'comp.ratio=400'])).toContain('outside 1..20');
    expect(parseRenderArgs(['a.wav', 'b.wav'])).toMatchObject({ engine: 'fast' });
    expect(parseRenderArgs(['a.wav', 'b.wav', '--engine', 'graph'])).toMatchObject({ engine: 'graph' });
    expect(parseRenderArgs(['a.wav', 'b.wav', '--engine', 'gpu'])).toContain('--engine takes fast or graph');
  });

  it('renders the same file with the fast engine (default) and the graph engine (--engine graph)', async () => {
    const args = (out: string): string[] => [hotPath, out, '--set', 'comp.threshold=-30', '--set', 'eq.band2.gain=4', '--set', 'stereo.width=150', '--bits', '32'];
    const [fastOut, graphOut] = [join(dir, 'fast.wav'), join(dir, 'graph.wav')];
    const fast = await capture(() => renderCommand(args(fastOut)));
    const graph = await capture(() => renderCommand([...args(graphOut), '--engine', 'graph']));
    expect([fast.code, graph.code]).toEqual([0, 0]);
    console.log(`fast: ${fast.out.split('\n')[0]}\ngraph: ${graph.out.split('\n')[0]}`);
    expect(fast.out).toContain('fast engine');
    expect(graph.out).toContain('graph engine');
    // The printed reports (everything after the timing line) are the same.
    expect(fast.out.split('\n').slice(1)).toEqual(graph.out.split('\n').slice(1));
    const [a, b] = [await readFile(fastOut), await readFile(graphOut)];
    expect(a.length).toBe(b.length);
    const fa = new Float32Array(a.buffer.slice(a.byteOffset + 44, a.byteOffset + a.length));
    const fb = new Float32Array(b.buffer.slice(b.byteOffset + 44, b.byteOffset + b.length));
    let max = 0;
    for (let i = 0; i < fa.length; i++) max = Math.max(max, Math.abs((fa[i] ?? 0) - (fb[i] ?? 0)));
    expect(max).toBeLessThanOrEqual(10 ** (-90 / 20));
  }, 120_000);

  it('renders hot material through the limiter: the 24-bit file never exceeds the ceiling in true peak (meter and ffmpeg)', async () => {
    const out = join(dir, 'out.wav');
    const r = await capture(() => renderCommand([hotPath, out, '--set', 'limiter.ceiling=-1', '--bits', '24']));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/True peak\s+-1\.\d dBTP/);
    const m = await capture(() => measureCommand([out]));
    expect(m.code).toBe(0);
    const report = JSON.parse(m.out) as LoudnessReport;
    console.log(`rendered: ${r.out.split('\n')[0]}; measured ${JSON.stringify(report)}`);
    expect(report.truePeak).not.toBeNull();
    expect(report.truePeak ?? 0).toBeLessThanOrEqual(-1);
    expect(report.seconds).toBeCloseTo(8, 3);
    if (await haveFfmpeg()) {
      const ff = await ffmpegLoudness(out);
      console.log(`ffmpeg on the render: I ${ff.integrated} LUFS, TP ${ff.truePeak.toFixed(3)} dBTP`);
      expect(ff.truePeak).toBeLessThanOrEqual(-1);
      expect(Math.abs(ff.integrated - (report.integrated ?? 0))).toBeLessThanOrEqual(0.05);
    }
    const bytes = await readFile(out);
    expect(bytes.readUInt16LE(34)).toBe(24);
  });

  it('measure fails with the path on a missing file, and with usage on no file', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await measureCommand([join(dir, 'nope.wav')])).toBe(1);
    expect(await measureCommand([])).toBe(2);
    err.mockRestore();
  });
});
