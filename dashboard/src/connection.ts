/**
 * The dashboard's WebSocket: connects, hands each server message on, acknowledges meter frames
 * (the server's flow control, see messages.ts), and reconnects with back-off whenever the socket
 * closes (daemon restart, network blip) without reloading the page.
 */
import type { ClientMessage, ServerMessage } from '../../bridge/server/messages.js';
import { backoffDelay } from './backoff.js';

export type ConnectionState =
  | { readonly kind: 'connecting'; readonly attempt: number }
  | { readonly kind: 'open' }
  | { readonly kind: 'waiting'; readonly attempt: number; readonly retryInMs: number };

export interface ConnectionEvents {
  message(m: ServerMessage): void;
  state(s: ConnectionState): void;
}

/** The daemon's WebSocket address, from the page's own origin. */
export function wsUrl(loc: Location = location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/ws`;
}

function parse(data: unknown): ServerMessage | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const m: unknown = JSON.parse(data);
    // The server is the same build as this page; a `type` field is all that needs checking.
    return typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string' ? (m as ServerMessage) : undefined;
  } catch {
    return undefined;
  }
}

export class Connection {
  private ws: WebSocket | null = null;
  private attempt = 0;

  constructor(
    private readonly url: string,
    private readonly events: ConnectionEvents,
  ) {}

  start(): void {
    this.open();
  }

  /** Sends when connected; returns false (and sends nothing) otherwise. */
  send(m: ClientMessage): boolean {
    if (this.ws === null || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(m));
    return true;
  }

  private open(): void {
    this.events.state({ kind: 'connecting', attempt: this.attempt });
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.events.state({ kind: 'open' });
    };
    ws.onmessage = (e: MessageEvent<unknown>) => {
      const m = parse(e.data);
      if (m === undefined) return;
      this.events.message(m);
      if (m.type === 'meters') this.send({ type: 'meters-ack' });
    };
    // An error is always followed by close; reconnecting happens there, once.
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.retryLater();
    };
  }

  private retryLater(): void {
    const retryInMs = backoffDelay(this.attempt, Math.random());
    this.attempt++;
    this.events.state({ kind: 'waiting', attempt: this.attempt, retryInMs });
    setTimeout(() => this.open(), retryInMs);
  }
}
