/**
 * The loudness meter: keeps only the newest LoudnessFrame and paints it at most once per display
 * refresh (requestAnimationFrame); every frame still feeds the true-peak holds, so a peak between
 * two paints is never missed. Numeric readouts refresh a few times a second. The canvas carries
 * `data-target` (the target LUFS, or `none`) for tests and styles, set only when it changes.
 */
import type { LoudnessFrame } from '../../../bridge/engine/interface.js';
import { setText } from '../dom.js';
import { drawLoudness, type LoudnessModel } from './loudness-draw.js';
import { FLOOR, formatCorrelation, formatLoudness, formatRange } from './loudness-scale.js';
import { PeakHold } from './peak-hold.js';
import type { MeterTarget } from './targets.js';
import { CanvasView } from './canvas-view.js';

const READOUT_EVERY_MS = 150;

/** Readout elements, by what they show. */
export interface LoudnessReadouts {
  readonly momentary: HTMLElement;
  readonly shortTerm: HTMLElement;
  readonly integrated: HTMLElement;
  readonly range: HTMLElement;
  readonly truePeakMax: HTMLElement;
  readonly correlation: HTMLElement;
}

export class LoudnessView extends CanvasView {
  private latest: LoudnessFrame | null = null;
  private target: MeterTarget | null = null;
  private readoutPending = true;
  private lastReadout = -Infinity;
  private readonly holds = [new PeakHold(), new PeakHold()];

  constructor(
    canvas: HTMLCanvasElement,
    private readonly readouts: LoudnessReadouts,
  ) {
    super(canvas);
  }

  /** A frame's loudness part; frames without one (engines that do not meter) change nothing. */
  push(frame: LoudnessFrame | undefined): void {
    if (frame === undefined) return;
    this.latest = frame;
    this.dirty = true;
    const now = performance.now();
    this.holds.forEach((hold, ch) => hold.update(frame.truePeakDb[ch] ?? FLOOR, now));
  }

  setTarget(t: MeterTarget | null): void {
    this.target = t;
    this.canvas.dataset['target'] = t === null || t.lufs === null ? 'none' : String(t.lufs);
    this.dirty = true;
  }

  /** Back to nothing (connection lost: stale readings would lie). */
  reset(): void {
    this.latest = null;
    for (const h of this.holds) h.reset();
    this.dirty = true;
  }

  private model(now: number): LoudnessModel {
    const f = this.latest;
    return {
      momentary: f?.momentary ?? FLOOR,
      shortTerm: f?.shortTerm ?? FLOOR,
      integrated: f?.integrated ?? FLOOR,
      maxMomentary: f?.maxMomentary ?? FLOOR,
      targetLufs: this.target?.lufs ?? null,
      ceilingDb: this.target?.truePeakDb ?? -1,
      truePeak: this.holds.map((hold, ch) => ({ db: f?.truePeakDb[ch] ?? FLOOR, holdDb: hold.at(now) })),
      correlation: f?.correlation ?? 0,
      reduction: [
        { label: 'dyneq', db: f?.reductionDb.dyneq ?? 0 },
        { label: 'comp', db: f?.reductionDb.comp ?? 0 },
        { label: 'limit', db: f?.reductionDb.limiter ?? 0 },
      ],
    };
  }

  protected paint(now: number): void {
    const m = this.model(now);
    const holdFalling = m.truePeak.some((tp) => tp.holdDb > tp.db && tp.holdDb > -40);
    if ((this.dirty || holdFalling) && this.fitCanvas()) {
      this.dirty = false;
      this.readoutPending = true;
      drawLoudness(this.ctx, this.canvas.width, this.canvas.height, window.devicePixelRatio || 1, m);
    }
    if (!this.readoutPending || now - this.lastReadout < READOUT_EVERY_MS) return;
    this.lastReadout = now;
    this.readoutPending = false;
    const f = this.latest;
    const r = this.readouts;
    setText(r.momentary, formatLoudness(m.momentary));
    setText(r.shortTerm, formatLoudness(m.shortTerm));
    setText(r.integrated, formatLoudness(m.integrated));
    setText(r.range, f === null ? '\u2014' : formatRange(f.range));
    setText(r.truePeakMax, formatLoudness(f?.truePeakMaxDb ?? FLOOR));
    setText(r.correlation, f === null ? '\u2014' : formatCorrelation(f.correlation));
  }

}
