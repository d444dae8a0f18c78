import type { Clock } from '../../core/clock.js';
import { DeviceState } from '../../core/devices.js';
import type { OscInput } from '../../core/routing/osc-input.js';
import { decodePacket } from './codec.js';
import { endpointLabel, type OscEndpoint, type OscTransport } from './interface.js';

/** Counters an OSC input keeps, as `/api/devices` shows them. */
export const OSC_IN_COUNTERS = ['packets', 'messages', 'malformed', 'refused', 'applied', 'filtered', 'mode', 'rejected', 'unmapped'] as const;

export interface OscInputOptions {
  readonly clock: Clock;
  readonly onInput: (input: OscInput) => void;
  readonly debug: (msg: string) => void;
  /** Whether a sender (its address) may send at all (osc.allow); absent: everyone. */
  readonly allow?: (host: string) => boolean;
}

/**
 * Receives datagrams, decodes them and hands each message on as a RawInput. A malformed datagram
 * is counted, logged at debug with the peer and its first bytes, and dropped: it never throws.
 */
export class OscInputDriver {
  readonly device = new DeviceState('osc', 'osc-in', 'OSC input', 'udp (not bound)', OSC_IN_COUNTERS);

  constructor(
    private readonly transport: OscTransport,
    private readonly opts: OscInputOptions,
  ) {
    transport.onPacket((data, peer) => this.receive(data, peer));
  }

  async open(): Promise<OscEndpoint> {
    try {
      const bound = await this.transport.open();
      this.device.endpoint = `udp ${endpointLabel(bound)}`;
      this.device.status = { state: 'up' };
      return bound;
    } catch (e) {
      this.device.status = { state: 'down', reason: (e as Error).message };
      throw e;
    }
  }

  close(): Promise<void> {
    this.device.status = { state: 'down', reason: 'closed' };
    return this.transport.close();
  }

  private receive(data: Uint8Array, peer: OscEndpoint): void {
    const t = this.opts.clock.now();
    const from = endpointLabel(peer);
    this.device.count('packets');
    this.device.lastActivity = t;
    if (this.opts.allow !== undefined && !this.opts.allow(peer.host)) {
      // Refused before decoding: a sender outside the allow-list costs one comparison.
      this.device.count('refused');
      this.device.lastError = `refused a packet from ${from}: not in osc.allow`;
      return;
    }
    const decoded = decodePacket(data);
    if (!decoded.ok) {
      this.device.count('malformed');
      this.device.lastError = `from ${from}: ${decoded.error}`;
      this.opts.debug(`OSC ${this.device.lastError}`);
      return;
    }
    for (const m of decoded.value) {
      this.device.count('messages');
      this.opts.onInput({ kind: 'osc', device: this.device.id, peer: from, address: m.address, args: m.args, t });
    }
  }
}
