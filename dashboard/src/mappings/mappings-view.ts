/**
 * The mapping list: control → parameter, with the physical input, the glue in a few words,
 * whether feedback is on, and for soft takeover which way to turn a control to catch its
 * parameter; above it, the problems of the mapping files (an invalid edit keeps the previous
 * mappings in force until it is fixed). Grouped by controller profile (mapping-groups.ts) in
 * collapsible sections. Each mapping can be edited inline (edit-form.ts), deleted, and when the
 * learned overlay replaces or removes one of the configured set's, restored. While an editor is
 * open the list is not re-rendered (the newest list is kept and shown when it closes), so a
 * once-a-second catch update never takes the form from under the engineer's hands.
 */
import type { ParamDescriptor } from '../../../bridge/core/param/descriptor.js';
import type { MappingView, RemovedMappingView } from '../../../bridge/server/messages.js';
import { h } from '../dom.js';
import { EditForm } from './edit-form.js';
import { glueSummary } from './glue-text.js';
import { groupMappings, openGroups } from './mapping-groups.js';
import { deleteMapping, getEntry, putEntry, restoreMapping } from './mapping-client.js';

/** The parameters as the dashboard knows them. */
export interface ParamLookup {
  nameOf(id: string): string | undefined;
  descriptor(id: string): ParamDescriptor | undefined;
  all(): readonly ParamDescriptor[];
}

const COLUMNS = 6;
/** How long a Delete of a learned mapping (which no restore brings back) waits for its confirming click. */
const CONFIRM_MS = 4000;

/** `↑ 12 %`: the way to turn and how far (control travel) while a control has not caught its parameter. */
function catchText(c: MappingView['catch']): string {
  if (c === null || c.caught || c.direction === null) return '';
  const arrow = c.direction === 'up' ? '\u2191' : '\u2193';
  return c.distance === null ? arrow : `${arrow} ${Math.round(c.distance * 100)} %`;
}

