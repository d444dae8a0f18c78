/**
 * Learn's detector, pure (no I/O, no clock: time comes in with each observation): fed every
 * incoming message while learning, it answers which input is really being moved and what kind of
 * control it is. Rules, per input key, on the first numeric argument (T = 1, F = 0):
 * - button: only 0 and 1 seen, at least one 1, then quiet for `settleMs` (press and release, a
 *   toggle switched on, or switched on and off): decided by settle(), never on the fly, so a
 *   0..127 fader passing 0, 1, 2 is not taken for a button;
 * - relative: only small signed integers (0 < |v| ≤ maxRelativeStep), with a negative one or a
 *   value repeated (1, 1, 1: steps; an absolute control moving one way never repeats), after at
 *   least `minRelative` messages;
 * - absolute: otherwise, once the values span at least `jitter` of the inferred range (0..1,
 *   -1..1, or for integers 0..127, 0..1023, 0..16383); a control resting under a hand that jitters
 *   by less is ignored. While the values could still be relative steps it waits.
 */

export interface Observation {
  /** Input key (`osc /1/fader1`). */
  readonly key: string;
  /** Numeric arguments; T is 1, F is 0. Only the first is used. */
  readonly values: readonly number[];
  /** Receive time, ms on any monotonic scale. */
  readonly t: number;
}

export type LearnKind = 'absolute' | 'relative' | 'button';

export type Detection =
  | { readonly kind: 'absolute'; readonly key: string; readonly range: { readonly min: number; readonly max: number } }
  | { readonly kind: 'relative' | 'button'; readonly key: string };

export interface DetectorOptions {
  /** Fraction of the inferred range an absolute control must span to count as moving. */
  readonly jitter: number;
  /** Quiet time (ms) after which an input that sent only 0 and 1 is taken for a button. */
  readonly settleMs: number;
  /** Largest |steps| in one relative message. */
  readonly maxRelativeStep: number;
  /** Messages needed before an input is taken for relative. */
  readonly minRelative: number;
}

export const DEFAULT_DETECTOR: DetectorOptions = Object.freeze({ jitter: 0.02, settleMs: 400, maxRelativeStep: 8, minRelative: 3 });

interface Stats {
  n: number;
  min: number;
  max: number;
  lastT: number;
  allBinary: boolean;
  sawOne: boolean;
  allInts: boolean;
  /** Every value a nonzero integer within ±maxRelativeStep. */
  allSteps: boolean;
  repeated: boolean;
  steps: Set<number>;
}

/** Integer ranges controls commonly send (7-bit MIDI-like, 10-bit ADC, 14-bit). */
const INT_RANGES = [127, 1023, 16383];

/** The range an absolute control's values most likely span. */
export function inferRange(min: number, max: number, allInts: boolean): { min: number; max: number } {
  if (min >= 0 && max <= 1) return { min: 0, max: 1 };
  if (min >= -1 && max <= 1) return { min: -1, max: 1 };
  const top = allInts && min >= 0 ? INT_RANGES.find((r) => max <= r) : undefined;
  return top === undefined ? { min, max } : { min: 0, max: top };
}

export class LearnDetector {
  private readonly keys = new Map<string, Stats>();

  constructor(private readonly opts: DetectorOptions = DEFAULT_DETECTOR) {}

  /** Forgets everything seen (a new learn starts). */
  reset(): void {
    this.keys.clear();
  }

  /** Takes one message; returns the detection it completes, if any (buttons wait for settle). */
  observe(o: Observation): Detection | undefined {
    const v = o.values[0];
    if (v === undefined || !Number.isFinite(v)) return undefined;
    const s = this.keys.get(o.key) ?? fresh(v);
    this.keys.set(o.key, s);
    const step = Number.isInteger(v) && v !== 0 && Math.abs(v) <= this.opts.maxRelativeStep;
    s.n++;
    s.min = Math.min(s.min, v);
    s.max = Math.max(s.max, v);
    s.lastT = o.t;
    s.allBinary &&= v === 0 || v === 1;
    s.sawOne ||= v === 1;
    s.allInts &&= Number.isInteger(v);
    s.allSteps &&= step;
    if (step && s.allSteps) {
      s.repeated ||= s.steps.has(v);
      s.steps.add(v);
    }
    return this.decide(o.key, s);
  }

  /** At time `t`: the first input that sent only 0 and 1 (a 1 among them) and has been quiet for settleMs. */
  settle(t: number): Detection | undefined {
    for (const [key, s] of this.keys) {
      if (s.allBinary && s.sawOne && t - s.lastT >= this.opts.settleMs && !this.relative(s)) return { kind: 'button', key };
    }
    return undefined;
  }

  /**
   * When the next input that could still become a button will have been quiet for settleMs (the
   * time to call settle() at), or undefined when none could.
   */
  nextSettle(): number | undefined {
    let due: number | undefined;
    for (const s of this.keys.values()) {
      if (s.allBinary && s.sawOne && !this.relative(s)) due = Math.min(due ?? Infinity, s.lastT + this.opts.settleMs);
    }
    return due;
  }

  private relative(s: Stats): boolean {
    return s.allSteps && s.n >= this.opts.minRelative && (s.repeated || s.min < 0);
  }

  private decide(key: string, s: Stats): Detection | undefined {
    if (this.relative(s)) return { kind: 'relative', key };
    if (s.allBinary || s.allSteps) return undefined; // a button or relative steps, still undecided
    const range = inferRange(s.min, s.max, s.allInts);
    const moved = s.max - s.min >= this.opts.jitter * (range.max - range.min) && s.max > s.min;
    return moved ? { kind: 'absolute', key, range } : undefined;
  }
}

function fresh(v: number): Stats {
  return { n: 0, min: v, max: v, lastT: 0, allBinary: true, sawOne: false, allInts: true, allSteps: true, repeated: false, steps: new Set() };
}
