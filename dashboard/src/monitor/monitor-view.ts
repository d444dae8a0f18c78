/**
 * The Monitor panel: a live log of parameter changes (`param` messages) with their origins,
 * newest on top. Pause freezes the list (changes are still recorded, and counted, and appear on
 * resume); the filter narrows it (monitor-log.ts). The list is redrawn at most every RENDER_MS,
 * so a burst of changes costs one redraw.
 */
import { h, setText } from '../dom.js';
import { MonitorLog } from './monitor-log.js';

const RENDER_MS = 100;
const SHOWN = 80;

export class MonitorView {
  private readonly log = new MonitorLog();
  private readonly filter = h('input', { type: 'search', class: 'text monitor-filter', placeholder: 'Filter: eq osc -api', 'aria-label': 'Filter the monitor' });
  private readonly pause = h('button', { type: 'button', class: 'pause', 'aria-pressed': 'false' }, 'Pause');
  private readonly counter = h('span', { class: 'muted small counter' });
  private readonly list = h('ol', { class: 'monitor' });
  /** While paused: the newest sequence number shown. */
  private frozenAt: number | null = null;
  private scheduled = false;

  constructor(root: HTMLElement) {
    const clear = h('button', { type: 'button', class: 'clear' }, 'Clear');
    clear.addEventListener('click', () => {
      this.log.clear();
      this.render();
    });
    this.pause.addEventListener('click', () => {
      this.frozenAt = this.frozenAt === null ? this.log.last : null;
      this.pause.setAttribute('aria-pressed', String(this.frozenAt !== null));
      setText(this.pause, this.frozenAt === null ? 'Pause' : 'Resume');
      this.render();
    });
    this.filter.addEventListener('input', () => this.render());
    root.replaceChildren(h('div', { class: 'row' }, this.filter, this.pause, clear, this.counter), this.list);
    this.render();
  }

  /** A parameter changed; `name` and `value` as the chain shows them. */
  add(id: string, name: string, value: string, origin: string): void {
    this.log.add({ at: Date.now(), id, name, value, origin });
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      this.render();
    }, RENDER_MS);
  }

  private render(): void {
    const held = this.frozenAt === null ? 0 : this.log.last - this.frozenAt;
    setText(this.counter, held > 0 ? `${held} new while paused` : '');
    if (this.frozenAt !== null && this.list.childElementCount > 0 && this.list.dataset['filter'] === this.filter.value) return;
    this.list.dataset['filter'] = this.filter.value;
    const rows = this.log.view(this.filter.value, SHOWN, this.frozenAt ?? Infinity).map((e) =>
      h(
        'li',
        { 'data-seq': e.seq, 'data-entry-param': e.id, title: e.id },
        h('span', { class: 'time mono' }, new Date(e.at).toLocaleTimeString([], { hour12: false })),
        h('span', { class: 'label' }, e.name),
        h('span', { class: 'value mono' }, e.value),
        h('span', { class: 'origin muted' }, e.origin),
      ),
    );
    this.list.replaceChildren(...(rows.length === 0 ? [h('li', { class: 'empty' }, 'No changes to show.')] : rows));
  }
}
