/**
 * Level-matched A/B (`/api/compare`): start with two snapshots of the open session's track (or
 * the whole chain in and out), switch between the states, see each state's loudness offset and
 * the monitor gain it plays with, stop. There is no WebSocket message for the compare state, so
 * the view polls `GET /api/compare` once a second while a comparison is active (measurements
 * complete over seconds), and after every action.
 */
import { assertNever } from '../../../bridge/core/assert-never.js';
import type { CompareState } from '../../../bridge/session/compare/compare.js';
import { h, setText } from '../dom.js';
import { sessionApi, type ApiResult } from './session-api.js';
import { slotText } from './session-text.js';

const POLL_MS = 1000;

export class CompareView {
  private readonly slotA = h('input', { type: 'text', class: 'text slot-name', value: 'A', 'aria-label': 'First state' });
  private readonly slotB = h('input', { type: 'text', class: 'text slot-name', value: 'B', 'aria-label': 'Second state' });
  private readonly idle: HTMLElement;
  private readonly active = h('div', { class: 'compare-active' });
  private readonly status = h('p', { class: 'small muted compare-status' });
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly notice: (message: string) => void,
    /** A switch moved parameters (the history has a new step). */
    private readonly onSwitched: () => void,
  ) {
    this.idle = h(
      'div',
      { class: 'row' },
      this.slotA,
      h('span', { class: 'muted' }, 'vs'),
      this.slotB,
      this.button('A/B', 'start-compare', () => sessionApi.startCompare([this.slotA.value.trim(), this.slotB.value.trim()])),
      this.button('Bypass', 'start-bypass', () => sessionApi.startCompare('bypass')),
    );
    root.replaceChildren(this.idle, this.active, this.status);
    this.active.hidden = true;
  }

  async refresh(): Promise<void> {
    const r = await sessionApi.compare();
    if (r.ok) this.show(r.value);
  }

  private button(label: string, cls: string, run: () => Promise<ApiResult<CompareState>>): HTMLButtonElement {
    const b = h('button', { type: 'button', class: cls }, label);
    b.addEventListener('click', () => void this.run(run()));
    return b;
  }

  private async run(call: Promise<ApiResult<CompareState>>): Promise<void> {
    const r = await call;
    if (!r.ok) return this.notice(`A/B: ${r.message}`);
    this.show(r.value);
    this.onSwitched();
  }

  private show(s: CompareState): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.root.dataset['active'] = String(s.active);
    switch (s.active) {
      case false:
        this.idle.hidden = false;
        this.active.hidden = true;
        setText(this.status, 'Compare snapshots (or the chain in and out) at matched loudness.');
        return;
      case true: {
        this.idle.hidden = true;
        this.active.hidden = false;
        const slots = s.slots.map((slot) => {
          const b = h('button', { type: 'button', class: 'slot', 'data-slot': slot.name, 'aria-pressed': String(slot.name === s.selected) }, h('strong', {}, slot.name), h('span', { class: 'offset' }, slotText(slot)));
          b.addEventListener('click', () => void this.run(sessionApi.select(slot.name)));
          return b;
        });
        this.active.replaceChildren(h('div', { class: 'slots' }, ...slots), this.button('Stop', 'stop-compare', () => sessionApi.stopCompare()));
        const gain = s.monitor === 'unavailable' ? 'offsets shown only (no monitor gain)' : `monitor ${s.monitorGainDb.toFixed(1)} dB`;
        setText(this.status, `${s.mode === 'bypass' ? 'Chain in/out' : `Track ${s.track ?? ''}`} \u00b7 ${s.measuring ? `measuring ${s.selected}: stay on it ${s.match.windowS} s` : s.matched ? 'level-matched' : 'visit each state to measure it'} \u00b7 ${gain}`);
        this.timer = setTimeout(() => void this.refresh(), POLL_MS);
        return;
      }
      default:
        assertNever(s, 'compare state');
    }
  }
}
