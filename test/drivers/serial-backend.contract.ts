import { afterEach, describe, expect, it } from 'vitest';
import type { SerialBackend, SerialOpenOptions } from '../../bridge/drivers/serial/interface.js';

/**
 * The contract every serial backend keeps, run on the fake and on the real adapter over socat
 * PTYs. The harness makes a port exist and plays the device: it sends bytes, reads what was
 * written, and unplugs the port for real (the real harness kills socat).
 */
export interface SerialHarness {
  make(): Promise<{
    backend: SerialBackend;
    path: string;
    deviceSends(bytes: Uint8Array): Promise<void>;
    deviceReceived(): Promise<Uint8Array>;
    unplug(): Promise<void>;
    cleanup(): Promise<void>;
  }>;
}

export const OPTIONS: SerialOpenOptions = { baudRate: 115200, dataBits: 8, parity: 'none', stopBits: 1, dtr: true };

export function serialBackendContract(name: string, h: SerialHarness): void {
  describe(`serial backend contract: ${name}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const c of cleanups.splice(0)) await c();
    });
    const make = async () => {
      const r = await h.make();
      cleanups.push(r.cleanup);
      return r;
    };
    const noEvents = { data: () => {}, lost: () => {} };

    it('lists a configured port that exists, and not one that does not', async () => {
      const { backend, path } = await make();
      const list = await backend.list([path, '/dev/detent-no-such-port']);
      expect(list.ports.map((p) => p.path)).toContain(path);
      expect(list.ports.map((p) => p.path)).not.toContain('/dev/detent-no-such-port');
    });

    it('answers an error, never throws, for a port that does not exist', async () => {
      const { backend } = await make();
      const r = await backend.open('/dev/detent-no-such-port', OPTIONS, noEvents);
      expect(r.ok ? 'opened' : r.error).toMatch(/no such port/);
    });

    it('delivers the bytes the device sends, in order, whatever the chunking', async () => {
      const { backend, path, deviceSends } = await make();
      const got: number[] = [];
      const link = await backend.open(path, OPTIONS, { data: (b) => got.push(...b), lost: () => {} });
      expect(link.ok).toBe(true);
      const sent = Array.from({ length: 300 }, (_, i) => (i * 37) % 256);
      await deviceSends(new Uint8Array(sent.slice(0, 100)));
      await deviceSends(new Uint8Array(sent.slice(100)));
      await until(() => got.length >= sent.length);
      expect(got).toEqual(sent);
      if (link.ok) await link.value.close();
    });

    it('writes bytes to the device', async () => {
      const { backend, path, deviceReceived } = await make();
      const link = await backend.open(path, OPTIONS, noEvents);
      if (!link.ok) throw new Error(link.error);
      link.value.write(new Uint8Array([0xc0, 0x01, 0x10, 0xc0]));
      expect([...(await deviceReceived())]).toEqual([0xc0, 0x01, 0x10, 0xc0]);
      await link.value.close();
    });

    it('says a port is lost, unplugged, when the device goes away, and only once', async () => {
      const { backend, path, unplug } = await make();
      const lost: [string, boolean][] = [];
      const link = await backend.open(path, OPTIONS, { data: () => {}, lost: (r, u) => lost.push([r, u]) });
      expect(link.ok).toBe(true);
      await unplug();
      await until(() => lost.length > 0);
      await new Promise((r) => setTimeout(r, 100));
      expect(lost).toHaveLength(1);
      expect(lost[0]?.[1]).toBe(true);
      if (link.ok) await link.value.close();
    });

    it('does not call lost for its own close', async () => {
      const { backend, path } = await make();
      let lost = 0;
      const link = await backend.open(path, OPTIONS, { data: () => {}, lost: () => lost++ });
      if (!link.ok) throw new Error(link.error);
      await link.value.close();
      await new Promise((r) => setTimeout(r, 100));
      expect(lost).toBe(0);
    });
  });
}

export async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}
