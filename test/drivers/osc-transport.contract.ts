import { describe, expect, it } from 'vitest';
import { encodeFloatMessage } from '../../bridge/drivers/osc/codec.js';
import type { OscEndpoint, OscTransport } from '../../bridge/drivers/osc/interface.js';

/**
 * The contract every OSC transport keeps, run on the real UDP adapter and on the fake.
 * `inject` makes a datagram arrive at the transport from a peer, however that is done.
 */
export interface TransportHarness {
  make(): OscTransport;
  inject(t: OscTransport, bound: OscEndpoint, data: Uint8Array): Promise<OscEndpoint>;
  /** Sends from t to a listener and resolves with what arrived there. */
  roundTrip(t: OscTransport, data: Uint8Array): Promise<Uint8Array>;
}

export function transportContract(name: string, h: TransportHarness): void {
  describe(`OSC transport contract: ${name}`, () => {
    it('binds and reports its address', async () => {
      const t = h.make();
      const bound = await t.open();
      expect(bound.port).toBeGreaterThan(0);
      await t.close();
    });

    it('delivers incoming datagrams byte for byte with the peer', async () => {
      const t = h.make();
      const got: { data: Uint8Array; peer: OscEndpoint }[] = [];
      t.onPacket((data, peer) => got.push({ data: Uint8Array.from(data), peer }));
      const bound = await t.open();
      const msg = encodeFloatMessage('/detent/param/input.gain', -6);
      const peer = await h.inject(t, bound, msg);
      await until(() => got.length === 1);
      expect(got[0]?.data).toEqual(msg);
      expect(got[0]?.peer.port).toBe(peer.port);
      await t.close();
    });

    it('sends datagrams that arrive intact', async () => {
      const t = h.make();
      await t.open();
      const msg = encodeFloatMessage('/a', 0.25);
      expect(await h.roundTrip(t, msg)).toEqual(msg);
      await t.close();
    });

    it('rejects a send after close, and close twice is fine', async () => {
      const t = h.make();
      await t.open();
      await t.close();
      await t.close();
      await expect(t.send(encodeFloatMessage('/a', 1), { host: '127.0.0.1', port: 9 })).rejects.toThrow(/not open/);
    });

    it('rejects a send to a host that does not resolve', async () => {
      const t = h.make();
      await t.open();
      await expect(t.send(encodeFloatMessage('/a', 1), { host: 'unreachable.invalid', port: 9000 })).rejects.toThrow();
      await t.close();
    });
  });
}

export async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
