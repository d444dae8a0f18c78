/**
 * One parameter's controls, by the kind of parameter (param-kind.ts):
 * - a slider: a range input over the normalised position (so log-scaled frequencies feel even), a
 *   number input in plain units and a readout;
 * - a choice (an EQ band's mode): a select listing the choice names;
 * - an on/off (a module's bypass): a switch saying what it does (`Bypassed` / `Active`).
 * Each also shows who moved it last and has a Learn button. All send `set` with the plain value.
 * Server updates move the controls in place, except the range while the user drags it (and for a
 * moment after any slider gesture, gestures.ts `HOLD_MS`) and the number box while it is focused.
 * The slider's mouse, wheel and key gestures are gestures.ts's.
 */
import type { ParamDescriptor } from '../../../bridge/core/param/descriptor.js';
import { h, setText } from '../dom.js';
import { decimalsFor } from '../format.js';
import {
  atNorm,
  atValue,
  browserWheel,
  Drag,
  fineDrag,
  fineStep,
  gestureHelp,
  Hold,
  keyMove,
  moveTarget,
  resetClick,
  ScrollLatch,
  stepTarget,
  WheelAccumulator,
  wheelNotches,
  type Target,
} from './gestures.js';
import { choiceOptions, controlKind, isBypass, isOn, toggled, valueLabel, type ControlKind } from './param-kind.js';

/** Plain-number text for the number box: enough decimals for the step, no trailing noise. */
const numberText = (d: ParamDescriptor, v: number): string => String(Number(v.toFixed(decimalsFor(d.step, 2))));

/** Width of the range's thumb (px): the track is inset by half of it at each end. */
const THUMB_PX = 16;

let pageLatch: ScrollLatch | null = null;
/**
 * The page's one scroll latch: a wheel event that reaches the document with no slider having taken
 * it is scrolling the page. Registered with the first slider.
 */
function scrollLatch(): ScrollLatch {
  if (pageLatch === null) {
    const l = new ScrollLatch();
    document.addEventListener('wheel', (e) => !e.defaultPrevented && l.scrolled(e.timeStamp), { passive: true });
    pageLatch = l;
  }
  return pageLatch;
}

/** The kind-specific part of a row: its elements and how a server value moves them. */
interface Control {
  readonly els: readonly HTMLElement[];
  show(value: number, norm: number): void;
}

export class ParamRow {
  readonly el: HTMLElement;
  readonly kind: ControlKind;
  private readonly control: Control;
  private readonly readout: HTMLElement;
  private readonly origin: HTMLElement;
  /** Learn a control for this parameter (shown only when the daemon offers learn). */
  readonly learn: HTMLButtonElement;
  private value: number;

  constructor(
    readonly d: ParamDescriptor,
    value: number,
    norm: number,
    private readonly onSet: (id: string, value: number) => void,
    onLearn: (id: string) => void,
  ) {
    this.value = value;
    this.kind = controlKind(d);
    this.readout = h('span', { class: 'readout' });
    this.origin = h('span', { class: 'origin' });
    this.learn = h('button', { type: 'button', class: 'learn', 'aria-pressed': 'false', title: `Learn: turn a control to map it to ${d.name}` }, 'Learn');
    this.learn.addEventListener('click', () => onLearn(d.id));
    this.control = this.kind === 'choice' ? this.choice() : this.kind === 'toggle' ? this.toggle() : this.slider();
    const range = this.kind === 'choice' ? `${d.id}: ${choiceOptions(d).map((o) => `${o.value} ${o.label}`).join(', ')}` : `${d.id}: ${d.min}..${d.max} ${d.unit}`;
    this.el = h(
      'div',
      { class: 'param', 'data-param': d.id, 'data-kind': this.kind, title: range },
      h('label', { class: 'name' }, d.name),
      this.readout,
      ...this.control.els,
      this.origin,
      this.learn,
    );
    this.show(value, norm, '');
  }

  /** A value from the server (or the initial one). */
  show(value: number, norm: number, origin: string): void {
    this.value = value;
    this.control.show(value, norm);
    setText(this.readout, valueLabel(this.d, value));
    setText(this.origin, origin);
    if (this.origin.title !== origin) this.origin.title = origin;
  }

