import type { ParamId } from '../../core/param/descriptor.js';
import type { ParamStore } from '../../core/param/store.js';
import type { History } from '../history/history.js';

/** The two states of a bypass compare. */
export const BYPASS_SLOTS = ['chain', 'bypass'] as const;

const RECALL = { kind: 'recall' } as const;

/**
 * The whole chain in or out: `bypass` sets every module's `<module>.bypass` (on/off parameters
 * named so) to 1, remembering each one's setting; `chain` puts back what was remembered. The
 * engine crossfades each bypass (no click). Each switch is one history step.
 */
export class BypassSwitch {
  private saved: Map<ParamId, number> | undefined;

  constructor(
    private readonly store: ParamStore,
    private readonly history: History,
  ) {}

  select(slot: string): void {
    if (slot === 'bypass' && this.saved === undefined) {
      const ids = this.store.list().filter((d) => d.id.endsWith('.bypass') && d.unit === 'on/off');
      this.saved = new Map(ids.map((d) => [d.id, this.store.get(d.id) ?? d.default]));
      this.history.batch('compare bypass', () => {
        for (const d of ids) this.store.set(d.id, d.max, RECALL);
      });
    } else if (slot === 'chain' && this.saved !== undefined) {
      const saved = this.saved;
      this.saved = undefined;
      this.history.batch('compare chain', () => {
        for (const [id, v] of saved) this.store.set(id, v, RECALL);
      });
    }
  }
}
