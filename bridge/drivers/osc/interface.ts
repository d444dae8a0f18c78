/** A UDP peer or local address. */
export interface OscEndpoint {
  readonly host: string;
  readonly port: number;
}

export const endpointLabel = (e: OscEndpoint): string => `${e.host}:${e.port}`;

/**
 * The only I/O an OSC input or output needs: one datagram socket. The real adapter is `udp.ts`,
 * the in-memory one `fake.ts`; both pass the same contract suite.
 */
export interface OscTransport {
  /** Binds and resolves with the bound address (port 0 binds an ephemeral port). */
  open(): Promise<OscEndpoint>;
  /** Registers the one receiver of incoming datagrams. */
  onPacket(listener: (data: Uint8Array, peer: OscEndpoint) => void): void;
  /** Sends one datagram; rejects with the system error (unresolvable host, closed socket). */
  send(data: Uint8Array, to: OscEndpoint): Promise<void>;
  /** Unbinds; safe to call twice. */
  close(): Promise<void>;
}
