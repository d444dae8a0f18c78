/**
 * The calibration of a serial knob box (`/api/serial/calibration`), as a modal dialog: Calibrate
 * on a device card opens it and starts (or joins) the calibration; it polls the live view about 5
 * times a second while open and walks the engineer through the steps: hands off (raw readings,
 * then noise), full travel (a bar per channel with the travel captured so far), centre (the taper
 * per pot), Save (the file written, in use at once). Cancel (or Escape) ends it at any point.
 * Errors show the daemon's message in the dialog.
 */
import type { CalibrationPhase } from '../../../bridge/core/serial/calibration-session.js';
import type { ApiResult } from '../api.js';
import { h, setText } from '../dom.js';
import { ChannelRows } from './calibration-rows.js';
import { phaseStep, savedText, STEPS } from './calibration-text.js';
import { serialApi, type CalibrationView } from './serial-api.js';

const POLL_MS = 200;

/** starting → running → saved, or ended (cancelled or saved elsewhere), or failed (could not start). */
type DialogState = 'starting' | 'running' | 'saved' | 'ended' | 'failed';
type Action = 'next' | 'save' | 'cancel' | 'close';

export class CalibrationDialog {
  readonly el = h('dialog', { id: 'calibration', 'aria-labelledby': 'cal-title' });
  private readonly title = h('h2', { id: 'cal-title' }, 'Calibrate');
  private readonly device = h('p', { class: 'cal-device mono' });
  private readonly steps = h('ol', { class: 'cal-steps' }, ...STEPS.map((s) => h('li', {}, s)));
  private readonly instruction = h('p', { class: 'cal-instruction', 'aria-live': 'polite' });
  private readonly rows = new ChannelRows();
  private readonly note = h('p', { class: 'cal-note small muted' });
  private readonly error = h('p', { class: 'cal-error', role: 'alert', 'data-cal-error': true });
  private readonly saved = h('p', { class: 'cal-saved', 'data-cal-saved': true });
  private readonly buttons: Record<Action, HTMLButtonElement>;
  private state: DialogState = 'ended';
  private phase: CalibrationPhase | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private polling = false;
  private acting = false;
  /** Bumped by every action, so a poll answered from before it does not undo what it showed. */
  private generation = 0;
  private pollError = false;

  constructor(parent: HTMLElement = document.body) {
    const button = (action: Action, label: string, cls = '') => {
      const b = h('button', { type: 'button', class: cls, 'data-cal-action': action }, label);
      b.addEventListener('click', () => void this.act(action));
      return b;
    };
    this.buttons = { cancel: button('cancel', 'Cancel'), next: button('next', 'Next', 'primary'), save: button('save', 'Save', 'primary'), close: button('close', 'Close') };
    this.el.append(
      this.title,
      this.device,
      this.steps,
      this.instruction,
      this.rows.el,
      this.note,
      this.error,
      this.saved,
      h('div', { class: 'row cal-buttons' }, this.buttons.cancel, this.buttons.close, this.buttons.next, this.buttons.save),
    );
    // Escape cancels the calibration like the Cancel button (or closes the dialog once it ended);
    // while it is starting, Escape waits for the answer (there is nothing to cancel yet).
    this.el.addEventListener('cancel', (e) => {
      e.preventDefault();
      if (this.state !== 'starting') void this.act(this.state === 'running' ? 'cancel' : 'close');
    });
    parent.append(this.el);
  }

  /** Opens the dialog for a box (`/dev/ttyACM0`): joins its calibration if one runs, else starts one. */
  async open(port: string): Promise<void> {
    if (this.el.open) return;
    this.rows.clear();
    this.phase = null;
    delete this.el.dataset['phase'];
    setText(this.title, `Calibrate ${port}`);
    setText(this.device, '');
    for (const el of [this.instruction, this.note, this.error, this.saved]) setText(el, '');
    setText(this.instruction, 'Starting\u2026');
    this.setState('starting');
    this.el.showModal();
    const gen = ++this.generation;
    const running = await serialApi.view();
    const joined = running.ok && running.value.device === port;
    const r = joined ? running : await serialApi.start(port);
    if (gen !== this.generation) return;
    if (!r.ok) {
      setText(this.instruction, 'The calibration could not start.');
      this.fail(r.message);
      return this.setState('failed');
    }
    if (joined) setText(this.note, 'This box was being calibrated already (elsewhere): continuing it. Cancel starts over.');
    this.setState('running');
    this.render(r.value);
    this.timer = setInterval(() => void this.poll(), POLL_MS);
  }

  private async poll(): Promise<void> {
    if (this.polling || this.acting || this.state !== 'running') return;
    this.polling = true;
    const gen = this.generation;
    const r = await serialApi.view();
    this.polling = false;
    if (gen !== this.generation || this.state !== 'running') return;
    if (r.ok) {
      if (this.pollError) this.fail(null);
      return this.render(r.value);
    }
    if (r.code === 'CALIBRATION_NONE') {
      this.end('ended');
      setText(this.instruction, 'The calibration ended elsewhere (cancelled, or saved by another client).');
    }
    this.fail(r.message);
    this.pollError = true;
  }

  private async act(action: Action): Promise<void> {
    if (this.acting) return;
    if (action === 'close') return this.close();
    this.acting = true;
    this.generation++;
    this.sync();
    try {
      if (action === 'cancel') {
        const r = await serialApi.cancel();
        if (!r.ok) return this.fail(r.message);
        this.end('ended');
        this.close();
      } else if (action === 'next') {
        this.show(await serialApi.next());
      } else {
        const r = await serialApi.save();
        if (!r.ok) return this.fail(r.message);
        this.fail(null);
        this.end('saved');
        setText(this.instruction, 'Calibration saved.');
        setText(this.saved, savedText(r.value));
      }
    } finally {
      this.acting = false;
      this.sync();
    }
  }

  private show(r: ApiResult<CalibrationView>): void {
    if (!r.ok) return this.fail(r.message);
    this.fail(null);
    this.render(r.value);
  }

  private render(v: CalibrationView): void {
    this.phase = v.phase;
    const step = phaseStep(v.phase);
    this.el.dataset['phase'] = v.phase;
    setText(this.title, `Calibrate ${v.device}`);
    setText(this.device, `profile ${v.profile} \u00b7 box ${v.identity}`);
    setText(this.instruction, step.instruction);
    [...this.steps.children].forEach((li, i) => {
      li.classList.toggle('done', i + 1 < step.step);
      if (i + 1 === step.step) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
    });
    if (step.next !== null) setText(this.buttons.next, step.next);
    this.rows.show(v.channels, v.phase);
    this.sync();
  }

  /** Shows an error (the daemon's message), or clears it with null. */
  private fail(message: string | null): void {
    this.pollError = false;
    setText(this.error, message ?? '');
  }

  private end(state: 'saved' | 'ended'): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.setState(state);
  }

  private setState(s: DialogState): void {
    this.state = s;
    this.el.dataset['calState'] = s;
    this.sync();
  }

  /** Which buttons show, and whether they can be pressed now. */
  private sync(): void {
    const live = this.state === 'running' || this.state === 'starting';
    const b = this.buttons;
    b.cancel.hidden = !live;
    b.close.hidden = live;
    b.next.hidden = this.state !== 'running' || this.phase === 'done';
    b.save.hidden = this.state !== 'running' || this.phase !== 'done';
    for (const x of [b.cancel, b.next, b.save]) x.disabled = this.acting || this.state === 'starting';
  }

  private close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.generation++;
    if (this.state === 'running' || this.state === 'starting') this.setState('ended');
    this.el.close();
  }
}
