/**
 * Every parameter, grouped by chain module in the engine's order, and within a module by section
 * when ids have three parts (`eq.band2.gain` → section `band2`), so an EQ reads as one line per
 * band. Built once per `hello` (only rebuilt when the parameter list itself changed); each `param`
 * message touches one row.
 */
import type { ParamDescriptor } from '../../../bridge/core/param/descriptor.js';
import type { LearnState } from '../../../bridge/learn/state.js';
import type { ParamState } from '../../../bridge/server/messages.js';
import { h } from '../dom.js';
import { valueLabel } from './param-kind.js';
import { ParamRow } from './param-row.js';

/** Controls per line: a parametric band's frequency, gain and Q. */
const PER_LINE = 3;

/** `eq.band2.gain` → `band2`; two-part ids (`input.gain`) share the module's one section. */
const sectionOf = (id: string): string => {
  const parts = id.split('.');
  return parts.length >= 3 ? parts.slice(1, -1).join('.') : '';
};

/** The descriptors without their live values: equal signatures mean the rows can stay. */
const signature = (params: readonly ParamState[]): string =>
  JSON.stringify(params.map(({ value: _v, norm: _n, ...d }) => d));

export class ParamPanel {
  private rows = new Map<string, ParamRow>();
  private built = '';
  private learning: string | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly onSet: (id: string, value: number) => void,
    private readonly onLearn: (id: string, learning: boolean) => void = () => undefined,
  ) {}

  load(params: readonly ParamState[]): void {
    const sig = signature(params);
    if (sig === this.built) {
      for (const p of params) this.rows.get(p.id)?.show(p.value, p.norm, '');
      return;
    }
    this.built = sig;
    this.rows = new Map();
    const modules = new Map<string, HTMLElement>();
    const lines = new Map<string, HTMLElement>();
    for (const p of params) {
      let module = modules.get(p.module);
      if (module === undefined) {
        module = h('section', { class: 'module', 'data-module': p.module }, h('h3', {}, p.module));
        modules.set(p.module, module);
      }
      const key = `${p.module}/${sectionOf(p.id)}`;
      let line = lines.get(key);
      if (line === undefined) {
        line = h('div', { class: 'line' });
        lines.set(key, line);
        module.append(line);
      }
      const row = new ParamRow(p, p.value, p.norm, this.onSet, (id) => this.onLearn(id, this.learning === id));
      this.rows.set(p.id, row);
      line.append(row.el);
    }
    // A module with more than one line (or a full one) gets the panel's whole width.
    for (const m of modules.values()) {
      const rows = m.querySelectorAll('.param').length;
      m.classList.toggle('wide', m.querySelectorAll('.line').length > 1 || rows >= PER_LINE);
    }
    this.root.replaceChildren(...modules.values());
    this.markLearning();
  }

  /** A learn state from the daemon: learn buttons appear, and the one listening is pressed. */
  learnState(s: LearnState): void {
    this.root.classList.add('learn-on');
    this.learning = s.state === 'listening' ? s.param : null;
    this.markLearning();
  }

  private markLearning(): void {
    for (const [id, row] of this.rows) row.learn.setAttribute('aria-pressed', String(id === this.learning));
  }

  update(id: string, value: number, norm: number, origin: string): void {
    this.rows.get(id)?.show(value, norm, origin);
  }

  /** A value of parameter `id` as the row shows it (`+3.5 dB`, `mid`, `Bypassed`), or undefined for an unknown id. */
  valueText(id: string, value: number): string | undefined {
    const d = this.rows.get(id)?.d;
    return d === undefined ? undefined : valueLabel(d, value);
  }

  /** A parameter's descriptor, or undefined for an unknown id. */
  descriptor(id: string): ParamDescriptor | undefined {
    return this.rows.get(id)?.d;
  }

  /** Every parameter, in chain order. */
  all(): readonly ParamDescriptor[] {
    return [...this.rows.values()].map((r) => r.d);
  }

  /** The display name of a parameter id, for the mapping list. */
  nameOf(id: string): string | undefined {
    return this.rows.get(id)?.d.name;
  }
}
