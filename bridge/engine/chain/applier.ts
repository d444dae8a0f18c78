import { Coalescer } from '../../core/feedback/coalescer.js';
import type { ParamId } from '../../core/param/descriptor.js';
import type { Binding } from './binder.js';
import { bindingsById, type Chain } from './graph.js';
import { chainParam, defaultValues } from './params.js';

/** Why a value was not applied. */
export type ApplyRejection = { readonly kind: 'unknown-id'; readonly id: ParamId } | { readonly kind: 'not-finite'; readonly id: ParamId; readonly value: number };

interface Pending {
  readonly id: ParamId;
  readonly value: number;
}

/**
 * Turns parameter values into ramps on a built chain.
 *
 * Coalescing contract: `apply` keeps only the newest value per id and schedules at most one flush
 * per event-loop turn (setImmediate), so a burst of knob messages costs each parameter one move
 * (at most four automation messages per AudioParam it drives, see ParamRamp; an EQ gain drives
 * two) per turn, whatever the input rate. A dozen knobs moving at once stay well under the 256
 * messages a block allows.
 * `applyAt` schedules at once, for a given context time (offline renders, which know every change
 * before rendering).
 */
export class ChainApplier {
  private readonly pending = new Coalescer<ParamId, Pending>();
  private flushHandle: NodeJS.Immediate | undefined;
  private disposed = false;
  private readonly byId: ReadonlyMap<ParamId, readonly Binding[]>;
  private readonly values: Map<ParamId, number>;

  constructor(
    private readonly ctx: BaseAudioContext,
    chain: Chain,
    /** Called after a ramp is on its AudioParam, with the value (after clamping to the range). */
    private readonly onScheduled: (id: ParamId, value: number) => void = () => {},
    /** The values the chain was built with (the bindings' starting point). */
    initial: ReadonlyMap<ParamId, number> = new Map(),
  ) {
    this.byId = bindingsById(chain);
    this.values = new Map([...defaultValues(), ...initial]);
  }

  /** Queues a value; it is scheduled on the next flush. */
  apply(id: ParamId, value: number): ApplyRejection | undefined {
    const bad = check(id, value);
    if (bad !== undefined || this.disposed) return bad;
    this.pending.put(id, { id, value });
    this.flushHandle ??= setImmediate(() => this.flush());
    return undefined;
  }

  /**
   * Schedules a value at context time `when` (seconds), bypassing the coalescer. Calls must come in
   * time order per parameter: each one cancels what was scheduled after `when`.
   */
  applyAt(id: ParamId, value: number, when: number): ApplyRejection | undefined {
    const bad = check(id, value);
    if (bad !== undefined) return bad;
    this.schedule(id, value, when);
    return undefined;
  }

  /** Values replaced before they reached the audio thread (for benchmarks and the devices page). */
  get coalesced(): number {
    return this.pending.coalesced;
  }

  /** Schedules every queued value now. */
  flush(): void {
    this.flushHandle = undefined;
    if (this.disposed) return;
    const now = this.ctx.currentTime;
    for (const p of this.pending.drain()) this.schedule(p.id, p.value, now);
  }

  /** Drops queued values and the pending flush; later calls do nothing. */
  dispose(): void {
    this.disposed = true;
    if (this.flushHandle !== undefined) clearImmediate(this.flushHandle);
    this.flushHandle = undefined;
    this.pending.drain();
  }

  private schedule(id: ParamId, value: number, when: number): void {
    const d = chainParam(id);
    if (d === undefined) return;
    const v = Math.min(d.max, Math.max(d.min, value));
    this.values.set(id, v);
    // Every AudioParam this id drives moves to its value for the new set of values.
    for (const bd of this.byId.get(id) ?? []) bd.ramp.moveTo(bd.plain(this.values), when);
    this.onScheduled(id, v);
  }
}

function check(id: ParamId, value: number): ApplyRejection | undefined {
  if (chainParam(id) === undefined) return { kind: 'unknown-id', id };
  if (!Number.isFinite(value)) return { kind: 'not-finite', id, value };
  return undefined;
}
