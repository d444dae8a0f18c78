import type { Clock } from '../../core/clock.js';
import { DeviceState } from '../../core/devices.js';
import { Coalescer } from '../../core/feedback/coalescer.js';
import { isEcho, type OscFeedbackMessage } from '../../core/feedback/osc-feedback.js';
import type { ParamChange } from '../../core/param/store.js';
import { encodeFloatMessage } from './codec.js';
import { endpointLabel, type OscEndpoint, type OscTransport } from './interface.js';

export const OSC_OUT_COUNTERS = ['sent', 'coalesced', 'echoSuppressed', 'errors'] as const;

export interface OscFeedbackOptions {
  readonly clock: Clock;
  /** The messages that show one change (core/feedback/osc-feedback.ts, bound to the live table). */
  readonly messagesFor: (change: ParamChange) => readonly OscFeedbackMessage[];
  /** Longest a change waits before it is sent, in ms; changes within it coalesce per parameter. */
  readonly flushMs: number;
  readonly debug: (msg: string) => void;
}

/**
 * Sends parameter changes to the configured OSC feedback targets, coalesced per parameter, from
 * the input's own socket (so apps that reply to the sender see one peer). A change is never sent
 * back on the address it came in on to the peer that sent it, so a fader being moved is not
 * fought by its own echo. Send failures (unresolvable host) are counted per target, never thrown.
 */
export class OscFeedbackSender {
  readonly devices: readonly DeviceState[];
  private readonly pending = new Coalescer<string, ParamChange>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly transport: OscTransport,
    private readonly targets: readonly OscEndpoint[],
    private readonly opts: OscFeedbackOptions,
  ) {
    this.devices = targets.map((t) => new DeviceState(`osc-out:${endpointLabel(t)}`, 'osc-out', 'OSC feedback', `udp ${endpointLabel(t)}`, OSC_OUT_COUNTERS));
  }

  push(change: ParamChange): void {
    if (this.targets.length === 0) return;
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
    this.timer = undefined;
    this.pending.drain();
  }

  private sendTo(target: OscEndpoint, device: DeviceState, change: ParamChange, messages: readonly OscFeedbackMessage[]): void {
    const label = endpointLabel(target);
    for (const m of messages) {
      if (isEcho(change, label, m.address)) {
        device.count('echoSuppressed');
        continue;
      }
      this.transport.send(encodeFloatMessage(m.address, m.value), target).then(
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
}