export class MappingsView {
  /** Groups open at the last render (kept while the list is empty), and the mapping ids last shown. */
  private open = new Set<string>();
  private shown: ReadonlySet<string> | null = null;
  private latest: { mappings: readonly MappingView[]; problems: readonly string[]; removed: readonly RemovedMappingView[] } = { mappings: [], problems: [], removed: [] };
  private editing: EditForm | null = null;
  private armed: string | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly params: ParamLookup,
    private readonly notice: (message: string) => void,
  ) {}

  /**
   * On `hello` (mappings only) and on each `mappings` message (sent when the mappings, their
   * state, the files' problems or the removed list change).
   */
  show(mappings: readonly MappingView[], problems?: readonly string[], removed?: readonly RemovedMappingView[]): void {
    this.latest = { mappings, problems: problems ?? this.latest.problems, removed: removed ?? this.latest.removed };
    if (this.editing === null) this.render();
  }

  private render(): void {
    const { mappings, problems, removed } = this.latest;
    const issues = problems.length === 0 ? [] : [h('ul', { class: 'problems', role: 'alert' }, ...problems.map((p) => h('li', { class: 'mono' }, p)))];
    const gone = removed.length === 0 ? [] : [this.removedSection(removed)];
    if (mappings.length === 0) {
      this.shown = null;
      this.root.replaceChildren(...issues, h('p', { class: 'empty' }, 'No mappings loaded.'), ...gone);
      return;
    }
    const groups = groupMappings(mappings);
    this.open = openGroups(groups, this.openOnPage(), this.shown);
    this.shown = new Set(mappings.map((m) => m.id));
    const head = (): HTMLElement =>
      h('tr', {}, h('th', {}, 'Control'), h('th', {}, 'Input'), h('th', {}, 'Parameter'), h('th', {}, ''), h('th', {}, ''), h('th', {}, ''));
    const sections = groups.map((g) =>
      h(
        'details',
        { class: 'mapping-group', 'data-group': g.key, open: this.open.has(g.key) },
        h('summary', {}, h('span', { class: 'group-name mono' }, g.key), h('span', { class: 'count' }, `${g.mappings.length} mapping${g.mappings.length === 1 ? '' : 's'}, ${g.active} active`)),
        h('table', {}, h('thead', {}, head()), h('tbody', {}, ...g.mappings.map((m) => this.row(m)))),
      ),
    );
    this.root.replaceChildren(...issues, ...sections, ...gone);
  }

  /**
   * The groups open on the page right now, read from the page itself. Not from `toggle` events:
   * those arrive a task after the click, so a list re-rendered in between closed the group just
   * opened (seen in CI: the opened group's rows were never visible).
   */
  private openOnPage(): Set<string> {
    const groups = this.root.querySelectorAll<HTMLDetailsElement>('details.mapping-group[data-group]');
    if (groups.length === 0) return this.open;
    return new Set([...groups].filter((d) => d.open).map((d) => d.dataset['group'] ?? ''));
  }

  private row(m: MappingView): HTMLElement {
    const d = this.params.descriptor(m.target);
    const actions = h('td', { class: 'actions' });
    if (m.source === 'edited') actions.append(h('span', { class: 'tag', title: 'The learned overlay replaces the configured set\u2019s mapping' }, 'edited'));
    if (m.source === 'added') actions.append(h('span', { class: 'tag', title: 'Made by learn or on this page (learned/set.json)' }, 'learned'));
    if (m.source === 'edited') actions.append(this.button('\u21ba', 'restore', 'Restore the configured set\u2019s mapping', () => void this.restore(m.id)));
    const del = this.button('\u2715', 'delete', 'Delete', () => void this.remove(m, del));
    actions.append(this.button('\u270e', 'edit', 'Edit', () => void this.edit(m)), del);
    return h(
      'tr',
      { 'data-mapping': m.id, 'data-input': m.input ?? '', class: m.active ? '' : 'muted' },
      h('td', { class: 'mono' }, m.control),
      h('td', { class: m.input === null ? 'muted' : 'mono' }, m.input ?? 'no input'),
      h('td', { title: m.target }, this.params.nameOf(m.target) ?? m.target, h('span', { class: 'glue' }, glueSummary(m.glue, d))),
      h('td', { class: 'flag', title: m.feedback ? 'sends feedback' : 'no feedback' }, m.feedback ? '\u21c4' : ''),
      h('td', { class: 'flag', title: `takeover ${m.takeover}` }, catchText(m.catch)),
      actions,
    );
  }

  private removedSection(removed: readonly RemovedMappingView[]): HTMLElement {
    return h(
      'details',
      { class: 'mapping-group removed-mappings', open: true },
      h('summary', {}, h('span', { class: 'group-name' }, 'Removed from the configured set'), h('span', { class: 'count' }, `${removed.length}`)),
      h(
        'table',
        {},
        h(
          'tbody',
          {},
          ...removed.map((r) =>
            h('tr', { 'data-removed': r.id }, h('td', { class: 'mono' }, r.control), h('td', {}, this.params.nameOf(r.target) ?? r.target), h('td', { class: 'actions' }, this.button('Restore', 'restore', 'Restore the configured set\u2019s mapping', () => void this.restore(r.id)))),
          ),
        ),
      ),
    );
  }

  private button(label: string, action: string, title: string, run: () => void): HTMLButtonElement {
    const b = h('button', { type: 'button', 'data-action': action, title, 'aria-label': title }, label);
    b.addEventListener('click', run);
    return b;
  }

  private async edit(m: MappingView): Promise<void> {
    if (this.editing !== null) this.close();
    const id = m.id;
    const r = await getEntry(id);
    if (!r.ok) return this.notice(`Cannot edit ${id}: ${r.message}`);
    // The list may have been re-rendered while the entry was on its way: the row as it is now.
    const row = [...this.root.querySelectorAll<HTMLElement>('tr[data-mapping]')].find((el) => el.dataset['mapping'] === id && el.dataset['input'] === (m.input ?? ''));
    if (row === undefined) return this.notice(`${id} is no longer mapped`);
    const form = new EditForm(
      r.value,
      {
        params: this.params.all(),
        save: async (entry) => {
          const put = await putEntry(id, entry);
          return put.ok ? null : { message: put.message, problems: put.problems };
        },
        close: () => this.close(),
      },
      COLUMNS,
    );
    this.editing = form;
    row.after(form.el);
    form.focus();
  }

  private close(): void {
    this.editing?.dispose();
    this.editing = null;
    this.render();
  }

  /** The set's mappings go at once (Restore brings them back); a learned one asks for a second click. */
  private async remove(m: MappingView, button: HTMLButtonElement): Promise<void> {
    if (m.source === 'added' && this.armed !== m.id) {
      this.armed = m.id;
      button.textContent = 'Delete?';
      button.classList.add('danger');
      setTimeout(() => {
        if (this.armed !== m.id) return;
        this.armed = null;
        button.textContent = '\u2715';
        button.classList.remove('danger');
      }, CONFIRM_MS);
      return;
    }
    this.armed = null;
    const r = await deleteMapping(m.id);
    if (!r.ok) this.notice(`Cannot delete ${m.id}: ${[r.message, ...r.problems].join('; ')}`);
  }

  private async restore(id: string): Promise<void> {
    const r = await restoreMapping(id);
    if (!r.ok) this.notice(`Cannot restore ${id}: ${[r.message, ...r.problems].join('; ')}`);
  }
}
