/**
 * Live meters: keeps only the latest frame and paints it once per display refresh
 * (requestAnimationFrame), so a burst of frames costs one draw. Numeric readouts show the held
 * peak and the RMS per channel, refreshed a few times a second so they stay readable.
 */
import type { MeterFrame } from '../../../bridge/engine/interface.js';
import { setText } from '../dom.js';
import { formatDb } from '../format.js';
import { drawMeters, type ChannelLevels } from './draw.js';
import { PeakHold } from './peak-hold.js';
import { CanvasView } from './canvas-view.js';

const FLOOR_DB = -120;
const READOUT_EVERY_MS = 150;

export interface MeterReadouts {
  readonly peak: readonly HTMLElement[];
  readonly rms: readonly HTMLElement[];
}

export class MeterView extends CanvasView {
  private latest: MeterFrame | null = null;
  private readonly holds = [new PeakHold(), new PeakHold()];
  private lastReadout = -Infinity;
  private readoutPending = true;

  constructor(
    canvas: HTMLCanvasElement,
    private readonly readouts: MeterReadouts,
  ) {
    super(canvas);
  }

  /** Every frame feeds the peak holds, so a peak between two paints is never missed. */
  push(frame: MeterFrame): void {
    this.latest = frame;
    this.dirty = true;
    const now = performance.now();
    this.holds.forEach((hold, ch) => hold.update(frame.peakDb[ch] ?? FLOOR_DB, now));
  }

  /** Back to silence (connection lost: stale levels would lie). */
  reset(): void {
    this.latest = null;
    for (const h of this.holds) h.reset();
    this.dirty = true;
  }

  protected paint(now: number): void {
    const levels = this.holds.map(
      (hold, ch): ChannelLevels => ({
        peakDb: this.latest?.peakDb[ch] ?? FLOOR_DB,
        rmsDb: this.latest?.rmsDb[ch] ?? FLOOR_DB,
        holdDb: hold.at(now),
      }),
    );
    const holdFalling = levels.some((l) => l.holdDb > l.peakDb);
    if ((this.dirty || holdFalling) && this.fitCanvas()) {
      this.dirty = false;
      this.readoutPending = true;
      drawMeters(this.ctx, this.canvas.width, this.canvas.height, window.devicePixelRatio || 1, levels);
    }
    if (this.readoutPending && now - this.lastReadout >= READOUT_EVERY_MS) {
      this.lastReadout = now;
      this.readoutPending = false;
      levels.forEach((l, ch) => {
        const peak = this.readouts.peak[ch];
        const rms = this.readouts.rms[ch];
        if (peak !== undefined) setText(peak, formatDb(l.holdDb, FLOOR_DB));
        if (rms !== undefined) setText(rms, formatDb(l.rmsDb, FLOOR_DB));
      });
    }
  }

}
