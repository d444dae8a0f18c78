/**
 * The mapping list: control → parameter, with the physical input, whether feedback is on, and for
 * soft takeover which way to turn a control to catch its parameter; above it, the problems of the
 * mapping files (an invalid edit keeps the previous mappings in force until it is fixed). Grouped
 * by controller profile (mapping-groups.ts) in collapsible sections.
 */
import type { MappingView } from '../../bridge/server/messages.js';
import { h } from './dom.js';
import { groupMappings, openGroups } from './mapping-groups.js';

/** `↑ 12 %`: the way to turn and how far (control travel) while a control has not caught its parameter. */
function catchText(c: MappingView['catch']): string {
  if (c === null || c.caught || c.direction === null) return '';
  const arrow = c.direction === 'up' ? '\u2191' : '\u2193';
  return c.distance === null ? arrow : `${arrow} ${Math.round(c.distance * 100)} %`;
}

export class MappingsView {
  /** Groups the user has open (kept across re-renders), and the mapping ids last shown. */
  private open = new Set<string>();
  private shown: ReadonlySet<string> | null = null;

  constructor(private readonly root: HTMLElement) {}

  /**
   * Rendered on `hello` and on each `mappings` message (sent when the mappings or their state
   * change): one collapsible group per controller profile, so a long list does not push the
   * panels below it out of reach.
   */
  show(mappings: readonly MappingView[], nameOf: (id: string) => string | undefined, problems: readonly string[] = []): void {
    const issues = problems.length === 0 ? [] : [h('ul', { class: 'problems', role: 'alert' }, ...problems.map((p) => h('li', { class: 'mono' }, p)))];
    if (mappings.length === 0) {
      this.shown = null;
      this.root.replaceChildren(...issues, h('p', { class: 'empty' }, 'No mappings loaded.'));
      return;
    }
    const groups = groupMappings(mappings);
    this.open = openGroups(groups, this.open, this.shown);
    this.shown = new Set(mappings.map((m) => m.id));
    const head = (): HTMLElement => h('tr', {}, h('th', {}, 'Control'), h('th', {}, 'Input'), h('th', {}, 'Parameter'), h('th', {}, ''), h('th', {}, ''));
    const sections = groups.map((g) => {
      const details = h(
        'details',
        { class: 'mapping-group', 'data-group': g.key, open: this.open.has(g.key) },
        h('summary', {}, h('span', { class: 'group-name mono' }, g.key), h('span', { class: 'count' }, `${g.mappings.length} mapping${g.mappings.length === 1 ? '' : 's'}, ${g.active} active`)),
        h('table', {}, h('thead', {}, head()), h('tbody', {}, ...g.mappings.map((m) => row(m, nameOf)))),
      );
      details.addEventListener('toggle', () => {
        if (details.open) this.open.add(g.key);
        else this.open.delete(g.key);
      });
      return details;
    });
    this.root.replaceChildren(...issues, ...sections);
  }
}

function row(m: MappingView, nameOf: (id: string) => string | undefined): HTMLElement {
  return h(
    'tr',
    { 'data-mapping': m.id, class: m.active ? '' : 'muted' },
    h('td', { class: 'mono' }, m.control),
    h('td', { class: m.input === null ? 'muted' : 'mono' }, m.input ?? 'no input'),
    h('td', { title: m.target }, nameOf(m.target) ?? m.target),
    h('td', { class: 'flag', title: m.feedback ? 'sends feedback' : 'no feedback' }, m.feedback ? '\u21c4' : ''),
    h('td', { class: 'flag', title: `takeover ${m.takeover}` }, catchText(m.catch)),
  );
}
