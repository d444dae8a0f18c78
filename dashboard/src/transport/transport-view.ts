/**
 * The transport bar: play/pause, the playhead (time and a seek slider), loop, and another source
 * to load. Reads `/api/transport` a few times a second while the page is visible and moves the
 * playhead in between (transport-logic.ts); every command answers the new state, shown at once.
 * While the slider is held, reads never move it. Errors go to `notify` (the header's notice).
 */
import type { TransportState } from '../../../bridge/engine/source/transport.js';
import { apiCall } from '../api.js';
import { h, setText } from '../dom.js';
import { formatTime, positionAfter, sourceLabel } from './transport-logic.js';

const POLL_MS = 500;
/** Slider steps per second of the source (fine enough to seek to a downbeat). */
const STEPS_PER_S = 10;

type Command = { action: 'play' } | { action: 'pause' } | { action: 'seek'; position: number } | { action: 'loop'; loop: boolean } | { action: 'load'; source: string };

export class TransportView {
  private readonly play = h('button', { type: 'button', class: 'transport-play', 'aria-label': 'Play', disabled: true }, '▶');
  private readonly time = h('span', { class: 'transport-time', 'aria-live': 'off' }, '0:00.0 / 0:00.0');
  private readonly seek = h('input', { type: 'range', min: 0, max: 0, step: 1, value: 0, 'aria-label': 'Playhead', disabled: true });
  private readonly loop = h('input', { type: 'checkbox', 'aria-label': 'Loop' });
  private readonly name = h('span', { class: 'transport-source muted' }, '');
  private readonly path = h('input', { type: 'text', placeholder: 'file path, demo or input', 'aria-label': 'Source to load', spellcheck: false });
  private state: TransportState | undefined;
  private readAt = 0;
  private dragging = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    root: HTMLElement,
    private readonly notify: (message: string) => void,
  ) {
    const load = h('button', { type: 'button' }, 'Load');
    root.replaceChildren(
      h('div', { class: 'transport-row' }, this.play, this.time, h('label', { class: 'transport-loop' }, this.loop, 'loop')),
      this.seek,
      h('div', { class: 'transport-row' }, this.name),
      h('div', { class: 'transport-row' }, this.path, load),
    );
    this.play.addEventListener('click', () => void this.send(this.state?.playing === true ? { action: 'pause' } : { action: 'play' }));
    this.loop.addEventListener('change', () => void this.send({ action: 'loop', loop: this.loop.checked }));
    this.seek.addEventListener('pointerdown', () => (this.dragging = true));
    this.seek.addEventListener('input', () => {
      this.dragging = true;
      setText(this.time, `${formatTime(Number(this.seek.value) / STEPS_PER_S)} / ${formatTime(this.state?.duration ?? 0)}`);
    });
    this.seek.addEventListener('change', () => {
      this.dragging = false;
      void this.send({ action: 'seek', position: Number(this.seek.value) / STEPS_PER_S });
    });
    const submit = (): void => {
      const source = this.path.value.trim();
      if (source !== '') void this.send({ action: 'load', source });
    };
    load.addEventListener('click', submit);
    this.path.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') submit();
    });
  }

  start(): void {
    const tick = (): void => {
      if (document.visibilityState === 'visible') void this.read();
    };
    tick();
    this.timer = setInterval(tick, POLL_MS);
    const frame = (): void => {
      this.draw();
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async read(): Promise<void> {
    const r = await apiCall<TransportState>('GET', '/api/transport');
    if (r.ok) this.take(r.value);
    else if (r.code === 'TRANSPORT_UNAVAILABLE') this.unavailable(r.message);
  }

  private async send(command: Command): Promise<void> {
    const r = await apiCall<TransportState>('POST', '/api/transport', command);
    if (r.ok) this.take(r.value);
    else notifyOf(this.notify, r.message);
  }

  private take(s: TransportState): void {
    this.state = s;
    this.readAt = performance.now();
    const hasTransport = s.duration > 0;
    this.play.disabled = !hasTransport;
    this.seek.disabled = !hasTransport;
    this.loop.disabled = !hasTransport;
    this.play.textContent = s.playing ? '❚❚' : '▶';
    this.play.setAttribute('aria-label', s.playing ? 'Pause' : 'Play');
    this.play.setAttribute('aria-pressed', String(s.playing));
    this.loop.checked = s.loop;
    this.seek.max = String(Math.round(s.duration * STEPS_PER_S));
    setText(this.name, sourceLabel(s.source));
    this.name.title = s.source;
  }

  private unavailable(message: string): void {
    this.play.disabled = true;
    this.seek.disabled = true;
    this.loop.disabled = true;
    setText(this.name, message);
  }

  /** Moves the playhead between reads (no layout: text only when it changes, the slider's value). */
  private draw(): void {
    const s = this.state;
    if (s === undefined || this.dragging) return;
    const p = positionAfter(s, (performance.now() - this.readAt) / 1000);
    setText(this.time, `${formatTime(p)} / ${formatTime(s.duration)}`);
    const v = String(Math.round(p * STEPS_PER_S));
    if (this.seek.value !== v) this.seek.value = v;
  }
}

function notifyOf(notify: (m: string) => void, message: string): void {
  notify(`transport: ${message}`);
}
