/**
 * The pure side of a slider's gestures, after the conventions of the major plug-in hosts; no DOM,
 * so tests run without a browser. Everything moves in the parameter's own scale: positions are
 * normalised (param/descriptor.ts `toNorm`), so a frequency moves by even ratios, a gain by even dB.
 *
 * - Drag: the thumb follows the pointer; Shift (Steinberg, Ableton, Logic) or Ctrl/⌘ (Pro Tools,
 *   Waves) makes it 10× finer, switchable mid-drag without a jump.
 * - Wheel / trackpad: one notch is one step, Shift a tenth of one; Ctrl/⌘ + wheel is left to the
 *   browser (zoom, trackpad pinch). A wheel that is scrolling the page keeps scrolling it when a
 *   slider passes under the pointer.
 * - Double-click or Alt/⌥-click: back to the default (Pro Tools, Logic, FabFilter, Waves).
 * - Keys: arrows one step (Shift: fine), Page Up/Down 10 %, Home/End the ends, Delete/Backspace
 *   the default.
 *
 * "One step" is the parameter's own step when it has one (a 12 dB/oct slope moves by 12), else 1 %
 * of the travel; fine is a tenth of that (a stepped parameter cannot go finer than its step).
 */
import { fromNorm, quantise, toNorm, type ParamDescriptor } from '../../../bridge/core/param/descriptor.js';
import { clampUnit } from '../../../bridge/core/unit.js';

/** How much finer a fine gesture moves: a tenth. */
export const FINE = 0.1;
/** One step of a continuous parameter: 1 % of the travel. */
export const STEP_FRACTION = 0.01;
/** Page Up/Down: 10 % of the travel. */
export const PAGE_FRACTION = 0.1;
/** Pixels of a pixel-mode wheel event per notch: Chromium and Safari report 100 px per notch. */
export const PIXELS_PER_NOTCH = 100;
/** Lines of a line-mode wheel event (Firefox) per notch: the system default of 3 lines. */
export const LINES_PER_NOTCH = 3;
/** Notches per page of a page-mode wheel event: a page moves as far as Page Up/Down. */
export const NOTCHES_PER_PAGE = 10;
/**
 * How long a gesture's own position outlasts its last event: wheel notches, keys and the end of a
 * drag build on it, not on the daemon's echo of an earlier value that is still on its way back.
 */
export const HOLD_MS = 300;
/** How long after the page last scrolled a wheel over a slider still scrolls the page. */
export const SCROLL_LATCH_MS = 400;

/** The modifier keys of a pointer, wheel or key event. */
export interface Mods {
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}

/** Fine drag: Shift, or Ctrl (⌘ on a Mac, where Ctrl-click is a right click). */
export const fineDrag = (m: Mods): boolean => m.shiftKey || m.ctrlKey || m.metaKey;
/** Fine wheel or arrow key: Shift. */
export const fineStep = (m: Mods): boolean => m.shiftKey;
/** A click that resets to the default instead of grabbing: Alt (⌥). */
export const resetClick = (m: Mods): boolean => m.altKey && !m.ctrlKey && !m.metaKey;
/** A wheel the slider leaves to the browser: Ctrl/⌘ + wheel zooms (a trackpad pinch arrives so). */
export const browserWheel = (m: Mods): boolean => m.ctrlKey || m.metaKey;

/** A slider position: the plain value and where the thumb stands (normalised). */
export interface Target {
  readonly value: number;
  readonly norm: number;
}

/** The position of the thumb at `norm`: the value it stands for, snapped to the step. */
export const atNorm = (d: ParamDescriptor, norm: number): Target => {
  const n = clampUnit(norm);
  return { value: fromNorm(d, n), norm: n };
};

/** The position of the plain value `value` (clamped, snapped). */
export const atValue = (d: ParamDescriptor, value: number): Target => {
  const v = quantise(d, value);
  return { value: v, norm: toNorm(d, v) };
};

