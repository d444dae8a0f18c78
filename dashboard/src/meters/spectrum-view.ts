/**
 * The spectrum meter: keeps only the newest frame's band levels and paints them at most once per
 * display refresh (the shared loop of CanvasView); every frame still feeds the per-band peak holds,
 * so a peak between two paints is never missed. While a hold is falling it repaints each refresh.
 * The canvas carries `data-bands` (how many bands the last frame had; 0 with none) for tests and
 * styles, set only when it changes.
 */
import { PeakHold } from './peak-hold.js';
import { CanvasView } from './canvas-view.js';
import { drawSpectrum } from './spectrum-draw.js';
import { BAND_COUNT, SPECTRUM_BOTTOM_DB, SPECTRUM_FALL_DB_PER_S, SPECTRUM_HOLD_MS } from './spectrum-scale.js';

export class SpectrumView extends CanvasView {
  private levels: readonly number[] = [];
  private readonly holds = Array.from({ length: BAND_COUNT }, () => new PeakHold(SPECTRUM_HOLD_MS, SPECTRUM_FALL_DB_PER_S));
  /** The holds as last drawn, dB (reused every paint). */
  private readonly shown: number[] = new Array<number>(BAND_COUNT).fill(-Infinity);

  /** A frame's spectrum; frames without one (engines that do not meter) change nothing. */
  push(spectrumDb: readonly number[] | undefined): void {
    if (spectrumDb === undefined) return;
    this.levels = spectrumDb;
    this.dirty = true;
    this.setBands(spectrumDb.length);
    const now = performance.now();
    this.holds.forEach((hold, i) => hold.update(spectrumDb[i] ?? -Infinity, now));
  }

  /** Back to nothing (connection lost: stale levels would lie). */
  reset(): void {
    this.levels = [];
    for (const h of this.holds) h.reset();
    this.setBands(0);
    this.dirty = true;
  }

  protected paint(now: number): void {
    let falling = false;
    for (let i = 0; i < BAND_COUNT; i++) {
      const held = this.holds[i]?.at(now) ?? -Infinity;
      this.shown[i] = held;
      if (held > SPECTRUM_BOTTOM_DB && held > (this.levels[i] ?? -Infinity)) falling = true;
    }
    if (!(this.dirty || falling) || !this.fitCanvas()) return;
    this.dirty = false;
    drawSpectrum(this.ctx, this.canvas.width, this.canvas.height, window.devicePixelRatio || 1, { levels: this.levels, holds: this.shown });
  }

  private setBands(n: number): void {
    const text = String(n);
    if (this.canvas.dataset['bands'] !== text) this.canvas.dataset['bands'] = text;
  }
}
