/**
 * Per-client outgoing flow control. Everything a client receives after `hello` goes through one
 * ClientChannel, which decides per message kind what a slow client gets:
 * - parameter changes: always delivered. While congested they are merged per parameter (latest
 *   value wins, ordered by when each parameter last moved), so memory stays bounded by the number
 *   of parameters and the client still ends with every final value.
 * - meter frames: at most METER_WINDOW unacknowledged; beyond that, and while congested, only the
 *   newest frame is held and older ones are dropped.
 * - device lists: only the newest is held while congested.
 * "Congested" means the socket's unsent bytes (ws.bufferedAmount) exceed the high-water mark.
 * Held messages go out when a write completes or an ack arrives, params first.
 *
 * Why meters need acks as well as the byte threshold: bufferedAmount only counts bytes still in
 * the process. The kernel's socket buffers sit in front of it (about 4 MB on loopback, measured),
 * so a client that stopped reading would otherwise be sent tens of thousands of stale frames
 * before bufferedAmount moved at all.
 */

/** The part of a ws WebSocket the channel needs; a fake in tests. */
export interface Sink {
  readonly bufferedAmount: number;
  /** `done` runs once the frame has left the process (or failed because the socket closed). */
  send(data: string, done: (err?: Error) => void): void;
}

/** Meter frames in flight per client before the server waits for `meters-ack`. */
export const METER_WINDOW = 4;
/** Unsent bytes above which a client counts as congested. */
export const HIGH_WATER_BYTES = 256 * 1024;

export interface ChannelStats {
  sent: number;
  metersDropped: number;
  /** Monitor batches skipped while congested. */
  advisoryDropped: number;
  paramsMerged: number;
  errorsDropped: number;
}

export class ClientChannel {
  readonly stats: ChannelStats = { sent: 0, metersDropped: 0, paramsMerged: 0, errorsDropped: 0, advisoryDropped: 0 };
  private credit = METER_WINDOW;
  private readonly heldParams = new Map<string, string>();
  private heldMeters: string | null = null;
  private heldDevices: string | null = null;
  private closed = false;
  /** Guards against re-entry when a sink completes a write synchronously. */
  private pumping = false;
  private readonly pumpBound = (): void => this.pump();

  constructor(
    private readonly sink: Sink,
    private readonly highWater = HIGH_WATER_BYTES,
  ) {}

  /** The first message on a connection; always written (a new socket is never congested). */
  hello(json: string): void {
    this.write(json);
  }

  /**
   * Every kind goes into its slot and then through pump, so a newer message can never overtake an
   * older held one (pump flushes params first, then the device list, then the meter frame).
   */
  param(id: string, json: string): void {
    if (this.heldParams.delete(id)) this.stats.paramsMerged++;
    this.heldParams.set(id, json);
    this.pump();
  }

  meters(json: string): void {
    if (this.heldMeters !== null) this.stats.metersDropped++;
    this.heldMeters = json;
    this.pump();
  }

  devices(json: string): void {
    this.heldDevices = json;
    this.pump();
  }

  /**
   * A state message (learn, mappings): always written, never merged or dropped, because each one
   * changes what the engineer sees or is asked to do; they come one per change of state.
   */
  state(json: string): void {
    this.write(json);
  }

  /** A reply to this client (an `error`); advisory, so dropped rather than queued when congested. */
  reply(json: string): void {
    if (this.congested()) {
      this.stats.errorsDropped++;
      return;
    }
    this.write(json);
  }

  /** The monitor's incoming messages: a slow client skips batches rather than queueing them. */
  advisory(json: string): void {
    if (this.congested()) {
      this.stats.advisoryDropped++;
      return;
    }
    this.write(json);
  }

  /** The client handled one `meters`; extra acks never raise the credit above the window. */
  ackMeters(): void {
    this.credit = Math.min(METER_WINDOW, this.credit + 1);
    this.pump();
  }

  /** After close nothing is written and everything held is released. */
  close(): void {
    this.closed = true;
    this.heldParams.clear();
    this.heldMeters = null;
    this.heldDevices = null;
  }

  private congested(): boolean {
    return this.sink.bufferedAmount > this.highWater;
  }

  private write(json: string): void {
    if (this.closed) return;
    this.stats.sent++;
    this.sink.send(json, this.pumpBound);
  }

  private pump(): void {
    if (this.closed || this.pumping) return;
    this.pumping = true;
    try {
      this.flushHeld();
    } finally {
      this.pumping = false;
    }
  }

  private flushHeld(): void {
    for (const [id, json] of this.heldParams) {
      if (this.congested()) return;
      this.heldParams.delete(id);
      this.write(json);
    }
    if (this.congested()) return;
    if (this.heldDevices !== null) {
      const json = this.heldDevices;
      this.heldDevices = null;
      this.write(json);
    }
    if (this.heldMeters !== null && this.credit > 0 && !this.congested()) {
      const json = this.heldMeters;
      this.heldMeters = null;
      this.credit--;
      this.write(json);
    }
  }
}
