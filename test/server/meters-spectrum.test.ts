/** The 1/6-octave spectrum on the wire: `GET /api/meters`, `GET /api/meters/spectrum-bands` and `meters` over /ws. */
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoudnessFrame, MeterFrame } from '../../bridge/engine/interface.js';
import { bandEdges, SPECTRUM_CENTRES_HZ, SPECTRUM_NOMINAL_HZ } from '../../bridge/engine/meters/spectrum/bands.js';
import { buildServer } from '../../bridge/server/app.js';
import { fixture, type Fixture } from './fixtures.js';
import { TestClient } from './ws-client.js';

const LOUDNESS: LoudnessFrame = {
  momentary: -14.2,
  shortTerm: -14.9,
  integrated: -15.1,
  range: 5.5,
  maxMomentary: -12,
  maxShortTerm: -13,
  truePeakDb: [-1.2, -1.4],
  truePeakMaxDb: -0.9,
  correlation: 0.8,
  reductionDb: { dyneq: 0, comp: 1.5, limiter: 0.3 },
};

/** A full frame as the web audio engine emits it: loudness and 61 spectrum bands. */
const FRAME: MeterFrame = {
  t: 12.5,
  peakDb: [-3, -3.5],
  rmsDb: [-15, -15.5],
  loudness: LOUDNESS,
  spectrumDb: SPECTRUM_CENTRES_HZ.map((_, i) => Math.round((-30 - i * 0.5) * 100) / 100),
};

let fx: Fixture;
let app: FastifyInstance;

beforeEach(async () => {
  fx = fixture();
  app = await buildServer(fx.deps);
});
afterEach(async () => {
  await app.close();
});

describe('spectrum over HTTP', () => {
  it('GET /api/meters returns the frame with its spectrum unchanged (the response schema keeps the field)', async () => {
    fx.meters.emit(FRAME);
    const res = await app.inject('/api/meters');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(FRAME);
  });

  it('GET /api/meters without a spectrum (an engine that does not meter it) has no spectrumDb', async () => {
    const { spectrumDb: _, loudness: __, ...plain } = FRAME;
    fx.meters.emit(plain);
    expect((await app.inject('/api/meters')).json()).toEqual(plain);
  });

  it('GET /api/meters/spectrum-bands lists the 61 bands, with or without an engine', async () => {
    const res = await app.inject('/api/meters/spectrum-bands');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { bandsPerOctave: number; centresHz: number[]; nominalHz: number[]; edgesHz: [number, number][] };
    expect(body.bandsPerOctave).toBe(6);
    expect(body.centresHz).toEqual(SPECTRUM_CENTRES_HZ);
    expect(body.nominalHz).toEqual(SPECTRUM_NOMINAL_HZ);
    expect(body.edgesHz).toEqual(SPECTRUM_CENTRES_HZ.map((c) => [...bandEdges(c)]));
  });

  it('a frame with its spectrum stays small: under 1.2 kB of JSON', () => {
    const json = JSON.stringify({ type: 'meters', ...FRAME });
    expect(json.length).toBeLessThan(1200);
  });
});

describe('spectrum over /ws', () => {
  it('meters messages carry spectrumDb as the engine emitted it', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const c = await TestClient.connect(`ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/ws`);
    try {
      await c.until(() => c.of('hello').length === 1);
      fx.meters.emit(FRAME);
      await c.until(() => c.of('meters').length === 1);
      const m = c.of('meters')[0];
      expect(m?.spectrumDb).toEqual(FRAME.spectrumDb);
      expect(m?.loudness).toEqual(LOUDNESS);
    } finally {
      await c.close();
    }
  });
});