  /**
   * The range input is driven by gestures.ts for a mouse (relative drags with a fine mode, wheel,
   * double-click and Alt-click to default, keys); touch and pen keep the browser's own handling.
   */
  private slider(): Control {
    const d = this.d;
    const label = `${d.name} (${d.unit})`;
    const range = h('input', { type: 'range', min: 0, max: 1, step: 'any', 'aria-label': label, title: gestureHelp(valueLabel(d, d.default)) });
    const number = h('input', { type: 'number', min: d.min, max: d.max, step: d.step > 0 ? d.step : 'any', 'aria-label': label, class: 'num' });
    /** The daemon's latest value and position. */
    let server: Target = { value: this.value, norm: 0 };
    /** A mouse drag in progress, and the travel (px) it measures in. */
    let drag: Drag | null = null;
    let travel = 1;
    /** A touch or pen drag in progress (the browser's own). */
    let touching = false;
    const hold = new Hold();
    const latch = scrollLatch();
    const wheel = new WheelAccumulator();
    let resync: ReturnType<typeof setTimeout> | undefined;

    /** Moves the thumb and says the value to assistive technology. */
    const place = (t: Target): void => {
      const text = String(t.norm);
      if (range.value !== text) range.value = text;
      const spoken = valueLabel(d, t.value);
      if (range.getAttribute('aria-valuetext') !== spoken) range.setAttribute('aria-valuetext', spoken);
    };
    const busy = (): boolean => drag !== null || touching || hold.get(performance.now()) !== null;
    /** Where the next step starts: the gesture's own position while it holds, else the daemon's. */
    const current = (): Target => hold.get(performance.now()) ?? server;
    /** Once the gesture has ended and its hold run out, the thumb follows the daemon again. */
    const settle = (): void => {
      clearTimeout(resync);
      const wait = hold.expires - performance.now();
      if (drag !== null || touching) return;
      if (wait > 0) {
        resync = setTimeout(settle, wait + 1);
        return;
      }
      hold.clear();
      wheel.reset();
      place(server);
    };
    /** A position from a gesture: shown at once, held, and sent (the set queue coalesces per frame). */
    const commit = (t: Target): void => {
      const before = current();
      place(t);
      number.value = numberText(d, t.value);
      setText(this.readout, valueLabel(d, t.value));
      hold.set(t, performance.now());
      settle();
      if (t.value !== before.value) this.onSet(d.id, t.value);
    };
    const reset = (): void => commit(atValue(d, d.default));
    /** A drag ended: the hold runs out from here, then the thumb follows the daemon. */
    const release = (): void => {
      drag = null;
      touching = false;
      settle();
    };

    range.addEventListener('pointerdown', (e) => {
      if (e.pointerType !== 'mouse') {
        // The browser drags; the daemon's echoes wait until the finger lifts.
        touching = true;
        const lift = (): void => {
          window.removeEventListener('pointerup', lift);
          window.removeEventListener('pointercancel', lift);
          release();
        };
        window.addEventListener('pointerup', lift);
        window.addEventListener('pointercancel', lift);
        return;
      }
      if (e.button !== 0) return;
      // The browser's own drag (absolute only, no fine mode) never starts; focus is ours to give.
      e.preventDefault();
      range.focus({ preventScroll: true });
      if (resetClick(e)) {
        reset();
        return;
      }
      const box = range.getBoundingClientRect();
      travel = Math.max(1, box.width - THUMB_PX);
      let from = current();
      // A normal press beside the thumb jumps there, as the browser's does; a fine one never jumps.
      const x = e.clientX - box.left - THUMB_PX / 2;
      if (!fineDrag(e) && Math.abs(x - from.norm * travel) > THUMB_PX / 2) {
        from = atNorm(d, x / travel);
        commit(from);
      }
      drag = new Drag(e.clientX, from.norm, fineDrag(e));
      range.setPointerCapture(e.pointerId);
    });
    range.addEventListener('pointermove', (e) => {
      if (drag === null) return;
      const norm = drag.move(e.clientX, fineDrag(e), travel);
      if (norm !== current().norm) commit(atNorm(d, norm));
    });
    range.addEventListener('pointerup', release);
    range.addEventListener('pointercancel', release);
    range.addEventListener('lostpointercapture', release);
    // Ctrl + drag on a Mac is a right-click; the drag wins.
    range.addEventListener('contextmenu', (e) => drag !== null && e.preventDefault());
    range.addEventListener('dblclick', (e) => {
      e.preventDefault();
      reset();
    });
    range.addEventListener(
      'wheel',
      (e) => {
        if (browserWheel(e) || latch.scrolling(e.timeStamp)) return;
        // Over a slider the wheel is the slider's, even at an end: the page does not start moving.
        e.preventDefault();
        const steps = wheel.take(wheelNotches(e), d.step > 0);
        if (steps === 0) return;
        commit(stepTarget(d, current(), steps, fineStep(e)));
      },
      { passive: false },
    );
    range.addEventListener('keydown', (e) => {
      const move = keyMove(e.key, e);
      if (move === undefined) return;
      e.preventDefault();
      commit(moveTarget(d, current(), move));
    });
    // The browser's own changes: touch and pen drags, and scripts (tests) setting the value.
    range.addEventListener('input', () => commit(atNorm(d, Number(range.value))));
    number.addEventListener('change', () => {
      const v = number.valueAsNumber;
      if (Number.isFinite(v)) this.onSet(d.id, v);
    });
    // A rejected or abandoned entry falls back to the value the daemon holds.
    number.addEventListener('blur', () => {
      number.value = numberText(d, this.value);
    });
    return {
      els: [range, number],
      show: (value, norm) => {
        server = { value, norm };
        if (!busy()) place(server);
        if (document.activeElement !== number) number.value = numberText(d, value);
      },
    };
  }

  /** A select of the choice names; its option values are the plain values sent. */
  private choice(): Control {
    const d = this.d;
    const select = h('select', { class: 'choice', 'aria-label': d.name }, ...choiceOptions(d).map((o) => h('option', { value: o.value }, o.label)));
    select.addEventListener('change', () => {
      const v = Number(select.value);
      setText(this.readout, valueLabel(d, v));
      this.onSet(d.id, v);
    });
    return {
      els: [select],
      show: (value) => {
        const text = String(Math.round(value));
        if (select.value !== text) select.value = text;
      },
    };
  }

  /**
   * A switch, pressed when the value is on. For a bypass "on" is bypassed, so the switch says so in
   * words and is coloured as a warning; it never flips before the daemon confirms.
   */
  private toggle(): Control {
    const d = this.d;
    const state = h('span', { class: 'state' });
    const button = h(
      'button',
      { type: 'button', role: 'switch', class: isBypass(d) ? 'switch bypass' : 'switch', 'aria-checked': 'false', 'aria-label': d.name },
      h('span', { class: 'track', 'aria-hidden': 'true' }, h('span', { class: 'knob' })),
      state,
    );
    button.addEventListener('click', () => this.onSet(d.id, toggled(d, this.value)));
    return {
      els: [button],
      show: (value) => {
        const on = String(isOn(value));
        if (button.getAttribute('aria-checked') !== on) button.setAttribute('aria-checked', on);
        setText(state, valueLabel(d, value));
      },
    };
  }
}
