/**
 * A canvas drawn at display refresh: holds the 2D context, marks itself dirty on resize, and runs
 * one requestAnimationFrame loop (paused by the browser in background tabs) calling `paint`.
 * Subclasses draw only the newest data, so a burst of frames costs one paint.
 */
export abstract class CanvasView {
  protected dirty = true;
  protected readonly ctx: CanvasRenderingContext2D;

  constructor(protected readonly canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext('2d');
    if (ctx === null) throw new Error('no 2D canvas context');
    this.ctx = ctx;
    new ResizeObserver(() => {
      this.dirty = true;
    }).observe(canvas);
  }

  /** Starts the paint loop. */
  start(): void {
    const loop = (now: number): void => {
      this.paint(now);
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  }

  /** Matches the backing store to the element's size in device pixels (sharp on HiDPI). */
  protected fitCanvas(): void {
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(this.canvas.clientWidth * dpr);
    const h = Math.round(this.canvas.clientHeight * dpr);
    if (this.canvas.width !== w) this.canvas.width = w;
    if (this.canvas.height !== h) this.canvas.height = h;
  }

  /** Draws if anything changed; `now` is the animation frame's timestamp (ms). */
  protected abstract paint(now: number): void;
}
