/**
 * Peak hold: the highest peak stays for HOLD_MS, then falls at FALL_DB_PER_S until the signal
 * meets it (other ballistics can be given: the spectrum's bands hold longer and fall slower).
 * Time is an input (ms), so the ballistics are plain arithmetic.
 */
export const HOLD_MS = 1500;
export const FALL_DB_PER_S = 20;

export class PeakHold {
  private held = -Infinity;
  private since = 0;

  /** `holdMs`: how long the highest peak stays, ms; `fallDbPerS`: how fast it then falls, dB/s. */
  constructor(
    private readonly holdMs = HOLD_MS,
    private readonly fallDbPerS = FALL_DB_PER_S,
  ) {}

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
    const falling = nowMs - this.since - this.holdMs;
    return falling <= 0 ? this.held : this.held - (this.fallDbPerS * falling) / 1000;
  }

  reset(): void {
    this.held = -Infinity;
  }
}
