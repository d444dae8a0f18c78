import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffSampleRate } from '../../bridge/engine/source/header.js';
import { renderChainOffline } from '../../bridge/engine/webaudio/offline.js';
import { rmsDb, sine, wav16 } from './signal.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'detent-engine-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A FLAC stream header: "fLaC" and a STREAMINFO block with the given rate (the rest zero). */
function flacHeader(rate: number): Uint8Array {
  const b = new Uint8Array(8 + 34);
  b.set([0x66, 0x4c, 0x61, 0x43, 0x80, 0, 0, 34]);
  b[8 + 10] = (rate >> 12) & 0xff;
  b[8 + 11] = (rate >> 4) & 0xff;
  b[8 + 12] = (rate & 0x0f) << 4;
  return b;
}

describe('sample rate from the file header', () => {
  it.each([
    { name: 'WAV 44.1 kHz', bytes: wav16([new Float32Array(10)], 44100), rate: 44100 },
    { name: 'WAV 96 kHz stereo', bytes: wav16([new Float32Array(10), new Float32Array(10)], 96000), rate: 96000 },
    { name: 'FLAC 44.1 kHz', bytes: flacHeader(44100), rate: 44100 },
    { name: 'FLAC 88.2 kHz', bytes: flacHeader(88200), rate: 88200 },
    { name: 'MP3 (not sniffed)', bytes: Uint8Array.from([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0]), rate: undefined },
    { name: 'truncated WAV', bytes: wav16([new Float32Array(1)], 44100).subarray(0, 20), rate: undefined },
    { name: 'empty', bytes: new Uint8Array(0), rate: undefined },
  ])('$name', ({ bytes, rate }) => {
    expect(sniffSampleRate(bytes)).toBe(rate);
  });
});

describe('file source', () => {
  it('plays a WAV at its own rate, unchanged by the chain at its defaults', async () => {
    const tone = sine(441, 0.5, 44100, 44100);
    const path = join(dir, 'tone.wav');
    await writeFile(path, wav16([tone, tone], 44100));
    const out = await renderChainOffline({ source: { kind: 'file', path }, seconds: 0.5 });
    expect(out.sampleRate).toBe(44100);
    for (const ch of out.channels) expect(rmsDb(ch, 4410)).toBeCloseTo(rmsDb(tone), 2);
  });

  it('plays a mono file in both channels', async () => {
    const tone = sine(441, 0.5, 44100, 44100);
    const path = join(dir, 'mono.wav');
    await writeFile(path, wav16([tone], 44100));
    const out = await renderChainOffline({ source: { kind: 'file', path }, seconds: 0.5 });
    expect(out.channels.map((c) => rmsDb(c, 4410) - rmsDb(tone))).toEqual([expect.closeTo(0, 1), expect.closeTo(0, 1)]);
  });

  it('a missing file is an error naming the path', async () => {
    const path = join(dir, 'nope.wav');
    await expect(renderChainOffline({ source: { kind: 'file', path }, seconds: 0.1 })).rejects.toThrow(path);
  });

  it('an undecodable file is an error naming the path', async () => {
    const path = join(dir, 'junk.wav');
    await writeFile(path, 'this is not audio at all, just text');
    await expect(renderChainOffline({ source: { kind: 'file', path }, seconds: 0.1 })).rejects.toThrow(`cannot decode audio file ${path}`);
  });
});
