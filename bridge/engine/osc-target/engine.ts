import osc from 'osc';
import type { ParamDescriptor, ParamId } from '../../core/param/descriptor.js';
import { RateLimitedQueue } from '../../core/feedback/rate-limit.js';
import { decodePacket } from '../../drivers/osc/codec.js';
import type { OscEndpoint, OscTransport } from '../../drivers/osc/interface.js';
import { UdpOscTransport } from '../../drivers/osc/udp.js';
import { CHAIN_PARAMS } from '../chain/params.js';
import type { EngineStatus, MeterFrame } from '../interface.js';
import { TemplateMapping, type FeedbackValue } from './mapping.js';
import { handshake, type OutMessage } from './template.js';
import type { OscEngine, OscEngineOptions } from './types.js';

export type { OscEngine, OscEngineOptions } from './types.js';

/**
 * Drives an external engine (a DAW or DSP host) over OSC. Every apply is coalesced per parameter
 * in a token-bucket queue (bridge/core/feedback/rate-limit.ts), and the next batch only goes once
 * the previous one has left the socket, so a slow peer never builds a queue: it just sees fewer,
 * newer values, and always the last one. It has no audio path, so it never meters.
 */
export function createOscEngine(options: OscEngineOptions): OscEngine {
  return new OscTargetEngine(options);
}

class OscTargetEngine implements OscEngine {
  readonly params: readonly ParamDescriptor[] = CHAIN_PARAMS;
  private readonly mapping: TemplateMapping;
  private readonly queue: RateLimitedQueue<OutMessage>;
  private readonly transport: OscTransport;
  private readonly peer: OscEndpoint;
  private readonly feedbackListeners = new Set<(v: FeedbackValue) => void>();
  private readonly feedback = new Map<ParamId, number>();
  private state: EngineStatus = { state: 'stopped' };
  private timer: NodeJS.Timeout | undefined;
  private sending = false;
  private sent = 0;
  private local: OscEndpoint | undefined;

  constructor(private readonly options: OscEngineOptions) {
    const t = options.template;
    this.mapping = new TemplateMapping(t, this.params);
    this.queue = new RateLimitedQueue(options.perSecond ?? 1000, options.burst ?? 64);
    this.peer = { host: t.host, port: t.port };
    this.transport = options.transport ?? new UdpOscTransport({ host: '0.0.0.0', port: t.listenPort ?? 0 }, (e) => this.warn(e.message));
  }

  get stats(): { sent: number; coalesced: number } {
    return { sent: this.sent, coalesced: this.queue.coalesced };
  }

  async start(): Promise<EngineStatus> {
    if (this.state.state === 'running') return this.state;
    this.transport.onPacket((data) => this.receive(data));
    try {
      this.local = await this.transport.open();
      for (const m of handshake(this.options.template)) await this.transport.send(encode(m), this.peer);
    } catch (e) {
      await this.transport.close();
      this.state = { state: 'failed', reason: `OSC engine ${this.peer.host}:${this.peer.port}: ${(e as Error).message}` };
      return this.state;
    }
    const t = this.options.template;
    this.state = { state: 'running', sink: 'none', sampleRate: this.options.sampleRate ?? 48000, source: `osc:${t.kind}@${t.host}:${t.port}` };
    this.schedule();
    return this.state;
  }

  /** Queues the value (newest wins per parameter); sent when the bucket allows, once running. */
  apply(id: ParamId, value: number): void {
    const m = this.mapping.toMessage(id, value);
    if (m === undefined) return;
    this.queue.put(id, m);
    this.schedule();
  }

  onMeters(_listener: (frame: MeterFrame) => void): () => void {
    return () => {};
  }

  onFeedback(listener: (v: FeedbackValue) => void): () => void {
    this.feedbackListeners.add(listener);
    return () => this.feedbackListeners.delete(listener);
  }

  feedbackValue(id: ParamId): number | undefined {
    return this.feedback.get(id);
  }

  localEndpoint(): OscEndpoint | undefined {
    return this.local;
  }

  status(): EngineStatus {
    return this.state;
  }

  async close(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.state = { state: 'stopped' };
    this.local = undefined;
    await this.transport.close();
  }

  private schedule(): void {
    if (this.state.state !== 'running' || this.sending || this.timer !== undefined) return;
    const now = performance.now();
    const at = this.queue.nextAt(now);
    if (at === undefined) return;
    // Even a ready batch waits one timer turn, so a synchronous burst of applies coalesces first.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, Math.max(0, at - now));
  }

  private async flush(): Promise<void> {
    if (this.state.state !== 'running') return;
    this.sending = true;
    const batch = this.queue.take(performance.now());
    try {
      await Promise.all(batch.map((m) => this.transport.send(encode(m), this.peer)));
      this.sent += batch.length;
    } catch (e) {
      this.warn(`OSC engine send failed: ${(e as Error).message}`);
    } finally {
      this.sending = false;
    }
    this.schedule();
  }

  private receive(data: Uint8Array): void {
    const decoded = decodePacket(data);
    if (!decoded.ok) return this.warn(`OSC engine feedback: ${decoded.error}`);
    for (const m of decoded.value) {
      const v = this.mapping.fromMessage(m);
      if (v === undefined) continue;
      this.feedback.set(v.id, v.value);
      for (const l of this.feedbackListeners) l(v);
    }
  }

  private warn(msg: string): void {
    this.options.log?.warn(msg);
  }
}

/** Encodes a message with osc.js (the codec's library), int32 and float32 arguments. */
const encode = (m: OutMessage): Uint8Array => osc.writePacket({ address: m.address, args: m.args.map((a) => ({ type: a.type, value: a.value })) }, { metadata: true });
