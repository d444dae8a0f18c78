/**
 * A canvas drawn at display refresh: holds the 2D context and the canvas's size, and is painted by
 * one requestAnimationFrame loop shared by every started view (paused by the browser in background
 * tabs), which calls each view's `paint` in start order. Subclasses draw only the newest data, so a
 * burst of frames costs one paint.
 *
 * No layout is read while painting: the size comes from a ResizeObserver, so text written by one
 * view's readouts never forces a synchronous layout in the next view's paint. Until the first size
 * arrives nothing is painted.
 */
export abstract class CanvasView {
  private static readonly views: CanvasView[] = [];
  private static looping = false;

  protected dirty = true;
  protected readonly ctx: CanvasRenderingContext2D;
  /** The element's content size, CSS pixels; null until the ResizeObserver reported one. */
  private size: { readonly w: number; readonly h: number } | null = null;

  constructor(protected readonly canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext('2d');
    if (ctx === null) throw new Error('no 2D canvas context');
    this.ctx = ctx;
    new ResizeObserver((entries) => {
      for (const e of entries) this.resized(e.contentRect);
    }).observe(canvas);
  }

  /** Adds the view to the shared paint loop (started with the first view). */
  start(): void {
    CanvasView.views.push(this);
    if (CanvasView.looping) return;
    CanvasView.looping = true;
    const loop = (now: number): void => {
      for (const v of CanvasView.views) v.paint(now);
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  }

  /**
   * Matches the backing store to the element's size in device pixels (sharp on HiDPI; the ratio is
   * read at each paint, so a move to another screen is picked up too); false before a size is known.
   */
  protected fitCanvas(): boolean {
    if (this.size === null) return false;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(this.size.w * dpr);
    const h = Math.round(this.size.h * dpr);
    if (this.canvas.width !== w) this.canvas.width = w;
    if (this.canvas.height !== h) this.canvas.height = h;
    return true;
  }

  /** Draws if anything changed; `now` is the animation frame's timestamp (ms). */
  protected abstract paint(now: number): void;

  private resized(box: DOMRectReadOnly): void {
    this.size = { w: box.width, h: box.height };
    this.dirty = true;
  }
}
