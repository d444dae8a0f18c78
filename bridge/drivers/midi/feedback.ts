import type { Clock } from '../../core/clock.js';
import type { MidiFeedbackItem } from '../../core/feedback/midi-feedback.js';
import { RateLimitedQueue } from '../../core/feedback/rate-limit.js';
import type { MidiMessage } from '../../core/input.js';
import type { MidiOut } from '../../core/midi/wire.js';
import type { ParamChange } from '../../core/param/store.js';

export interface MidiFeedbackOptions {
  readonly clock: Clock;
  /** The feedback items of one change (core/feedback/midi-feedback.ts, bound to the live runtime). */
  readonly itemsFor: (change: ParamChange) => readonly MidiFeedbackItem[];
  /** Writes to the profile's output ports; answers how many ports took it. */
  readonly write: (profile: string, messages: readonly MidiOut[]) => number;
  /** Messages per second per profile output (a DIN cable carries about 1,000). */
  readonly perSecond: number;
  readonly burst: number;
}

/**
 * MIDI feedback: items coalesced per control and rate-limited per profile output (so a burst of
 * changes never floods a port, and the last value of each control is always the one sent). A
 * motor fader is never moved while touched: its item waits and goes out on release (the motor
 * snaps back to the last value the host sent, so the final value always follows).
 */
export class MidiFeedbackSender {
  private readonly queues = new Map<string, RateLimitedQueue<MidiFeedbackItem>>();
  private readonly touched = new Set<string>();
  private readonly held = new Map<string, MidiFeedbackItem>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  sent = 0;
  heldTouched = 0;

  constructor(private readonly opts: MidiFeedbackOptions) {}

  push(change: ParamChange): void {
    for (const item of this.opts.itemsFor(change)) this.enqueue(item);
    this.schedule();
  }

  /** A note arrived from a device of `profile`: tracks touch notes (velocity > 0 touched). */
  noteInput(profile: string, m: MidiMessage): void {
    if (m.type !== 'noteon' && m.type !== 'noteoff') return;
    const key = `${profile} ${m.channel} ${m.note}`;
    if (m.type === 'noteon' && m.velocity > 0) {
      this.touched.add(key);
      return;
    }
    if (!this.touched.delete(key)) return;
    for (const [k, item] of this.held) {
      if (item.profile !== profile || item.touch?.channel !== m.channel || item.touch.note !== m.note) continue;
      this.held.delete(k);
      this.enqueue(item);
    }
    this.schedule();
  }

  /** Coalesced replacements so far, over all outputs. */
  get coalesced(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.coalesced;
    return n;
  }

  /** Sends whatever the rate limit allows now; reschedules for the rest. */
  flush(): void {
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    const now = this.opts.clock.now();
    for (const [profile, q] of this.queues) {
      for (const item of q.take(now)) {
        this.opts.write(profile, item.messages);
        this.sent += item.messages.length;
      }
    }
    this.schedule();
  }

  close(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    for (const q of this.queues.values()) q.clear();
    this.held.clear();
  }

  private enqueue(item: MidiFeedbackItem): void {
    if (item.touch !== null && this.touched.has(`${item.profile} ${item.touch.channel} ${item.touch.note}`)) {
      this.heldTouched++;
      this.held.set(`${item.profile} ${item.key}`, item);
      return;
    }
    let q = this.queues.get(item.profile);
    if (q === undefined) {
      q = new RateLimitedQueue<MidiFeedbackItem>(this.opts.perSecond, this.opts.burst);
      this.queues.set(item.profile, q);
    }
    q.put(item.key, item, item.messages.length);
  }

  private schedule(): void {
    const now = this.opts.clock.now();
    let next = Number.POSITIVE_INFINITY;
    for (const q of this.queues.values()) next = Math.min(next, q.nextAt(now) ?? Number.POSITIVE_INFINITY);
    if (next === Number.POSITIVE_INFINITY || next >= this.timerAt) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAt = next;
    this.timer = setTimeout(() => this.flush(), Math.max(0, Math.ceil(next - now)));
  }
}
