/**
 * The Monitor's record of parameter changes, pure: a bounded log (oldest dropped beyond
 * `capacity`) and the filter. A filter is whitespace-separated terms, case-insensitive, each of
 * which must occur in the entry's id, name, value or origin; a term starting with `-` must not.
 */
export interface MonitorEntry {
  readonly seq: number;
  /** Epoch ms when the page received it. */
  readonly at: number;
  readonly id: string;
  readonly name: string;
  /** The value in its unit, as the chain shows it. */
  readonly value: string;
  readonly origin: string;
}

export function matches(e: MonitorEntry, filter: string): boolean {
  const hay = `${e.id} ${e.name} ${e.value} ${e.origin}`.toLowerCase();
  return filter
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t !== '' && t !== '-')
    .every((t) => (t.startsWith('-') ? !hay.includes(t.slice(1)) : hay.includes(t)));
}

export class MonitorLog {
  private readonly list: MonitorEntry[] = [];
  private seq = 0;

  constructor(private readonly capacity = 1000) {}

  add(e: Omit<MonitorEntry, 'seq'>): MonitorEntry {
    const entry = { ...e, seq: ++this.seq };
    this.list.push(entry);
    if (this.list.length > this.capacity) this.list.splice(0, this.list.length - this.capacity);
    return entry;
  }

  clear(): void {
    this.list.length = 0;
  }

  /** Sequence number of the newest entry ever added (0 before any). */
  get last(): number {
    return this.seq;
  }

  /** The newest `limit` entries matching `filter`, newest first, up to sequence number `upTo`. */
  view(filter: string, limit: number, upTo = Infinity): MonitorEntry[] {
    const out: MonitorEntry[] = [];
    for (let i = this.list.length - 1; i >= 0 && out.length < limit; i--) {
      const e = this.list[i];
      if (e !== undefined && e.seq <= upTo && matches(e, filter)) out.push(e);
    }
    return out;
  }
}
