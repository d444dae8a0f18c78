/**
 * The Monitor's record of parameter changes and incoming messages, pure: a bounded log (oldest dropped beyond
 * `capacity`) and the filter. A filter is whitespace-separated terms, case-insensitive, each of
 * which must occur in the entry's id, name, value or origin; a term starting with `-` must not.
 */
export interface MonitorEntry {
  readonly seq: number;
  /** A parameter change, or an incoming message (OSC, MIDI, serial) with its decoding. */
  readonly kind: 'change' | 'input';
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

  /** Entries kept with a sequence number above `seq` (of `kind`, if given): what arrived since a pause. */
  countAfter(seq: number, kind?: MonitorEntry['kind']): number {
    let n = 0;
    for (let i = this.list.length - 1; i >= 0; i--) {
      const e = this.list[i];
      if (e === undefined || e.seq <= seq) break;
      if (kind === undefined || e.kind === kind) n++;
    }
    return n;
  }

  /** Sequence number of the newest entry ever added (0 before any). */
  get last(): number {
    return this.seq;
  }

  /**
   * The newest `limit` entries matching `filter` (and of `kind`, if given), newest first, up to
   * sequence number `upTo`.
   */
  view(filter: string, limit: number, upTo = Infinity, kind?: MonitorEntry['kind']): MonitorEntry[] {
    const out: MonitorEntry[] = [];
    for (let i = this.list.length - 1; i >= 0 && out.length < limit; i--) {
      const e = this.list[i];
      if (e !== undefined && e.seq <= upTo && (kind === undefined || e.kind === kind) && matches(e, filter)) out.push(e);
    }
    return out;
  }
}
