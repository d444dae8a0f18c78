/**
 * One parameter's controls, by the kind of parameter (param-kind.ts):
 * - a slider: a range input over the normalised position (so log-scaled frequencies feel even), a
 *   number input in plain units and a readout;
 * - a choice (an EQ band's mode): a select listing the choice names;
 * - an on/off (a module's bypass): a switch saying what it does (`Bypassed` / `Active`).
 * Each also shows who moved it last and has a Learn button. All send `set` with the plain value.
 * Server updates move the controls in place, except the range while the user drags it and the
 * number box while it is focused.
 */
import { fromNorm, type ParamDescriptor } from '../../../bridge/core/param/descriptor.js';
import { clampUnit } from '../../../bridge/core/unit.js';
import { h, setText } from '../dom.js';
import { decimalsFor } from '../format.js';
import { choiceOptions, controlKind, isBypass, isOn, toggled, valueLabel, type ControlKind } from './param-kind.js';

/** Plain-number text for the number box: enough decimals for the step, no trailing noise. */
const numberText = (d: ParamDescriptor, v: number): string => String(Number(v.toFixed(decimalsFor(d.step, 2))));

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

  private slider(): Control {
    const d = this.d;
    const label = `${d.name} (${d.unit})`;
    const range = h('input', { type: 'range', min: 0, max: 1, step: 'any', 'aria-label': label });
    const number = h('input', { type: 'number', min: d.min, max: d.max, step: d.step > 0 ? d.step : 'any', 'aria-label': label, class: 'num' });
    let dragging = false;
    range.addEventListener('pointerdown', () => {
      dragging = true;
      const release = (): void => {
        dragging = false;
        window.removeEventListener('pointerup', release);
        window.removeEventListener('pointercancel', release);
      };
      window.addEventListener('pointerup', release);
      window.addEventListener('pointercancel', release);
    });
    range.addEventListener('input', () => {
      const v = fromNorm(d, clampUnit(Number(range.value)));
      number.value = numberText(d, v);
      setText(this.readout, valueLabel(d, v));
      this.onSet(d.id, v);
    });
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
        if (!dragging) range.value = String(norm);
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
