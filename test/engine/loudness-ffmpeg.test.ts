import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../bridge/engine/export/wav.js';
import { LoudnessMeter } from '../../bridge/engine/meters/loudness/meter.js';
import { demoLoop } from '../../bridge/engine/source/demo.js';
import { RATE, TECH_3341, TECH_3342 } from './ebu-cases.js';
import { ffmpegLoudness, haveFfmpeg } from './ffmpeg.js';

/** Music-like material: the demo loop through 8 s sections at these gains (dB), for a real range. */
function music(gains: readonly number[], drive = 1): Float32Array<ArrayBuffer>[] {
  const [l, r] = demoLoop(RATE);
  const n = l.length;
  const out = [new Float32Array(n * gains.length), new Float32Array(n * gains.length)];
  gains.forEach((g, s) => {
    const k = drive * 10 ** (g / 20);
    for (let i = 0; i < n; i++) {
      // tanh: a hot, saturated master with inter-sample peaks above its sample peaks.
      (out[0] as Float32Array)[s * n + i] = Math.tanh((l[i] ?? 0) * k);
      (out[1] as Float32Array)[s * n + i] = Math.tanh((r[i] ?? 0) * k);
    }
  });
  return out;
}

const CASES = [
  ...TECH_3341.filter((c) => !c.name.includes('#6') && !c.name.includes('#4')),
  ...TECH_3342,
  { name: 'music: demo loop at 0 / -10 / -4 / -16 / -2 dB', channels: music([0, -10, -4, -16, -2]), expect: {} },
  { name: 'music: hot saturated master (+14 dB into tanh)', channels: music([0, 0, -3], 5), expect: {} },
];

const ok = await haveFfmpeg();
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'detent-loudness-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!ok)('meters agree with ffmpeg ebur128 (I ±0.05 LU, TP ±0.2 dB, LRA ±0.5 LU)', () => {
  it.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', async (_n, c, i) => {
    const path = join(dir, `case-${i}.wav`);
    await writeFile(path, encodeWav(c.channels, RATE, 'float32'));
    const ff = ffmpegLoudness(path);
    const meter = new LoudnessMeter(RATE, c.channels.length);
    meter.process(c.channels);
    const r = meter.read();
    const f = await ff;
    const tp = r.truePeakMaxDb;
    console.log(
      `${c.name}: I ${r.integrated.toFixed(3)} vs ${f.integrated.toFixed(3)} (Δ ${(r.integrated - f.integrated).toFixed(3)}), ` +
        `TP ${tp.toFixed(3)} vs ${f.truePeak.toFixed(3)} (Δ ${(tp - f.truePeak).toFixed(3)}), LRA ${r.range.toFixed(2)} vs ${f.range.toFixed(2)}`,
    );
    expect(Math.abs(r.integrated - f.integrated)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(tp - f.truePeak)).toBeLessThanOrEqual(0.2);
    expect(Math.abs(r.range - f.range)).toBeLessThanOrEqual(0.5);
  });
});
