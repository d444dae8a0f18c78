/** The mapping list: control → parameter, with the physical input and whether feedback is on. */
import type { MappingView } from '../../bridge/server/messages.js';
import { h } from './dom.js';

export class MappingsView {
  constructor(private readonly root: HTMLElement) {}

  /** Rendered once per `hello`; mappings change only when the daemon reloads a profile. */
  show(mappings: readonly MappingView[], nameOf: (id: string) => string | undefined): void {
    if (mappings.length === 0) {
      this.root.replaceChildren(h('p', { class: 'empty' }, 'No mappings loaded.'));
      return;
    }
    const rows = mappings.map((m) =>
      h(
        'tr',
        { 'data-mapping': m.id },
        h('td', { class: 'mono' }, m.control),
        h('td', { class: m.input === null ? 'muted' : 'mono' }, m.input ?? 'no input'),
        h('td', { title: m.target }, nameOf(m.target) ?? m.target),
        h('td', { class: 'flag', title: m.feedback ? 'sends feedback' : 'no feedback' }, m.feedback ? '\u21c4' : ''),
      ),
    );
    const head = h('tr', {}, h('th', {}, 'Control'), h('th', {}, 'Input'), h('th', {}, 'Parameter'), h('th', {}, ''));
    this.root.replaceChildren(h('table', {}, h('thead', {}, head), h('tbody', {}, ...rows)));
  }
}
