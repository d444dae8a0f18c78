/**
 * The Monitor panel: a live log of parameter changes (`param` messages) with their origins and of
 * incoming OSC, MIDI and serial messages with their decoding and what the routing did with them
 * (`inputs` messages), newest on top; a choice shows both or either. Pause freezes the list (changes are still recorded, and counted, and appear on
 * resume); the filter narrows it (monitor-log.ts). The list is redrawn at most every RENDER_MS,
 * so a burst of changes costs one redraw.
 */
import type { InputEntry } from '../../../bridge/core/monitor/describe.js';
import { h, setText } from '../dom.js';
import { MonitorLog } from './monitor-log.js';

const RENDER_MS = 100;
const SHOWN = 80;

export class MonitorView {
  private readonly log = new MonitorLog();
  private readonly filter = h('input', { type: 'search', class: 'text monitor-filter', placeholder: 'Filter: eq osc -api', 'aria-label': 'Filter the monitor' });
  private readonly pause = h('button', { type: 'button', class: 'pause', 'aria-pressed': 'false' }, 'Pause');
  private readonly counter = h('span', { class: 'muted small counter' });
  private readonly show = h(
    'select',
    { class: 'monitor-show', 'aria-label': 'Show' },
    h('option', { value: 'change' }, 'parameter changes'),
    h('option', { value: 'input' }, 'incoming'),
    h('option', { value: 'all' }, 'both'),
  );
  /** Incoming messages the daemon left out of its batches (a flood), since the last clear. */
  private dropped = 0;
  private readonly list = h('ol', { class: 'monitor' });
  /** While paused: the newest sequence number shown. */
  private frozenAt: number | null = null;
  private scheduled = false;

  constructor(root: HTMLElement) {
    const clear = h('button', { type: 'button', class: 'clear' }, 'Clear');
    clear.addEventListener('click', () => {
      this.log.clear();
      this.dropped = 0;
      this.render();
    });
    this.pause.addEventListener('click', () => {
      this.frozenAt = this.frozenAt === null ? this.log.last : null;
      this.pause.setAttribute('aria-pressed', String(this.frozenAt !== null));
      setText(this.pause, this.frozenAt === null ? 'Pause' : 'Resume');
      this.render();
    });
    this.filter.addEventListener('input', () => this.render());
    this.show.addEventListener('change', () => this.render());
    root.replaceChildren(h('div', { class: 'row' }, this.filter, this.show, this.pause, clear, this.counter), this.list);
    this.render();
  }

  /** A parameter changed; `name` and `value` as the chain shows them. */
  add(id: string, name: string, value: string, origin: string): void {
    this.log.add({ kind: 'change', at: Date.now(), id, name, value, origin });
    this.schedule();
  }

  /** Incoming messages: source, decoding and outcome (`applied`, `unmapped`, ...). */
  addInputs(entries: readonly InputEntry[], dropped: number): void {
    const at = Date.now();
    for (const e of entries) this.log.add({ kind: 'input', at, id: `${e.kind} ${e.source}`, name: e.text, value: e.outcome, origin: `${e.kind} ${e.source}` });
    this.dropped += dropped;
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      this.render();
    }, RENDER_MS);
  }

  private render(): void {
    const kind = this.show.value === 'change' || this.show.value === 'input' ? this.show.value : undefined;
    const held = this.frozenAt === null ? 0 : this.log.countAfter(this.frozenAt, kind);
    const skipped = this.dropped > 0 ? `${this.dropped} incoming skipped (flood)` : '';
    setText(this.counter, [held > 0 ? `${held} new while paused` : '', skipped].filter((x) => x !== '').join(' · '));
    const key = `${this.show.value}|${this.filter.value}`;
    if (this.frozenAt !== null && this.list.childElementCount > 0 && this.list.dataset['filter'] === key) return;
    this.list.dataset['filter'] = key;
    const rows = this.log.view(this.filter.value, SHOWN, this.frozenAt ?? Infinity, kind).map((e) =>
      h(
        'li',
        { 'data-seq': e.seq, [e.kind === 'change' ? 'data-entry-param' : 'data-entry-input']: e.id, 'data-outcome': e.kind === 'input' ? e.value : '', title: e.id },
        h('span', { class: 'time mono' }, new Date(e.at).toLocaleTimeString([], { hour12: false })),
        h('span', { class: 'label' }, e.name),
        h('span', { class: 'value mono' }, e.value),
        h('span', { class: 'origin muted' }, e.origin),
      ),
    );
    this.list.replaceChildren(...(rows.length === 0 ? [h('li', { class: 'empty' }, 'Nothing to show.')] : rows));
  }
}
