/**
 * Coalesces outgoing `set`s per parameter to one per animation frame: a range input fires far more
 * often than a screen (or a listener) can use, and only the latest position matters.
 */
import type { ClientMessage } from '../../bridge/server/messages.js';

export class SetQueue {
  private readonly pending = new Map<string, number>();
  private scheduled = false;

  constructor(
    private readonly send: (m: ClientMessage) => boolean,
    private readonly onUnsent: () => void,
  ) {}

  set(id: string, value: number): void {
    this.pending.set(id, value);
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    let unsent = false;
    for (const [id, value] of this.pending) unsent = !this.send({ type: 'set', id, value }) || unsent;
    this.pending.clear();
    if (unsent) this.onUnsent();
  }
}
