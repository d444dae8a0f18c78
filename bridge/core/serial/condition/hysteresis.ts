/**
 * Output hysteresis: quantises a filtered position (0..1) to `resolution` steps (0 .. resolution−1)
 * and moves the output only when the filtered value is more than `hysteresis` steps past the last
 * output step. In step units, with f the filtered value and s the last output step:
 * - f > s + h: s becomes ceil(f − h) (the output trails a rising value by at most h steps);
 * - f < s − h: s becomes floor(f + h);
 * - otherwise s stays. Jitter of less than 2h − 1 steps peak to peak never moves a settled output.
 * h below ½ would flicker (an output one step up would already be past h the other way), so it is
 * raised to ½, which is plain rounding.
 * Edge snap: a value within max(½, h − ½) steps of an end outputs that end, so a knob at its stop
 * reaches exactly 0 or 1 even though the output trails by h (the band is below h, so it cannot
 * flicker against the rule above).
 */
export class StepHysteresis {
  private readonly top: number;
  private readonly h: number;
  private readonly snap: number;
  private step: number | undefined;

  /** @param resolution output steps over the full range (≥ 2); @param hysteresis in steps (≥ 0). */
  constructor(resolution: number, hysteresis: number) {
    if (!(Number.isInteger(resolution) && resolution >= 2)) throw new RangeError(`output resolution must be an integer ≥ 2, got ${resolution}`);
    if (!(hysteresis >= 0)) throw new RangeError(`hysteresis must be ≥ 0 steps, got ${hysteresis}`);
    this.top = resolution - 1;
    this.h = Math.max(0.5, hysteresis);
    this.snap = Math.max(0.5, this.h - 0.5);
  }

  /** The output step for filtered position `x` (0..1; clamped); the first call rounds. */
  update(x: number): number {
    const f = Math.min(1, Math.max(0, x)) * this.top;
    const s = this.step;
    let next: number;
    if (s === undefined) next = Math.round(f);
    else if (f > s + this.h) next = Math.ceil(f - this.h);
    else if (f < s - this.h) next = Math.floor(f + this.h);
    else next = s;
    if (f < this.snap) next = 0;
    else if (f > this.top - this.snap) next = this.top;
    this.step = next;
    return next;
  }

  /** Puts the output on the step nearest `x` (0..1; clamped), ignoring hysteresis: a settled position. */
  settle(x: number): number {
    this.step = Math.round(Math.min(1, Math.max(0, x)) * this.top);
    return this.step;
  }

  /** The last output step, or undefined before the first value. */
  get current(): number | undefined {
    return this.step;
  }

  reset(): void {
    this.step = undefined;
  }
}
