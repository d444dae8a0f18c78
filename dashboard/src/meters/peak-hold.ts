/**
 * Peak hold: the highest peak stays for HOLD_MS, then falls at FALL_DB_PER_S until the signal
 * meets it. Time is an input (ms), so the ballistics are plain arithmetic.
 */
export const HOLD_MS = 1500;
export const FALL_DB_PER_S = 20;

export class PeakHold {
  private held = -Infinity;
  private since = 0;

  /** Feeds the current peak at time `nowMs`; returns the level the hold marker shows. */
  update(peakDb: number, nowMs: number): number {
    const shown = this.at(nowMs);
    if (peakDb >= shown) {
      this.held = peakDb;
      this.since = nowMs;
      return peakDb;
    }
    return shown;
  }

  /** The marker level at `nowMs` without new input. */
  at(nowMs: number): number {
    const falling = nowMs - this.since - HOLD_MS;
    return falling <= 0 ? this.held : this.held - (FALL_DB_PER_S * falling) / 1000;
  }

  reset(): void {
    this.held = -Infinity;
  }
}
