import { assertNever } from '../../assert-never.js';

/**
 * Sleep for a resting knob, after ResponsiveAnalogRead (Damien Clarke): a pot's ADC jitters by
 * 1–3 LSB at rest, and a filter alone only slows that jitter down. The gate decides, in RAW COUNTS,
 * whether the knob is moving; while it sleeps the conditioner holds its output, so a resting knob
 * emits nothing at all. The filter keeps running underneath, so waking costs no lag.
 *
 * Contract (threshold `sleep` counts, readings in counts):
 * - asleep, the gate holds an ANCHOR: the mean of the readings since the knob came to rest (up to
 *   ANCHOR_READINGS of them, then frozen, so a very slow turn still wakes it; a reading more than
 *   `sleep` from the anchor is left out, so a small move made while it is still averaging is seen
 *   as a move, not absorbed into where the knob rests);
 * - it wakes on sustained movement: an average of the last few readings (EMA, ACTIVITY_ALPHA per
 *   reading) more than `sleep` from the anchor; or on a jump: one reading more than 2·`sleep`
 *   from the anchor. (One reading past 1·`sleep` is not enough: with 1.5 LSB Gaussian noise a
 *   4-count excursion is a 2.7σ event, about one a second at 100 reports/s.)
 * - awake, it falls asleep once the average has stayed within `sleep`/2 of where a stillness window
 *   began for SETTLE_READINGS readings; the anchor starts as the mean of that window, and the
 *   gate says `settle` once: the output should come to rest on the anchor rather than on the
 *   filter, which may still be closing the last few counts of a fast move (at its minimum cut-off
 *   that tail takes about half a second) and would otherwise freeze short of where the knob is.
 * - the first reading after reset starts asleep with that reading as the anchor (the conditioner
 *   emits the first reading regardless), so bounded noise of ±b counts never wakes a gate whose
 *   threshold is at least 2b: every reading, the average and the anchor stay within that band.
 * - `sleep` 0 disables the gate (always awake).
 */

/** Weight of each new reading in the activity average (per reading: about the last 5 readings). */
export const ACTIVITY_ALPHA = 0.2;
/** Readings the average must stay still before the gate sleeps: 320 ms at 100 reports/s. Long
 *  enough that a slow sweep (a 10-bit pot end to end in 60 s moves ~5 counts in that time) never
 *  dozes off mid-turn, which would cost a jump of `sleep` counts when it wakes. */
export const SETTLE_READINGS = 32;
/** Readings averaged into the anchor at most (a 1.5 LSB noise averages to 0.27 LSB). */
export const ANCHOR_READINGS = 32;

/** What the output should do for one reading. */
export type GateVerdict =
  /** Asleep: hold the output. */
  | { readonly kind: 'hold' }
  /** Awake: the output follows the filter. */
  | { readonly kind: 'follow' }
  /** Just fell asleep: put the output on `anchor` (raw counts, the mean of the resting readings). */
  | { readonly kind: 'settle'; readonly anchor: number };

const HOLD: GateVerdict = { kind: 'hold' };
const FOLLOW: GateVerdict = { kind: 'follow' };

type GateState =
  | { readonly kind: 'fresh' }
  | { readonly kind: 'asleep'; sum: number; count: number }
  | { readonly kind: 'awake'; rest: number; sum: number; count: number };

export class SleepGate {
  private state: GateState = { kind: 'fresh' };
  private activity = 0;

  /** @param threshold sleep threshold in raw counts; 0 disables sleep. */
  constructor(private readonly threshold: number) {
    if (!(threshold >= 0)) throw new RangeError(`sleep threshold must be ≥ 0 counts, got ${threshold}`);
  }

  /** Feeds one reading (raw counts) and says what the output should do. */
  update(raw: number): GateVerdict {
    if (this.threshold === 0) return FOLLOW;
    const s = this.state;
    switch (s.kind) {
      case 'fresh':
        this.activity = raw;
        this.state = { kind: 'asleep', sum: raw, count: 1 };
        return HOLD;
      case 'asleep': {
        this.activity += ACTIVITY_ALPHA * (raw - this.activity);
        const anchor = s.sum / s.count;
        if (Math.abs(this.activity - anchor) > this.threshold || Math.abs(raw - anchor) > 2 * this.threshold) {
          // A jump moves the average only by a fifth of it: let the average catch up at once, so
          // the stillness window below starts where the knob is now.
          if (Math.abs(raw - anchor) > 2 * this.threshold) this.activity = raw;
          this.state = { kind: 'awake', rest: this.activity, sum: 0, count: 0 };
          return FOLLOW;
        }
        if (s.count < ANCHOR_READINGS && Math.abs(raw - anchor) <= this.threshold) {
          s.sum += raw;
          s.count += 1;
        }
        return HOLD;
      }
      case 'awake': {
        this.activity += ACTIVITY_ALPHA * (raw - this.activity);
        if (Math.abs(this.activity - s.rest) > this.threshold / 2) {
          s.rest = this.activity;
          s.sum = 0;
          s.count = 0;
          return FOLLOW;
        }
        s.sum += raw;
        s.count += 1;
        if (s.count < SETTLE_READINGS) return FOLLOW;
        this.state = { kind: 'asleep', sum: s.sum, count: s.count };
        return { kind: 'settle', anchor: s.sum / s.count };
      }
      default:
        return assertNever(s, 'sleep gate state');
    }
  }

  /** True while the knob is judged to be resting. */
  get asleep(): boolean {
    return this.threshold > 0 && this.state.kind !== 'awake';
  }

  reset(): void {
    this.state = { kind: 'fresh' };
    this.activity = 0;
  }
}
