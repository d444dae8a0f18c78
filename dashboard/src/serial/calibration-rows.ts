/**
 * The calibration dialog's channel table: one row per channel of the box, keyed by name, updated
 * in place on every poll: the live raw reading, the resting noise, a bar with the travel captured
 * so far and a marker where the control is now, and (from the centre step) each pot's taper.
 */
import type { CalibrationPhase } from '../../../bridge/core/serial/calibration-session.js';
import { h, setText } from '../dom.js';
import { barOf, channelCells } from './calibration-text.js';
import type { CalibrationChannel } from './serial-api.js';

interface Row {
  readonly el: HTMLTableRowElement;
  readonly label: HTMLElement;
  readonly raw: HTMLElement;
  readonly noise: HTMLElement;
  readonly bar: HTMLElement;
  readonly range: HTMLElement;
  readonly pos: HTMLElement;
  readonly travel: HTMLElement;
  readonly taper: HTMLElement;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function newRow(name: string): Row {
  const cell = (field: string) => h('td', { 'data-field': field });
  const range = h('div', { class: 'cal-range' });
  const pos = h('div', { class: 'cal-pos' });
  const bar = h('div', { class: 'cal-bar', 'data-field': 'bar', role: 'img' }, range, pos);
  const travel = h('div', { class: 'cal-travel', 'data-field': 'travel' });
  const row = { label: cell('label'), raw: cell('raw'), noise: cell('noise'), taper: cell('taper') };
  row.raw.classList.add('mono');
  const el = h('tr', { class: 'cal-channel', 'data-channel': name }, row.label, row.raw, row.noise, h('td', { class: 'cal-travel-cell' }, bar, travel), row.taper);
  return { ...row, el, bar, range, pos, travel };
}

export class ChannelRows {
  readonly el: HTMLElement;
  private readonly body = h('tbody');
  private readonly waiting = h('p', { class: 'muted small cal-waiting' }, 'Waiting for the first readings from the box\u2026');
  private readonly rows = new Map<string, Row>();

  constructor() {
    const head = h('tr', {}, ...['Control', 'Raw', 'Noise', 'Travel', 'Taper'].map((t) => h('th', { scope: 'col' }, t)));
    this.el = h('div', { class: 'cal-table' }, h('table', { class: 'cal-channels' }, h('thead', {}, head), this.body), this.waiting);
  }

  clear(): void {
    this.rows.clear();
    this.body.replaceChildren();
    this.waiting.hidden = false;
  }

  show(channels: readonly CalibrationChannel[], phase: CalibrationPhase): void {
    const seen = new Set<string>();
    channels.forEach((c, i) => {
      seen.add(c.name);
      let row = this.rows.get(c.name);
      if (row === undefined) {
        row = newRow(c.name);
        this.rows.set(c.name, row);
      }
      // The daemon's order (by channel name); rows move only when a channel appears in between.
      const at = this.body.children[i];
      if (at !== row.el) this.body.insertBefore(row.el, at ?? null);
      this.update(row, c, phase);
    });
    for (const [name, row] of this.rows) {
      if (seen.has(name)) continue;
      row.el.remove();
      this.rows.delete(name);
    }
    this.waiting.hidden = channels.length > 0;
  }

  private update(row: Row, c: CalibrationChannel, phase: CalibrationPhase): void {
    const t = channelCells(c, phase);
    row.el.dataset['tone'] = t.tone;
    setText(row.label, t.label);
    row.label.title = `channel ${c.name}${c.kind === null ? '' : ` \u00b7 ${c.kind}`} \u00b7 ${c.bits}-bit`;
    setText(row.raw, t.raw);
    setText(row.noise, t.noise);
    setText(row.travel, t.travel);
    setText(row.taper, t.taper);
    const b = barOf(c);
    row.pos.style.left = pct(b.pos);
    row.range.hidden = b.range === null;
    if (b.range !== null) {
      row.range.style.left = pct(b.range.from);
      row.range.style.width = pct(b.range.to - b.range.from);
    }
    // For tests and assistive tech: the numbers behind the bar.
    row.bar.dataset['pos'] = String(c.raw);
    if (c.range === null) {
      delete row.bar.dataset['min'];
      delete row.bar.dataset['max'];
    } else {
      row.bar.dataset['min'] = String(c.range.min);
      row.bar.dataset['max'] = String(c.range.max);
    }
    row.bar.setAttribute('aria-label', c.range === null ? `now ${t.raw}` : `travel ${t.travel}; now ${t.raw}`);
  }
}
