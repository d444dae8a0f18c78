import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { encodeFloatMessage } from '../../bridge/drivers/osc/codec.js';
import { CHAIN_PARAMS } from '../../bridge/engine/chain/params.js';
import { createOscEngine } from '../../bridge/engine/osc-target/engine.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A free UDP port (bound, read, released). */
async function freePort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/**
 * One oscdump line, its time tag stripped: `/track/1/fx/1/fxparam/3/value f 0.500000` (liblo 0.31
 * prefixes each line with the bundle time tag, `eeb0cea8.8cf605aa `).
 */
const TIMETAG = /^[0-9a-f]+\.[0-9a-f]+ /;
const LINE = /^(\/\S+) f (-?[\d.]+)$/;

describe('OSC target against a real OSC listener (liblo oscdump)', () => {
  it('a burst of 1,000 applies arrives coalesced, ending on the final value', async () => {
    const port = await freePort();
    const dump = spawn('oscdump', ['-L', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let buf = '';
    dump.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop() ?? '';
      lines.push(...parts.map((l) => l.trim().replace(TIMETAG, '')));
    });
    const e = createOscEngine({ template: { kind: 'reaper', host: '127.0.0.1', port, track: 1, fx: 1 } });
    try {
      // Wait until oscdump is listening: probe until a probe shows up.
      const probe = createSocket('udp4');
      for (let i = 0; i < 100 && !lines.some((l) => l.startsWith('/probe')); i++) {
        probe.send(encodeFloatMessage('/probe', 1), port, '127.0.0.1');
        await sleep(20);
      }
      probe.close();
      expect(lines.some((l) => l.startsWith('/probe'))).toBe(true);

      await e.start();
      const ids = ['output.gain', 'eq.band2.gain', 'comp.threshold', 'stereo.width'];
      const final = new Map<string, number>();
      for (let i = 0; i < 1000; i++) {
        const id = ids[i % ids.length] ?? 'output.gain';
        const d = CHAIN_PARAMS.find((p) => p.id === id);
        if (d === undefined) throw new Error(id);
        const v = d.min + ((d.max - d.min) * ((i * 37) % 101)) / 100;
        e.apply(id, v);
        final.set(id, v);
        if (i % 100 === 99) await sleep(2); // a knob storm spread over a few ms, not one tick
      }
      const address = (id: string): string => `/track/1/fx/1/fxparam/${CHAIN_PARAMS.findIndex((d) => d.id === id) + 1}/value`;
      const lastOf = (id: string): number | undefined => {
        const hit = lines.filter((l) => l.startsWith(`${address(id)} `)).at(-1);
        const m = hit === undefined ? null : LINE.exec(hit);
        return m === null ? undefined : Number(m[2]);
      };
      for (let i = 0; i < 100 && ids.some((id) => lastOf(id) === undefined || Math.abs((lastOf(id) ?? 0) - norm(id, final.get(id) ?? 0)) > 1e-5); i++) await sleep(20);

      const received = lines.filter((l) => l.startsWith('/track/'));
      for (const l of received) expect(l).toMatch(LINE);
      expect(received.length).toBeGreaterThanOrEqual(ids.length);
      expect(received.length).toBeLessThan(100); // coalesced: at most one per parameter per flush
      for (const id of ids) expect(lastOf(id)).toBeCloseTo(norm(id, final.get(id) ?? 0), 5);
      expect(e.stats.coalesced).toBeGreaterThan(900);
    } finally {
      await e.close();
      dump.kill();
    }
  });
});

function norm(id: string, v: number): number {
  const d = CHAIN_PARAMS.find((p) => p.id === id);
  if (d === undefined) throw new Error(id);
  return d.scale === 'log' ? Math.log(v / d.min) / Math.log(d.max / d.min) : (v - d.min) / (d.max - d.min);
}
