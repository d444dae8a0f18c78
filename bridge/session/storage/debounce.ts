/**
 * Runs an async job `delayMs` after the last poke, but never later than `maxWaitMs` after the
 * first unsaved poke (a knob turned for a minute still saves every `maxWaitMs`). At most one run
 * at a time: a poke during a run schedules one more run after it. Errors go to `onError`.
 */
export class Debounced {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstPoke: number | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private closed = false;

  constructor(
    private readonly job: () => Promise<void>,
    private readonly delayMs: number,
    private readonly maxWaitMs: number,
    private readonly onError: (e: unknown) => void,
  ) {}

  get pending(): boolean {
    return this.timer !== undefined || this.again;
  }

  poke(): void {
    if (this.closed) return;
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    const now = Date.now();
    this.firstPoke ??= now;
    const wait = Math.max(0, Math.min(this.delayMs, this.firstPoke + this.maxWaitMs - now));
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.runNow(), wait);
    this.timer.unref();
  }

  /** Runs now if anything is pending, and waits for any run in progress. */
  async flush(): Promise<void> {
    for (;;) {
      if (this.running !== undefined) await this.running;
      else if (this.timer !== undefined) await this.runNow();
      else return;
    }
  }

  /** Flushes, then ignores later pokes. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  private async runNow(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.firstPoke = undefined;
    if (this.running !== undefined) {
      this.again = true;
      return this.running;
    }
    this.running = this.job().catch(this.onError);
    await this.running;
    this.running = undefined;
    if (this.again) {
      this.again = false;
      this.poke();
    }
  }
}