/**
 * `steps` steps from `from` (negative: down). A stepped parameter moves by whole steps of its own
 * (fine or not); a continuous one by 1 % of the travel per step, 0.1 % when fine, and may move by
 * fractions of a step (a trackpad's small deltas).
 */
export function stepTarget(d: ParamDescriptor, from: Target, steps: number, fine: boolean): Target {
  if (steps === 0) return from;
  if (d.step > 0) return atValue(d, from.value + Math.round(steps) * d.step);
  return atNorm(d, from.norm + steps * STEP_FRACTION * (fine ? FINE : 1));
}

/** `pages` times 10 % of the travel from `from`, and never less than one step of a stepped parameter. */
export function pageTarget(d: ParamDescriptor, from: Target, pages: number): Target {
  if (pages === 0) return from;
  const to = atNorm(d, from.norm + pages * PAGE_FRACTION);
  if (d.step > 0) {
    const snapped = atValue(d, to.value);
    return snapped.value === from.value ? stepTarget(d, from, Math.sign(pages), false) : snapped;
  }
  return to;
}

/** What a key does to a focused slider. */
export type KeyMove =
  | { readonly kind: 'step'; readonly steps: number; readonly fine: boolean }
  | { readonly kind: 'page'; readonly pages: number }
  | { readonly kind: 'min' }
  | { readonly kind: 'max' }
  | { readonly kind: 'default' };

const KEY_STEPS: Readonly<Record<string, number>> = { ArrowUp: 1, ArrowRight: 1, ArrowDown: -1, ArrowLeft: -1 };

/**
 * The move for a key (`KeyboardEvent.key`), or undefined for a key the slider leaves alone. Keys
 * with Ctrl, ⌘ or Alt stay the browser's (Alt+← is Back).
 */
export function keyMove(key: string, m: Mods): KeyMove | undefined {
  if (m.ctrlKey || m.metaKey || m.altKey) return undefined;
  const steps = KEY_STEPS[key];
  if (steps !== undefined) return { kind: 'step', steps, fine: fineStep(m) };
  switch (key) {
    case 'PageUp':
      return { kind: 'page', pages: 1 };
    case 'PageDown':
      return { kind: 'page', pages: -1 };
    case 'Home':
      return { kind: 'min' };
    case 'End':
      return { kind: 'max' };
    case 'Delete':
    case 'Backspace':
      return { kind: 'default' };
    default:
      return undefined;
  }
}

/** Where a key move takes the slider from `from`. */
export function moveTarget(d: ParamDescriptor, from: Target, move: KeyMove): Target {
  switch (move.kind) {
    case 'step':
      return stepTarget(d, from, move.steps, move.fine);
    case 'page':
      return pageTarget(d, from, move.pages);
    case 'min':
      return atValue(d, d.min);
    case 'max':
      return atValue(d, d.max);
    case 'default':
      return atValue(d, d.default);
  }
}

/** The parts of a `WheelEvent` that say how far it went. */
export interface WheelDelta {
  readonly deltaX: number;
  readonly deltaY: number;
  /** 0 pixels, 1 lines, 2 pages (`WheelEvent.DOM_DELTA_*`). */
  readonly deltaMode: number;
}

/**
 * A wheel event in notches, positive up (towards max): wheel up or trackpad scroll up raises the
 * value. The larger axis counts, so a horizontal swipe works, and so does Shift + wheel, which
 * browsers report on the horizontal axis; scrolling left raises the value like scrolling up.
 */
export function wheelNotches(e: WheelDelta): number {
  const delta = Math.abs(e.deltaY) >= Math.abs(e.deltaX) ? e.deltaY : e.deltaX;
  const perNotch = e.deltaMode === 1 ? LINES_PER_NOTCH : e.deltaMode === 2 ? 1 / NOTCHES_PER_PAGE : PIXELS_PER_NOTCH;
  const notches = -delta / perNotch;
  return Number.isFinite(notches) ? notches : 0;
}

