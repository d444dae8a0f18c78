import { assertNever } from '../../core/assert-never.js';
import type { Clock } from '../../core/clock.js';
import { DeviceState } from '../../core/devices.js';
import { backoffDelay } from '../../core/serial/backoff.js';
import type { DecodeEvent, DecodeResult, SerialDecoder } from '../../core/serial/decoder.js';
import type { SerialBackend, SerialLink, SerialOpenOptions } from '../../drivers/serial/interface.js';

export const SERIAL_COUNTERS = ['bytes', 'frames', 'badFrames', 'lost', 'readings', 'reconnects', 'applied', 'filtered', 'unmapped'] as const;

export interface PortRunnerDeps {
  readonly backend: SerialBackend;
  readonly clock: Clock;
  readonly path: string;
  readonly options: SerialOpenOptions;
  /** Received bytes are dropped this long after each open (bootloader noise of a board that resets). */
  readonly settleMs: number;
  /** Text sent once after settling, or null. */
  readonly hello: string | null;
  readonly decoder: SerialDecoder;
  readonly device: DeviceState;
  /** Decoded events of one chunk, with its receive time; called only while the port is up. */
  readonly onEvents: (events: readonly DecodeEvent[], t: number) => void;
  /** The port (re)opened: conditioners start afresh. */
  readonly onOpen: () => void;
  readonly log: { info(msg: string): void; warn(msg: string): void };
}

/**
 * One serial port, kept open: opens it, runs the decoder and its handshake, and when the port goes
 * away (unplugged, busy, I/O error) reopens it with back-off from 250 ms up to 5 s until close().
 * Every problem is counted and shown on the device with where it happened.
 */
export class PortRunner {
  private link: SerialLink | null = null;
  private attempt = 0;
  private everOpened = false;
  private closed = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private tickTimer: ReturnType<typeof setTimeout> | undefined;
  private settleUntil = 0;
  private lastFailure = '';

  constructor(private readonly d: PortRunnerDeps) {
    d.device.status = { state: 'down', reason: 'opening' };
  }

  start(): void {
    void this.open();
  }

  /** True while the port is open. */
  get up(): boolean {
    return this.link !== null;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.tickTimer);
    const link = this.link;
    this.link = null;
    this.d.device.status = { state: 'down', reason: 'closed' };
    await link?.close();
  }

  private async open(): Promise<void> {
    if (this.closed) return;
    const { d } = this;
    const r = await d.backend.open(d.path, d.options, {
      data: (bytes) => this.receive(bytes),
      lost: (reason, unplugged) => this.lost(unplugged ? 'unplugged' : reason),
    });
    if (this.closed) {
      if (r.ok) await r.value.close();
      return;
    }
    if (!r.ok) return this.retry(r.error);
    this.link = r.value;
    this.attempt = 0;
    this.lastFailure = '';
    if (this.everOpened) d.device.count('reconnects');
    this.everOpened = true;
    d.device.status = { state: 'up' };
    d.log.info(`serial ${d.path}: open at ${d.options.baudRate} baud`);
    d.onOpen();
    const now = d.clock.now();
    this.settleUntil = now + d.settleMs;
    const start = (): void => {
      if (this.link === null) return;
      if (d.hello !== null) this.link.write(new TextEncoder().encode(d.hello));
      this.apply(d.decoder.reset(d.clock.now()), d.clock.now());
    };
    if (d.settleMs > 0) setTimeout(start, d.settleMs).unref();
    else start();
  }

  private receive(bytes: Uint8Array): void {
    const { d } = this;
    const t = d.clock.now();
    d.device.count('bytes', bytes.length);
    d.device.lastActivity = t;
    if (t < this.settleUntil) return;
    this.apply(d.decoder.push(bytes, t), t);
  }

  private apply(r: DecodeResult, t: number): void {
    const { d } = this;
    for (const w of r.writes) this.link?.write(w);
    let readings = 0;
    for (const e of r.events) {
      switch (e.kind) {
        case 'reading':
          readings++;
          break;
        case 'frame':
          d.device.count('frames');
          break;
        case 'bad-frame':
          d.device.count('badFrames');
          d.device.lastError = `${d.path} byte ${e.offset}: ${e.reason}`;
          break;
        case 'lost':
          d.device.count('lost', e.count);
          break;
        case 'identified':
          d.log.info(`serial ${d.path}: ${e.what}`);
          d.device.endpoint = `${d.path} (${e.what})`;
          break;
        default:
          assertNever(e, 'decode event');
      }
    }
    if (readings > 0) {
      d.device.count('readings', readings);
      d.onEvents(r.events, t);
    }
    this.scheduleTick();
  }

  private scheduleTick(): void {
    clearTimeout(this.tickTimer);
    const at = this.d.decoder.nextDeadline();
    if (at === undefined || this.link === null) return;
    this.tickTimer = setTimeout(() => this.apply(this.d.decoder.tick(this.d.clock.now()), this.d.clock.now()), Math.max(0, at - this.d.clock.now()) + 1);
    this.tickTimer.unref();
  }

  private lost(reason: string): void {
    const link = this.link;
    this.link = null;
    clearTimeout(this.tickTimer);
    void link?.close();
    this.d.log.warn(`serial ${this.d.path}: ${reason}; reopening`);
    this.retry(reason);
  }

  private retry(reason: string): void {
    if (this.closed) return;
    const { d } = this;
    const delay = backoffDelay(this.attempt++);
    d.device.status = { state: 'down', reason: `${reason}; retrying in ${delay} ms` };
    d.device.lastError = `${d.path}: ${reason}`;
    // Said once per distinct reason, not at every retry of a port that stays away.
    if (reason !== this.lastFailure && reason !== 'unplugged') d.log.warn(`serial ${d.path}: ${reason}; retrying with back-off up to 5 s`);
    this.lastFailure = reason;
    this.retryTimer = setTimeout(() => void this.open(), delay);
    this.retryTimer.unref();
  }
}
