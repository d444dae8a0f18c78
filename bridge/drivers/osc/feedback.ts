import type { Clock } from '../../core/clock.js';
import { DeviceState } from '../../core/devices.js';
import { Coalescer } from '../../core/feedback/coalescer.js';
import { echoDecision, type LastInput } from '../../core/feedback/echo.js';
import type { OscFeedbackMessage } from '../../core/feedback/osc-feedback.js';
import type { ParamChange } from '../../core/param/store.js';
import { encodeMessage } from './codec.js';
import { endpointLabel, type OscEndpoint, type OscTransport } from './interface.js';

export const OSC_OUT_COUNTERS = ['sent', 'coalesced', 'echoSuppressed', 'errors'] as const;

export interface OscFeedbackOptions {
  readonly clock: Clock;
  /** The messages that show one change (core/feedback/osc-feedback.ts, bound to the live runtime). */
  readonly messagesFor: (change: ParamChange) => readonly OscFeedbackMessage[];
  /** Longest a change waits before it is sent, in ms; changes within it coalesce per parameter. */
  readonly flushMs: number;
  readonly debug: (msg: string) => void;
}

/**
 * Sends parameter changes to the configured OSC feedback targets, coalesced per parameter (so at
 * most one message per control per flush), from the input's own socket (apps that reply to the
 * sender see one peer). A control that is being moved is not sent its own value back: see
 * core/feedback/echo.ts; its final value follows after the echo window. Send failures
 * (unresolvable host) are counted per target, never thrown.
 */
export class OscFeedbackSender {
  readonly devices: readonly DeviceState[];
  private readonly pending = new Coalescer<string, ParamChange>();
  private readonly lastInput = new Map<string, LastInput>();
  /** The newest change per parameter, for retries after the echo window. */
  private readonly latest = new Map<string, ParamChange>();
  private readonly retries = new Map<string, ReturnType<typeof setTimeout>>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly transport: OscTransport,
    private readonly targets: readonly OscEndpoint[],
    private readonly opts: OscFeedbackOptions,
  ) {
    this.devices = targets.map((t) => new DeviceState(`osc-out:${endpointLabel(t)}`, 'osc-out', 'OSC feedback', `udp ${endpointLabel(t)}`, OSC_OUT_COUNTERS));
  }

  /** An input arrived from `peer` on `address` with this numeric value (for echo suppression). */
  noteInput(peer: string, address: string, value: number, t: number): void {
    this.lastInput.set(`${peer} ${address}`, { t, value });
  }

  push(change: ParamChange): void {
    if (this.targets.length === 0) return;
    this.latest.set(change.id, change);
    const before = this.pending.coalesced;
    this.pending.put(change.id, change);
    if (this.pending.coalesced > before) for (const d of this.devices) d.count('coalesced');
    this.timer ??= setTimeout(() => this.flush(), this.opts.flushMs);
  }

  /** Sends everything pending now. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    for (const change of this.pending.drain()) {
      const messages = this.opts.messagesFor(change);
      this.targets.forEach((target, i) => this.sendTo(target, this.devices[i] as DeviceState, change, messages));
    }
  }

  close(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const r of this.retries.values()) clearTimeout(r);
    this.retries.clear();
    this.timer = undefined;
    this.pending.drain();
  }

  private sendTo(target: OscEndpoint, device: DeviceState, change: ParamChange, messages: readonly OscFeedbackMessage[]): void {
    const label = endpointLabel(target);
    const now = this.opts.clock.now();
    for (const m of messages) {
      const key = `${label} ${m.address}`;
      const echo = typeof m.value === 'number' ? echoDecision(this.lastInput.get(key), now, m.value, m.range) : { kind: 'send' as const };
      if (echo.kind === 'hold') {
        device.count('echoSuppressed');
        this.retryLater(change, echo.retryAt - now);
        continue;
      }
      if (this.lastInput.delete(key) && echo.kind === 'skip') continue;
      this.send(m, target, label, device);
    }
  }

  /** Looks at a held-back change again once the echo window has passed (one timer per parameter). */
  private retryLater(change: ParamChange, inMs: number): void {
    const old = this.retries.get(change.id);
    if (old !== undefined) clearTimeout(old);
    this.retries.set(
      change.id,
      setTimeout(() => {
        this.retries.delete(change.id);
        const newest = this.latest.get(change.id);
        if (newest !== undefined && !this.pending.has(change.id)) this.push(newest);
      }, Math.max(1, inMs + 1)),
    );
  }

  private send(m: OscFeedbackMessage, target: OscEndpoint, label: string, device: DeviceState): void {
    this.transport.send(encodeMessage(m.address, m.value), target).then(
      () => {
        device.count('sent');
        device.lastActivity = this.opts.clock.now();
        if (device.status.state !== 'up') device.status = { state: 'up' };
      },
      (e: Error) => {
        device.count('errors');
        device.lastError = `${m.address} to ${label}: ${e.message}`;
        device.status = { state: 'down', reason: e.message };
        this.opts.debug(`OSC feedback ${device.lastError}`);
      },
    );
  }
}
