import { describe, expect, it } from 'vitest';
import { descriptorProblems } from '../../bridge/core/param/descriptor.js';
import type { Engine, MeterFrame } from '../../bridge/engine/interface.js';

/**
 * The chain's parameter ids, in signal order: a contract other parts name (mappings, sessions,
 * dashboard). The first issue's sixteen ids are all still here.
 */
export const CHAIN_IDS = [
  'input.gain',
  'hpf.freq',
  'hpf.slope',
  'hpf.bypass',
  ...['low', 'band1', 'band2', 'band3', 'high'].flatMap((b) => [`eq.${b}.freq`, `eq.${b}.gain`, ...(b.startsWith('band') ? [`eq.${b}.q`] : []), `eq.${b}.mode`]),
  'eq.bypass',
  ...['freq', 'q', 'threshold', 'ratio', 'attack', 'release', 'bypass'].map((k) => `dyneq.${k}`),
  ...['threshold', 'ratio', 'attack', 'release', 'knee', 'makeup', 'sidechainHpf', 'mix', 'bypass'].map((k) => `comp.${k}`),
  'stereo.width',
  'stereo.monoBelow',
  'stereo.bypass',
  'output.gain',
  ...['ceiling', 'release', 'lookahead', 'bypass'].map((k) => `limiter.${k}`),
];

export interface ContractSubject {
  readonly name: string;
  make(): Engine;
  /** Makes the engine produce meter frames: a no-op for a real engine, emitMeters for a fake. */
  poke(engine: Engine): void;
  /** False for an engine with no audio path (an external OSC engine): it must emit no frames. */
  readonly meters?: boolean;
}

/** Resolves with the first frame that satisfies `ok`, or undefined after `ms` (a safety net). */
export function frameWhere(engine: Engine, ok: (f: MeterFrame) => boolean, ms = 5000): Promise<MeterFrame | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      off();
      resolve(undefined);
    }, ms);
    const off = engine.onMeters((f) => {
      if (!ok(f)) return;
      clearTimeout(timer);
      off();
      resolve(f);
    });
  });
}

/** Resolves with the first frame after `poke`, or undefined when none arrives within `ms`. */
export function nextFrame(engine: Engine, poke: () => void, ms = 3000): Promise<MeterFrame | undefined> {
  const frame = frameWhere(engine, () => true, ms);
  poke();
  return frame;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** What every Engine must do, whatever makes the sound. */
export function engineContract(s: ContractSubject): void {
  // One retry: node-web-audio-api 1.0.9 has been seen to stall starting a context with worklets
  // on a heavily loaded machine (see bridge/engine/chain/worklets.ts); a second failure is real.
  describe(`Engine contract: ${s.name}`, { retry: 1 }, () => {
    it('is stopped until started, then running', async () => {
      const e = s.make();
      expect(e.status().state).toBe('stopped');
      const st = await e.start();
      expect(st.state).toBe('running');
      expect(e.status()).toEqual(st);
      await e.close();
      expect(e.status().state).toBe('stopped');
    });

    it('describes the chain parameters with sane descriptors', () => {
      const e = s.make();
      expect(e.params.map((d) => d.id)).toEqual(CHAIN_IDS);
      for (const d of e.params) {
        expect(descriptorProblems(d)).toEqual([]);
        expect(d.name.length).toBeGreaterThan(0);
      }
      const gain = e.params.find((d) => d.id === 'eq.band2.gain');
      expect(gain).toMatchObject({ unit: 'dB', min: -12, max: 12, default: 0, scale: 'db', step: 0 });
      expect(e.params.find((d) => d.id === 'eq.band2.freq')).toMatchObject({ unit: 'Hz', scale: 'log', default: 1000 });
    });

    it('applies every parameter without throwing, before and after start', async () => {
      const e = s.make();
      e.apply('output.gain', -3);
      await e.start();
      for (const d of e.params) expect(() => e.apply(d.id, d.max)).not.toThrow();
      await e.close();
    });

    const metered = s.meters !== false;
    const itMetered = metered ? it : it.skip;

    if (!metered) {
      it('emits no meter frames (it does not meter)', async () => {
        const e = s.make();
        await e.start();
        const f = await nextFrame(e, () => s.poke(e), 150);
        await e.close();
        expect(f).toBeUndefined();
      });
    }

    itMetered('delivers meter frames while running, per channel, in dBFS', async () => {
      const e = s.make();
      await e.start();
      const f = await nextFrame(e, () => s.poke(e));
      await e.close();
      expect(f).toBeDefined();
      expect(f?.peakDb).toHaveLength(2);
      expect(f?.rmsDb).toHaveLength(2);
      for (const v of [...(f?.peakDb ?? []), ...(f?.rmsDb ?? [])]) {
        expect(v).toBeGreaterThanOrEqual(-120);
        expect(v).toBeLessThanOrEqual(0);
      }
    });

    itMetered('stops meter frames on close', async () => {
      const e = s.make();
      await e.start();
      await nextFrame(e, () => s.poke(e));
      await e.close();
      let after = 0;
      e.onMeters(() => after++);
      s.poke(e);
      await sleep(150); // several meter periods of the real engine
      expect(after).toBe(0);
    });

    itMetered('unsubscribing stops one listener only', async () => {
      const e = s.make();
      await e.start();
      let a = 0;
      const offA = e.onMeters(() => a++);
      offA();
      const f = await nextFrame(e, () => s.poke(e));
      await e.close();
      expect(f).toBeDefined();
      expect(a).toBe(0);
    });
  });
}
