/**
 * Device status cards, keyed by device id: a `devices` message (about once a second) updates text
 * in place, adds cards for new devices and removes vanished ones. A dot lights when a device saw
 * traffic since the previous update. Serial knob boxes show the counters that matter (the rest in
 * the tooltip) and, while up, a Calibrate button.
 */
import { assertNever } from '../../bridge/core/assert-never.js';
import type { DeviceSnapshot, DeviceStatus } from '../../bridge/core/devices.js';
import { DeviceRates, trafficText } from './device-rate.js';
import { h, setText } from './dom.js';
import { allCounters, canCalibrate, portOf, serialCounters } from './serial/serial-text.js';

interface Card {
  readonly el: HTMLElement;
  readonly status: HTMLElement;
  readonly endpoint: HTMLElement;
  readonly counters: HTMLElement;
  readonly error: HTMLElement;
  readonly activity: HTMLElement;
  /** Messages a second (or how long it has been idle). */
  readonly rate: HTMLElement;
  /** Serial boxes: the row with Calibrate, shown while the box is up. */
  readonly actions: HTMLElement | null;
  lastActivity: number | null;
}

function statusText(s: DeviceStatus): string {
  switch (s.state) {
    case 'up':
      return 'up';
    case 'down':
    case 'unavailable':
      return `${s.state}: ${s.reason}`;
    default:
      return assertNever(s, 'device status');
  }
}

function newCard(d: DeviceSnapshot, onCalibrate: (port: string) => void): Card {
  const calibrate = d.kind === 'serial' ? h('button', { type: 'button', class: 'calibrate', 'data-action': 'calibrate', title: `Calibrate the box on ${portOf(d.id)}` }, 'Calibrate') : null;
  calibrate?.addEventListener('click', () => onCalibrate(portOf(d.id)));
  const actions = calibrate === null ? null : h('div', { class: 'device-actions' }, calibrate);
  const card = {
    status: h('span', { class: 'status' }),
    endpoint: h('div', { class: 'endpoint mono' }),
    counters: h('div', { class: 'counters' }),
    error: h('div', { class: 'last-error' }),
    activity: h('span', { class: 'activity', title: 'traffic since the last update' }),
    rate: h('span', { class: 'rate mono', title: 'messages a second' }),
    actions,
    lastActivity: d.lastActivity,
  };
  const el = h(
    'div',
    { class: 'device', 'data-device': d.id },
    h('div', { class: 'device-head' }, card.activity, h('strong', {}, d.name), h('span', { class: 'kind' }, d.kind), card.status, card.rate),
    card.endpoint,
    card.counters,
    card.error,
    ...(actions === null ? [] : [actions]),
  );
  return { ...card, el };
}

export class DevicesView {
  private readonly cards = new Map<string, Card>();
  private readonly rates = new DeviceRates();

  constructor(
    private readonly root: HTMLElement,
    /** Calibrate on a serial card: the port (`/dev/ttyACM0`). */
    private readonly onCalibrate: (port: string) => void = () => {},
  ) {}

  show(devices: readonly DeviceSnapshot[]): void {
    const seen = new Set<string>();
    const traffic = this.rates.update(devices, performance.now());
    for (const d of devices) {
      seen.add(d.id);
      let card = this.cards.get(d.id);
      if (card === undefined) {
        card = newCard(d, this.onCalibrate);
        this.cards.set(d.id, card);
        this.root.append(card.el);
      }
      card.el.dataset['state'] = d.status.state;
      setText(card.status, statusText(d.status));
      setText(card.endpoint, d.endpoint);
      setText(card.rate, trafficText(traffic.get(d.id)));
      if (d.kind === 'serial' && 'frames' in d.counters) {
        setText(card.counters, serialCounters(d.counters));
        card.counters.title = allCounters(d.counters);
      } else {
        setText(card.counters, Object.entries(d.counters).map(([k, v]) => `${k} ${v}`).join(' \u00b7 '));
      }
      if (card.actions !== null) card.actions.hidden = !canCalibrate(d);
      setText(card.error, d.lastError ?? '');
      card.activity.classList.toggle('on', d.lastActivity !== null && d.lastActivity !== card.lastActivity);
      card.lastActivity = d.lastActivity;
    }
    for (const [id, card] of this.cards) {
      if (seen.has(id)) continue;
      card.el.remove();
      this.cards.delete(id);
    }
  }
}
