/**
 * The mapping list: control → parameter, with the physical input, whether feedback is on, and for
 * soft takeover which way to turn a control to catch its parameter; above it, the problems of the
 * mapping files (an invalid edit keeps the previous mappings in force until it is fixed).
 */
import type { MappingView } from '../../bridge/server/messages.js';
import { h } from './dom.js';

/** `↑ 12 %`: the way to turn and how far (control travel) while a control has not caught its parameter. */
function catchText(c: MappingView['catch']): string {
  if (c === null || c.caught || c.direction === null) return '';
  const arrow = c.direction === 'up' ? '\u2191' : '\u2193';
  return c.distance === null ? arrow : `${arrow} ${Math.round(c.distance * 100)} %`;
}

export class MappingsView {
  constructor(private readonly root: HTMLElement) {}

  /** Rendered on `hello` and on each `mappings` message (sent when the mappings or their state change). */
  show(mappings: readonly MappingView[], nameOf: (id: string) => string | undefined, problems: readonly string[] = []): void {
    const issues = problems.length === 0 ? [] : [h('ul', { class: 'problems', role: 'alert' }, ...problems.map((p) => h('li', { class: 'mono' }, p)))];
    if (mappings.length === 0) {
      this.root.replaceChildren(...issues, h('p', { class: 'empty' }, 'No mappings loaded.'));
      return;
    }
    const rows = mappings.map((m) =>
      h(
        'tr',
        { 'data-mapping': m.id, class: m.active ? '' : 'muted' },
        h('td', { class: 'mono' }, m.control),
        h('td', { class: m.input === null ? 'muted' : 'mono' }, m.input ?? 'no input'),
        h('td', { title: m.target }, nameOf(m.target) ?? m.target),
        h('td', { class: 'flag', title: m.feedback ? 'sends feedback' : 'no feedback' }, m.feedback ? '\u21c4' : ''),
        h('td', { class: 'flag', title: `takeover ${m.takeover}` }, catchText(m.catch)),
      ),
    );
    const head = h('tr', {}, h('th', {}, 'Control'), h('th', {}, 'Input'), h('th', {}, 'Parameter'), h('th', {}, ''), h('th', {}, ''));
    this.root.replaceChildren(...issues, h('table', {}, h('thead', {}, head), h('tbody', {}, ...rows)));
  }
}
