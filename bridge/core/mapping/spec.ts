/**
 * The mapping model the runtime works on (compiled from mapping-set files; see
 * bridge/config/mapping-set*.ts). Every union here is closed: add a variant, then follow the
 * compiler to every switch.
 */
import type { ParamId } from '../param/descriptor.js';
import type { Unit } from '../unit.js';
import type { OutOfRange, UnitRange } from '../glue/range.js';

/**
 * How a position maps to the parameter's plain value, after the curve and the target range:
 * - `scale`: the parameter's own scale (log for frequencies, linear in dB for levels): the default;
 * - `linear`: even steps in plain units;
 * - `log`: even ratios in plain units (frequencies, times); needs a positive range;
 * - `db`: even steps in level: linear for parameters in dB, even ratios for the others;
 * - `table`: a breakpoint table from position to plain value, linear between points; `at`
 *   ascending in 0..1, first 0 and last 1. The target range does not apply to a table.
 */
export type Taper =
  | { readonly kind: 'scale' | 'linear' | 'log' | 'db' }
  | { readonly kind: 'table'; readonly points: readonly { readonly at: number; readonly value: number }[] };

/**
 * The feel of the travel: a monotonic curve on the position with fixed ends, before the taper.
 * `k` > 0 sets how strong it is (4 spreads the first quarter over about half the range).
 * - exponential: slow start, fast end; log: fast start (the feel of an audio-taper pot);
 * - s-curve: slow at both ends, fast through the middle (fine control near the extremes).
 */
export type Curve = { readonly kind: 'none' } | { readonly kind: 'exponential' | 'log' | 's-curve'; readonly k: number };

/**
 * Quantisation of the plain value: `plain` steps of `size` plain units counted from the
 * parameter's min (0.5 dB like a stepped attenuator); `octave` steps of 1/`fraction` octave
 * counted from 1 kHz (1/3-octave ISO centres: …, 800, 1000, 1260, …). `none` still applies the
 * parameter's own step.
 */
export type Step = { readonly kind: 'none' } | { readonly kind: 'plain'; readonly size: number } | { readonly kind: 'octave'; readonly fraction: number };

/**
 * Relative controls (encoders): each detent moves the parameter by `step` plain units (0 = 1 % of
 * the parameter's range, in positions) times `speed`; `acceleration` ≥ 0 multiplies the step by
 * 1 + acceleration·(rotation speed in detents/s)/10 (0 = none); at the ends, `wrap` jumps to the
 * other end, otherwise the value stays at the end.
 */
export interface RelativeGlue {
  readonly step: number;
  readonly speed: number;
  readonly acceleration: number;
  readonly wrap: boolean;
}

/**
 * Buttons: `momentary` sets the target range's max while held and its min on release; `toggle`
 * flips between them on each press; `increment`/`decrement` move by `step` plain units per press
 * (clamped); `set` sets `value` (plain) on press; `reset` sets the parameter's default on press.
 */
export type ButtonAction =
  | { readonly kind: 'momentary' | 'toggle' | 'reset' }
  | { readonly kind: 'increment' | 'decrement'; readonly step: number }
  | { readonly kind: 'set'; readonly value: number };

/**
 * Soft takeover for absolute controls, per (control, parameter). Positions are in the control's
 * travel (0..1), the parameter's position being where the inverse glue puts it.
 * - off: jump to the control;
 * - pickup: ignore the control until it crosses the parameter's position within one gesture (two
 *   events less than 100 ms apart on either side of it, or one landing on it) — then follow;
 * - pickup-tolerant: as pickup, and also catches when within `tolerance` (positions) of it;
 * - long-time-no-see: when the jump would exceed `tolerance`, approach the control gradually
 *   (each event closes a fraction of the gap) instead of jumping;
 * - catch-up: value scaling: move the parameter proportionally so that control and parameter meet
 *   at the end the control is moving towards;
 * - parallel: move the parameter by the control's change, from wherever it is.
 */
export type TakeoverMode =
  | { readonly kind: 'off' | 'pickup' | 'catch-up' | 'parallel' }
  | { readonly kind: 'pickup-tolerant' | 'long-time-no-see'; readonly tolerance: number };

/** What the glue does with a control value, by the control value's kind. */
export interface Glue {
  readonly source: UnitRange;
  readonly target: UnitRange;
  readonly outOfRange: OutOfRange;
  readonly reverse: boolean;
  readonly curve: Curve;
  readonly taper: Taper;
  readonly step: Step;
  readonly relative: RelativeGlue;
  readonly button: ButtonAction;
  readonly takeover: TakeoverMode;
}

/**
 * When a mapping is active: every listed modifier in the given state (held or not), and the
 * current page equal to `page` when it is set. No conditions: always active.
 */
export interface Condition {
  readonly modifiers: readonly { readonly control: string; readonly held: boolean }[];
  readonly page: string | null;
}

export interface MappingSpec {
  readonly id: string;
  readonly control: string;
  readonly target: ParamId;
  readonly glue: Glue;
  readonly feedback: boolean;
  readonly when: Condition;
}

/**
 * Set-wide modes: the fine modifier (while its button is held, absolute and relative controls move
 * `factor` of their normal amount: 0.1 = one tenth of the resolution); and pages, switched by
 * buttons (`next`, `previous`, or a button per page), the first page active at start; and recall
 * buttons, each recalling a snapshot of the current session.
 */
export interface ModeSpec {
  readonly fine: { readonly control: string; readonly factor: number } | null;
  readonly pages: {
    readonly names: readonly string[];
    readonly next: string | null;
    readonly previous: string | null;
    readonly select: readonly { readonly control: string; readonly page: string }[];
  };
  /** Hardware recall: a press of `control` recalls the current session's snapshot `snapshot` (optional: absent is none). */
  readonly recall?: readonly { readonly control: string; readonly snapshot: string }[];
}

export const NO_MODES: ModeSpec = Object.freeze({ fine: null, pages: { names: [], next: null, previous: null, select: [] }, recall: [] });
export const ALWAYS: Condition = Object.freeze({ modifiers: [], page: null });

/** Positions are Units; this alias documents which space a value is in. */
export type ControlPosition = Unit;
