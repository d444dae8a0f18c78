import type { OscEndpoint, OscTransport } from './interface.js';

/**
 * In-memory OSC transport for tests: `deliver` injects a datagram as if from a peer; `sent`
 * records what was sent. Sending to a `.invalid` host (RFC 2606: never resolves) rejects, as DNS failure would.
 */
export class FakeOscTransport implements OscTransport {
  readonly sent: { data: Uint8Array; to: OscEndpoint }[] = [];
  private listener: ((data: Uint8Array, peer: OscEndpoint) => void) | undefined;
  private isOpen = false;

  constructor(private readonly bound: OscEndpoint = { host: '127.0.0.1', port: 9000 }) {}

  open(): Promise<OscEndpoint> {
    this.isOpen = true;
    return Promise.resolve(this.bound);
  }

  onPacket(listener: (data: Uint8Array, peer: OscEndpoint) => void): void {
    this.listener = listener;
  }

  send(data: Uint8Array, to: OscEndpoint): Promise<void> {
    if (!this.isOpen) return Promise.reject(new Error('OSC socket is not open'));
    if (to.host.endsWith('.invalid')) return Promise.reject(new Error(`getaddrinfo ENOTFOUND ${to.host}`));
    this.sent.push({ data: Uint8Array.from(data), to });
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.isOpen = false;
    return Promise.resolve();
  }

  /** Test side: a datagram arrives from `peer`. Dropped when closed, like a closed socket. */
  deliver(data: Uint8Array, peer: OscEndpoint): void {
    if (this.isOpen) this.listener?.(data, peer);
  }
}
