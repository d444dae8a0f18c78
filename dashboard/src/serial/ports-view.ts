/**
 * The "Serial ports" list under the devices: every port discovery sees (`/api/serial/ports`), with
 * its USB ids, the firmware profile it opens with (or how to name one) and whether Detent has it
 * open, plus a note when the system's port list is unavailable. Reloaded when the page connects,
 * when a serial device changes, every few seconds and on Refresh; hidden when the daemon has no
 * serial support.
 */
import type { DeviceSnapshot } from '../../../bridge/core/devices.js';
import { h, setText } from '../dom.js';
import { serialApi, type SerialPorts } from './serial-api.js';
import { fallbackNote, portLine } from './serial-text.js';

const REFRESH_MS = 5000;

export class SerialPortsView {
  private readonly list = h('ul', { class: 'ports' });
  private readonly note = h('p', { class: 'ports-note small muted' });
  private shown = '';
  private devices: string | null = null;
  private loading = false;

  constructor(private readonly root: HTMLElement) {
    const refresh = h('button', { type: 'button', class: 'refresh-ports', 'data-action': 'refresh-ports', title: 'Reload the port list' }, 'Refresh');
    refresh.addEventListener('click', () => void this.refresh());
    root.replaceChildren(h('div', { class: 'sub ports-head' }, h('span', {}, 'Serial ports'), refresh), this.list, this.note);
    root.hidden = true;
    setInterval(() => {
      if (!document.hidden) void this.refresh();
    }, REFRESH_MS);
  }

  async refresh(): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    const r = await serialApi.ports();
    this.loading = false;
    if (r.ok) return this.show(r.value);
    // No serial support in this daemon: no list. A daemon out of reach keeps the last list.
    if (r.code === 'SERIAL_UNAVAILABLE') this.root.hidden = true;
  }

  /** The devices changed: a serial box that opened, closed or was identified changes the list too. */
  devicesChanged(devices: readonly DeviceSnapshot[]): void {
    const key = devices
      .filter((d) => d.kind === 'serial')
      .map((d) => `${d.id} ${d.status.state} ${d.endpoint}`)
      .join('\n');
    if (key === this.devices) return;
    this.devices = key;
    void this.refresh();
  }

  private show(p: SerialPorts): void {
    this.root.hidden = false;
    const key = JSON.stringify(p);
    if (key === this.shown) return;
    this.shown = key;
    this.list.replaceChildren(
      ...(p.ports.length === 0
        ? [h('li', { class: 'empty' }, 'No serial ports found.')]
        : p.ports.map((port) => {
            const l = portLine(port);
            return h(
              'li',
              { class: 'port', 'data-port': l.path, 'data-open': String(port.open) },
              h('div', { class: 'port-head' }, h('span', { class: 'mono path' }, l.path), h('span', { class: 'open' }, l.open)),
              h('div', { class: 'ids' }, l.ids),
              h('div', { class: l.matched ? 'profile' : 'profile none' }, l.profile),
            );
          })),
    );
    setText(this.note, fallbackNote(p.fallback) ?? '');
  }
}
