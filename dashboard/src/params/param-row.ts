/**
 * One parameter's controls: a range input over the normalised position (so log-scaled frequencies
 * feel even), a number input in plain units, a readout and who moved it last. Server updates move
 * the controls, except the range while the user drags it and the number box while it is focused.
 */
import { fromNorm, type ParamDescriptor } from '../../../bridge/core/param/descriptor.js';
import { clampUnit } from '../../../bridge/core/unit.js';
import { h, setText } from '../dom.js';
import { decimalsFor, formatValue } from '../format.js';

/** Plain-number text for the number box: enough decimals for the step, no trailing noise. */
const numberText = (d: ParamDescriptor, v: number): string => String(Number(v.toFixed(decimalsFor(d.step, 2))));

export class ParamRow {
  readonly el: HTMLElement;
  private readonly range: HTMLInputElement;
  private readonly number: HTMLInputElement;
  private readonly readout: HTMLElement;
  private readonly origin: HTMLElement;
  /** Learn a control for this parameter (shown only when the daemon offers learn). */
  readonly learn: HTMLButtonElement;
  private dragging = false;
  private value: number;

  constructor(
    readonly d: ParamDescriptor,
    value: number,
    norm: number,
    private readonly onSet: (id: string, value: number) => void,
    onLearn: (id: string) => void,
  ) {
    this.value = value;
    const label = `${d.name} (${d.unit})`;
    this.range = h('input', { type: 'range', min: 0, max: 1, step: 'any', 'aria-label': label });
    this.number = h('input', {
      type: 'number',
      min: d.min,
      max: d.max,
      step: d.step > 0 ? d.step : 'any',
      'aria-label': label,
      class: 'num',
    });
    this.readout = h('span', { class: 'readout' });
    this.origin = h('span', { class: 'origin' });
    this.learn = h('button', { type: 'button', class: 'learn', 'aria-pressed': 'false', title: `Learn: turn a control to map it to ${d.name}` }, 'Learn');
    this.learn.addEventListener('click', () => onLearn(d.id));
    this.el = h(
      'div',
      { class: 'param', 'data-param': d.id, title: `${d.id}: ${d.min}..${d.max} ${d.unit}` },
      h('label', { class: 'name' }, d.name),
      this.readout,
      this.range,
      this.number,
      this.origin,
      this.learn,
    );
    this.wire();
    this.show(value, norm, '');
  }

  /** A value from the server (or the initial one). */
  show(value: number, norm: number, origin: string): void {
    this.value = value;
    if (!this.dragging) this.range.value = String(norm);
    if (document.activeElement !== this.number) this.number.value = numberText(this.d, value);
    setText(this.readout, formatValue(value, this.d.unit, this.d.step));
    setText(this.origin, origin);
    if (this.origin.title !== origin) this.origin.title = origin;
  }

  private wire(): void {
    this.range.addEventListener('pointerdown', () => {
      this.dragging = true;
      const release = (): void => {
        this.dragging = false;
        window.removeEventListener('pointerup', release);
        window.removeEventListener('pointercancel', release);
      };
      window.addEventListener('pointerup', release);
      window.addEventListener('pointercancel', release);
    });
    this.range.addEventListener('input', () => {
      const v = fromNorm(this.d, clampUnit(Number(this.range.value)));
      this.number.value = numberText(this.d, v);
      setText(this.readout, formatValue(v, this.d.unit, this.d.step));
      this.onSet(this.d.id, v);
    });
    this.number.addEventListener('change', () => {
      const v = this.number.valueAsNumber;
      if (Number.isFinite(v)) this.onSet(this.d.id, v);
    });
    // A rejected or abandoned entry falls back to the value the daemon holds.
    this.number.addEventListener('blur', () => {
      this.number.value = numberText(this.d, this.value);
    });
  }
}
