/**
 * Keeps only the newest value per key until drained, so a slow output never builds a queue: ten
 * thousand knob messages between two flushes cost one write per parameter. Insertion order of the
 * first put per key is kept, so outputs stay deterministic.
 */
export class Coalescer<K, V> {
  private pending = new Map<K, V>();
  /** Values replaced before they were drained (counted for the devices page and benchmarks). */
  coalesced = 0;

  put(key: K, value: V): void {
    if (this.pending.has(key)) this.coalesced++;
    this.pending.set(key, value);
  }

  has(key: K): boolean {
    return this.pending.has(key);
  }

  get size(): number {
    return this.pending.size;
  }

  /** Returns every pending value and empties the coalescer. */
  drain(): V[] {
    const out = [...this.pending.values()];
    this.pending.clear();
    return out;
  }
}
