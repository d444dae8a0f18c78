/**
 * A per-output send queue that is coalesced per key and rate-limited by a token bucket: at most
 * `perSecond` messages a second on average, bursts up to `burst`. Only the newest value per key
 * waits, so the final value of every control is always sent and nothing queues without bound (a
 * DIN cable carries about 1,000 three-byte messages a second). Pure: time is an input.
 */
export class RateLimitedQueue<V> {
  private readonly pending = new Map<string, { value: V; cost: number }>();
  private tokens: number;
  private last: number | undefined;
  /** Values replaced before they were sent. */
  coalesced = 0;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  /** Queues `value` under `key`, replacing an unsent one; `cost` is its number of wire messages. */
  put(key: string, value: V, cost = 1): void {
    if (this.pending.delete(key)) this.coalesced++;
    this.pending.set(key, { value, cost });
  }

  get size(): number {
    return this.pending.size;
  }

  /** Takes what may be sent at `now` (oldest key first); the rest waits for `nextAt`. */
  take(now: number): V[] {
    this.refill(now);
    const out: V[] = [];
    for (const [key, p] of this.pending) {
      // An item costlier than the whole burst still goes out alone once the bucket is full.
      if (p.cost > this.tokens && !(this.tokens >= this.burst && out.length === 0)) break;
      this.tokens -= p.cost;
      out.push(p.value);
      this.pending.delete(key);
    }
    return out;
  }

  /** When (clock ms) the next pending item can go, or undefined when nothing waits. */
  nextAt(now: number): number | undefined {
    const first = this.pending.values().next();
    if (first.done === true) return undefined;
    this.refill(now);
    const need = Math.min(first.value.cost, this.burst) - this.tokens;
    return need <= 0 ? now : now + (need * 1000) / this.perSecond;
  }

  clear(): void {
    this.pending.clear();
  }

  private refill(now: number): void {
    if (this.last !== undefined && now > this.last) this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.perSecond) / 1000);
    if (this.last === undefined || now > this.last) this.last = now;
  }
}
