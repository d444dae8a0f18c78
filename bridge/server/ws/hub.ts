/**
 * The WebSocket hub: one subscription to the store fans every parameter change out to all
 * connected clients (serialised once), and meter frames and device lists likewise. Per-client
 * flow control lives in ClientChannel; the hub knows nothing of sockets beyond the Sink.
 */
import type { DeviceSnapshot } from '../../core/devices.js';
import type { ParamChange, ParamStore } from '../../core/param/store.js';
import type { MeterFrame } from '../../engine/interface.js';
import type { LearnState } from '../../learn/state.js';
import type { InputEntry } from '../../core/monitor/describe.js';
import type { MappingView, RemovedMappingView, ServerMessage } from '../messages.js';
import { originLabel } from '../../core/param/origin.js';
import { paramStates } from '../param-state.js';
import { ClientChannel, type Sink } from './channel.js';
import { handleClientText } from './dispatch.js';

export interface HubDeps {
  readonly store: ParamStore;
  readonly devices: () => readonly DeviceSnapshot[];
  readonly mappings: () => readonly MappingView[];
  /** Problems of the mapping files, one line each ("file: /path: message"). */
  readonly mappingProblems?: () => readonly string[];
  /** The configured set's mappings the learned overlay removes. */
  readonly removedMappings?: () => readonly RemovedMappingView[];
  readonly version: string;
  /** Learn, when the daemon has it: its state follows `hello`. */
  readonly learn?: { state(): LearnState };
}

/** What the socket adapter drives for one connection. */
export interface HubClient {
  readonly id: string;
  readonly channel: ClientChannel;
  /** One text frame from the client. Never throws: bad input becomes an `error` reply. */
  receive(text: string): void;
  /** The socket closed: stop sending and forget the client. Idempotent. */
  close(): void;
}

const encode = (m: ServerMessage): string => JSON.stringify(m);

export class Hub {
  private readonly clients = new Set<HubClient>();
  private readonly unsubscribe: () => void;
  private nextId = 1;
  private lastDevicesJson = '';
  private lastMappingsJson = '';

  constructor(private readonly deps: HubDeps) {
    this.unsubscribe = deps.store.subscribe((c) => this.param(c));
  }

  get size(): number {
    return this.clients.size;
  }

  /** Registers a connection and sends it `hello`; `peer` names it in origins (`127.0.0.1`). */
  connect(sink: Sink, peer: string): HubClient {
    const id = `${peer}#${this.nextId++}`;
    const channel = new ClientChannel(sink);
    const origin = { kind: 'dashboard', client: id } as const;
    const client: HubClient = {
      id,
      channel,
      receive: (text) => handleClientText(text, this.deps.store, origin, channel),
      close: () => {
        channel.close();
        this.clients.delete(client);
      },
    };
    const { store, mappings, devices, version } = this.deps;
    channel.hello(
      encode({ type: 'hello', version, client: id, params: paramStates(store), mappings: mappings(), devices: devices() }),
    );
    // The mapping files' problems and removed mappings are not in hello: the current list follows it.
    channel.state(this.mappingsJson());
    if (this.deps.learn !== undefined) channel.state(encode({ type: 'learn', learn: this.deps.learn.state() }));
    this.clients.add(client);
    return client;
  }

  /** A batch of incoming messages for the monitor; advisory, so skipped for a congested client. */
  inputs(entries: readonly InputEntry[], dropped: number): void {
    if (this.clients.size === 0) return;
    const json = encode({ type: 'inputs', entries, dropped });
    for (const c of this.clients) c.channel.advisory(json);
  }

  meters(frame: MeterFrame): void {
    if (this.clients.size === 0) return;
    const json = encode({ type: 'meters', t: frame.t, peakDb: frame.peakDb, rmsDb: frame.rmsDb, loudness: frame.loudness, spectrumDb: frame.spectrumDb });
    for (const c of this.clients) c.channel.meters(json);
  }

  /**
   * Sends the device list, and the mappings with their takeover state, to everyone, each unless it
   * is unchanged since the last one sent (called about once a second).
   */
  devicesTick(): void {
    if (this.clients.size === 0) return;
    const json = encode({ type: 'devices', devices: this.deps.devices() });
    if (json !== this.lastDevicesJson) {
      this.lastDevicesJson = json;
      for (const c of this.clients) c.channel.devices(json);
    }
    this.mappingsTick();
  }

  /** Sends the mappings to everyone unless unchanged since the last sent (also right after an edit). */
  mappingsTick(): void {
    if (this.clients.size === 0) return;
    const mappings = this.mappingsJson();
    if (mappings !== this.lastMappingsJson) {
      this.lastMappingsJson = mappings;
      for (const c of this.clients) c.channel.state(mappings);
    }
  }

  private mappingsJson(): string {
    const { mappings, mappingProblems, removedMappings } = this.deps;
    return encode({ type: 'mappings', mappings: mappings(), problems: mappingProblems?.() ?? [], removed: removedMappings?.() ?? [] });
  }

  /** Learn's state changed: to everyone. */
  learn(state: LearnState): void {
    if (this.clients.size === 0) return;
    const json = encode({ type: 'learn', learn: state });
    for (const c of this.clients) c.channel.state(json);
  }

  /** Unsubscribes from the store and drops every client (the sockets are closed by their owner). */
  close(): void {
    this.unsubscribe();
    for (const c of [...this.clients]) c.close();
  }

  private param(c: ParamChange): void {
    if (this.clients.size === 0) return;
    const json = encode({ type: 'param', id: c.id, value: c.value, norm: c.norm, origin: originLabel(c.origin) });
    for (const client of this.clients) client.channel.param(c.id, json);
  }
}
