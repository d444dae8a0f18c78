/**
 * The learn banner under the header: "Turn a control for Band 2 gain…" with a countdown and
 * Cancel while listening, then the outcome for a few seconds. Driven by `learn` messages only.
 */
import type { LearnState } from '../../../bridge/learn/state.js';
import { h, setText } from '../dom.js';
import { addLearnStyles } from './learn-style.js';
import { learnBanner, secondsLeft } from './learn-text.js';

export class LearnBanner {
  readonly el: HTMLElement;
  private readonly text: HTMLElement;
  private readonly left: HTMLElement;
  private readonly cancel: HTMLButtonElement;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;
  private tick: ReturnType<typeof setInterval> | undefined;

  constructor(
    anchor: Element,
    private readonly nameOf: (id: string) => string | undefined,
    onCancel: () => void,
  ) {
    addLearnStyles();
    this.text = h('span', { class: 'text' });
    this.left = h('span', { class: 'left' });
    this.cancel = h('button', { type: 'button' }, 'Cancel');
    this.cancel.addEventListener('click', onCancel);
    this.el = h('div', { id: 'learn-banner', role: 'status', 'aria-live': 'polite', hidden: true }, this.text, this.left, this.cancel);
    anchor.after(this.el);
  }

  show(s: LearnState): void {
    clearTimeout(this.hideTimer);
    clearInterval(this.tick);
    setText(this.left, '');
    const c = learnBanner(s, this.nameOf);
    if (c === null) {
      this.el.hidden = true;
      return;
    }
    setText(this.text, c.text);
    this.el.dataset['tone'] = c.tone;
    this.el.dataset['state'] = s.state;
    this.cancel.hidden = !c.cancellable;
    this.el.hidden = false;
    if (s.state === 'listening') {
      const start = performance.now();
      const update = (): void => setText(this.left, `${secondsLeft(s.timeoutMs, performance.now() - start)} s`);
      update();
      this.tick = setInterval(update, 250);
    }
    if (c.hideAfterMs !== null) this.hideTimer = setTimeout(() => (this.el.hidden = true), c.hideAfterMs);
  }
}