/**
 * Collects a burst of wheel notches. A continuous parameter takes every fraction at once (a
 * trackpad moves it smoothly); a stepped one moves by whole steps and keeps the remainder for the
 * next event, so four quarter-notches of a high-resolution wheel make one step. Turning back drops
 * a remainder that was going the other way.
 */
export class WheelAccumulator {
  private rest = 0;

  take(notches: number, whole: boolean): number {
    if (!whole) return notches;
    if (this.rest !== 0 && Math.sign(notches) !== Math.sign(this.rest)) this.rest = 0;
    const total = this.rest + notches;
    // Rounding noise: 0.1 + 0.2 style residue must not lose a step that was whole.
    const steps = Math.trunc(Number(total.toFixed(9))) || 0; // never −0
    this.rest = total - steps;
    return steps;
  }

  reset(): void {
    this.rest = 0;
  }
}

/**
 * A gesture's own position, kept for `ms` after it was last set: repeated notches and keys build on
 * it while the daemon's echoes of earlier values are still arriving, and the daemon does not move
 * the thumb under the gesture. Times are in ms (`performance.now()`).
 */
export class Hold {
  private target: Target | null = null;
  private until = -Infinity;

  constructor(private readonly ms = HOLD_MS) {}

  set(t: Target, now: number): void {
    this.target = t;
    this.until = now + this.ms;
  }

  /** The held position, or null once the hold has run out. */
  get(now: number): Target | null {
    return now < this.until ? this.target : null;
  }

  /** When the hold runs out (ms), or -Infinity when nothing is held. */
  get expires(): number {
    return this.target === null ? -Infinity : this.until;
  }

  clear(): void {
    this.target = null;
    this.until = -Infinity;
  }
}

/**
 * Whether the page is being scrolled by the wheel: a wheel event no slider took marks it, and for
 * `ms` after that a slider passing under the pointer lets the scroll go on instead of changing.
 */
export class ScrollLatch {
  private last = -Infinity;

  constructor(private readonly ms = SCROLL_LATCH_MS) {}

  scrolled(now: number): void {
    this.last = now;
  }

  scrolling(now: number): boolean {
    return now - this.last < this.ms;
  }
}

/**
 * A drag, relative to where it was grabbed: `travel` pixels cover the whole range, a tenth as much
 * when fine. Switching fine on or off mid-drag re-anchors at the previous pointer position, so the
 * thumb never jumps and the new mode applies from there; going past an end and back behaves as if
 * the thumb had followed the pointer.
 */
export class Drag {
  private anchorX: number;
  private anchorNorm: number;
  private fine: boolean;
  private lastX: number;
  private last: number;

  constructor(x: number, norm: number, fine: boolean) {
    this.anchorX = this.lastX = x;
    this.anchorNorm = this.last = clampUnit(norm);
    this.fine = fine;
  }

  /** The position for the pointer at `x` (px) with fine `fine`. */
  move(x: number, fine: boolean, travel: number): number {
    if (fine !== this.fine) {
      this.anchorX = this.lastX;
      this.anchorNorm = this.last;
      this.fine = fine;
    }
    const perPx = (fine ? FINE : 1) / Math.max(1, travel);
    this.lastX = x;
    this.last = clampUnit(this.anchorNorm + (x - this.anchorX) * perPx);
    return this.last;
  }
}

/** The slider's tooltip: its gestures, with the default it resets to. */
export function gestureHelp(defaultLabel: string): string {
  return [
    'Drag: adjust (Shift or Ctrl/\u2318 + drag: 10\u00d7 finer)',
    'Wheel: one step per notch (Shift: 10\u00d7 finer)',
    `Double-click or Alt/\u2325-click: default (${defaultLabel})`,
    'Keys: arrows step (Shift: finer), Page Up/Down 10 %, Home/End min/max, Delete: default',
  ].join('\n');
}
