/**
 * A stepped rotary switch on a resistor ladder: the calibrated fraction (0..1, rotation) decodes to
 * a step index 0..positions−1, never a smoothed value (a switch has no "in between").
 * Position k sits at k/(positions−1); boundaries are at the midpoints. With `hysteresis` h (a
 * fraction of one step, 0..0.5), the index changes only when the reading is more than ½ + h steps
 * from the current position, so a reading sitting on a boundary (a worn contact, ADC noise) does
 * not flicker; a fresh decoder (or the first reading) takes the nearest position.
 */
export class SteppedDecoder {
  private readonly span: number;
  private readonly h: number;
  private index: number | undefined;

  constructor(positions: number, hysteresis = 0.25) {
    if (!(Number.isInteger(positions) && positions >= 2)) throw new RangeError(`a stepped switch needs an integer ≥ 2 positions, got ${positions}`);
    if (!(hysteresis >= 0 && hysteresis < 0.5)) throw new RangeError(`switch hysteresis must be in 0..0.5 of a step, got ${hysteresis}`);
    this.span = positions - 1;
    this.h = hysteresis;
  }

  /** The step index for a calibrated fraction (clamped to 0..1). */
  update(fraction: number): number {
    const x = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0)) * this.span;
    const nearest = Math.round(x);
    if (this.index === undefined || Math.abs(x - this.index) > 0.5 + this.h) this.index = nearest;
    return this.index;
  }

  /** The nearest position, ignoring history (what a fresh decoder would say). */
  nearest(fraction: number): number {
    return Math.round(Math.min(1, Math.max(0, fraction)) * this.span);
  }

  reset(): void {
    this.index = undefined;
  }
}
