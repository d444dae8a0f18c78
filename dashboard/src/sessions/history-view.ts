/**
 * Undo / redo and the history list (`/api/history`), newest first; undone steps (redoable) are
 * shown struck through. Refreshes after undo/redo and whenever `changed()` is called (the page
 * calls it on `param` messages), at most once per REFRESH_MS, since one knob turn is many
 * messages but one step.
 */
import type { HistoryView as History } from '../../../bridge/session/history/history.js';
import { h, setText } from '../dom.js';
import { sessionApi } from './session-api.js';
import { stepText } from './session-text.js';

const REFRESH_MS = 400;
/** Steps listed; the daemon keeps more. */
const SHOWN = 30;

export class HistoryView {
  private readonly undo = h('button', { type: 'button', class: 'undo' }, 'Undo');
  private readonly redo = h('button', { type: 'button', class: 'redo' }, 'Redo');
  private readonly counts = h('span', { class: 'muted small counts' });
  private readonly list = h('ol', { class: 'history', reversed: true });
  private pending: ReturnType<typeof setTimeout> | null = null;

  constructor(
    root: HTMLElement,
    private readonly notice: (message: string) => void,
  ) {
    this.undo.addEventListener('click', () => void this.step('undo'));
    this.redo.addEventListener('click', () => void this.step('redo'));
    root.replaceChildren(h('div', { class: 'row' }, this.undo, this.redo, this.counts), this.list);
  }

  /** Parameters moved: refresh soon (coalesced). */
  changed(): void {
    if (this.pending !== null) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      void this.refresh();
    }, REFRESH_MS);
  }

  async refresh(): Promise<void> {
    const r = await sessionApi.history();
    if (r.ok) this.show(r.value);
  }

  private async step(which: 'undo' | 'redo'): Promise<void> {
    const r = await (which === 'undo' ? sessionApi.undo() : sessionApi.redo());
    if (!r.ok) this.notice(`${which === 'undo' ? 'Undo' : 'Redo'}: ${r.message}`);
    await this.refresh();
  }

  private show(v: History): void {
    this.undo.disabled = v.undoable === 0;
    this.redo.disabled = v.redoable === 0;
    setText(this.counts, `${v.undoable} to undo \u00b7 ${v.redoable} to redo`);
    const firstUndone = v.steps.length - v.redoable;
    const rows = v.steps
      .map((s, i) => {
        const t = stepText(s);
        return h('li', { class: i >= firstUndone ? 'undone' : '', 'data-seq': s.seq, title: t.origin }, h('span', { class: 'time mono' }, t.time), h('span', { class: 'label' }, t.label), h('span', { class: 'origin muted' }, t.origin));
      })
      .slice(-SHOWN)
      .reverse();
    this.list.replaceChildren(...(rows.length === 0 ? [h('li', { class: 'empty' }, 'No changes yet.')] : rows));
  }
}
