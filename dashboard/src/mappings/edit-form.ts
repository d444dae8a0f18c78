/**
 * The inline editor of one mapping: a table row under the mapping's own, with the parameter, the
 * range in the parameter's units, reverse, soft takeover and feedback. Save PUTs the edited entry
 * (edit-entry.ts); the daemon's refusal is shown in the form, with the loader's problems, and
 * nothing changes until an edit loads. Escape cancels, Enter in a field saves.
 */
import type { ParamDescriptor } from '../../../bridge/core/param/descriptor.js';
import { h } from '../dom.js';
import { editedEntry, editValues, retarget, TAKEOVER_LABELS, TAKEOVER_MODES, type EditValues, type Entry, type TakeoverName } from './edit-entry.js';
import type { EntryView } from './mapping-client.js';

export interface EditFormDeps {
  /** Every parameter, in chain order. */
  readonly params: readonly ParamDescriptor[];
  /** Saves the entry; resolves the refusal (message and problems) or null once it is in force. */
  readonly save: (entry: Entry) => Promise<{ message: string; problems: readonly string[] } | null>;
  readonly close: () => void;
}

export class EditForm {
  readonly el: HTMLTableRowElement;
  private values: EditValues;
  private readonly errors = h('div', { class: 'edit-errors', role: 'alert' });
  private readonly from = h('input', { type: 'number', step: 'any', class: 'edit-from', 'aria-label': 'Range from' });
  private readonly to = h('input', { type: 'number', step: 'any', class: 'edit-to', 'aria-label': 'Range to' });
  private readonly unit = h('span', { class: 'muted' });

  constructor(
    private readonly view: EntryView,
    private readonly deps: EditFormDeps,
    columns: number,
  ) {
    const d = this.descriptor(String(view.entry['target']));
    this.values = d === undefined ? { target: String(view.entry['target']), from: 0, to: 1, reverse: false, takeover: 'pickup', feedback: true } : editValues(view.entry, d);

    const target = h('select', { class: 'edit-target', 'aria-label': 'Parameter' });
    const modules = new Map<string, HTMLOptGroupElement>();
    for (const p of deps.params) {
      let group = modules.get(p.module);
      if (group === undefined) {
        group = h('optgroup', { label: p.module });
        modules.set(p.module, group);
        target.append(group);
      }
      group.append(h('option', { value: p.id, selected: p.id === this.values.target }, p.name));
    }
    target.addEventListener('change', () => {
      const nd = this.descriptor(target.value);
      if (nd !== undefined) this.values = retarget(this.values, nd);
      this.showRange();
    });

    const takeover = h('select', { class: 'edit-takeover', 'aria-label': 'Soft takeover' }, ...TAKEOVER_MODES.map((m) => h('option', { value: m, selected: m === this.values.takeover }, TAKEOVER_LABELS[m])));
    takeover.addEventListener('change', () => (this.values = { ...this.values, takeover: takeover.value as TakeoverName }));
    const reverse = h('input', { type: 'checkbox', class: 'edit-reverse', checked: this.values.reverse });
    reverse.addEventListener('change', () => (this.values = { ...this.values, reverse: reverse.checked }));
    const feedback = h('input', { type: 'checkbox', class: 'edit-feedback', checked: this.values.feedback });
    feedback.addEventListener('change', () => (this.values = { ...this.values, feedback: feedback.checked }));
    this.showRange();

    const save = h('button', { type: 'submit', class: 'primary edit-save' }, 'Save');
    const cancel = h('button', { type: 'button', class: 'edit-cancel' }, 'Cancel');
    cancel.addEventListener('click', () => deps.close());
    // Two columns, label and control, so the form fits the narrow mappings panel and a tablet.
    const field = (label: string, ...input: (HTMLElement | string)[]): HTMLElement[] => [h('span', { class: 'edit-label' }, label), h('div', { class: 'edit-control' }, ...input)];
    const form = h(
      'form',
      { class: 'mapping-edit' },
      ...field('Parameter', target),
      ...field('Range', this.from, '\u2192', this.to, this.unit),
      ...field('Takeover', takeover),
      ...field('', h('label', { class: 'edit-check' }, reverse, 'Reversed'), h('label', { class: 'edit-check' }, feedback, 'Feedback')),
      h('p', { class: 'muted edit-where' }, view.source === 'set' ? "Saved over the configured set in learned/set.json; Restore brings the set's own back." : `Saved in ${fileName(view.file)}.`),
      this.errors,
      h('div', { class: 'edit-buttons' }, cancel, save),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.submit(save);
    });
    document.addEventListener('keydown', this.onKey);
    this.el = h('tr', { class: 'edit-row', 'data-editing': view.id }, h('td', { colspan: columns }, form));
  }

  /** Escape anywhere on the page cancels (focus may have left the form with a disabled Save). */
  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') this.deps.close();
  };

  /** Takes the form off the page. */
  dispose(): void {
    document.removeEventListener('keydown', this.onKey);
    this.el.remove();
  }

  /** Focus on the parameter, where an edit usually starts. */
  focus(): void {
    this.el.querySelector('select')?.focus();
  }

  private descriptor(id: string): ParamDescriptor | undefined {
    return this.deps.params.find((p) => p.id === id);
  }

  private showRange(): void {
    const d = this.descriptor(this.values.target);
    this.from.value = String(round(this.values.from));
    this.to.value = String(round(this.values.to));
    if (d !== undefined) for (const input of [this.from, this.to]) Object.assign(input, { min: String(d.min), max: String(d.max) });
    this.unit.textContent = d?.unit ?? '';
  }

  private async submit(button: HTMLButtonElement): Promise<void> {
    const d = this.descriptor(this.values.target);
    if (d === undefined) return this.showErrors(`unknown parameter ${this.values.target}`, []);
    const from = Number(this.from.value);
    const to = Number(this.to.value);
    if (!Number.isFinite(from) || !Number.isFinite(to)) return this.showErrors('the range needs two numbers', []);
    button.disabled = true;
    const refused = await this.deps.save(editedEntry(this.view.entry, { ...this.values, from, to }, d));
    button.disabled = false;
    if (refused === null) this.deps.close();
    else this.showErrors(refused.message, refused.problems);
  }

  private showErrors(message: string, problems: readonly string[]): void {
    this.errors.replaceChildren(h('p', {}, message), ...(problems.length > 0 ? [h('ul', {}, ...problems.map((p) => h('li', { class: 'mono' }, p)))] : []));
  }
}

/** Enough digits for any unit, none to spare: 1234.5 Hz, 0.25 dB, 12 ms. */
const round = (v: number): number => Number(v.toPrecision(5));
const fileName = (path: string): string => path.split('/').slice(-2).join('/');
