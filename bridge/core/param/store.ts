import { detentError, ErrorCode, type DetentError } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import type { Clock } from '../clock.js';
import type { Unit } from '../unit.js';
import { descriptorProblems, fromNorm, quantise, toNorm, type ParamDescriptor, type ParamId } from './descriptor.js';
import type { ChangeOrigin } from './origin.js';

/** One applied change: the value after quantisation, its position, who asked, and when (clock ms). */
export interface ParamChange {
  readonly id: ParamId;
  readonly value: number;
  readonly norm: Unit;
  readonly origin: ChangeOrigin;
  readonly t: number;
}

export type ParamListener = (change: ParamChange) => void;

/**
 * The one store of parameter truth. Every output (engine, OSC feedback, dashboard, sessions)
 * subscribes here and follows it; nothing else holds a parameter's value.
 * Listeners run synchronously in subscription order; a throwing listener is isolated so one bad
 * output cannot stop the others.
 */
export class ParamStore {
  private readonly descriptors: ReadonlyMap<ParamId, ParamDescriptor>;
  private readonly values = new Map<ParamId, number>();
  private readonly listeners = new Set<ParamListener>();

  constructor(
    descriptors: readonly ParamDescriptor[],
    private readonly clock: Clock,
    private readonly onListenerError: (e: unknown) => void = () => {},
  ) {
    const problems = descriptors.flatMap(descriptorProblems);
    if (problems.length > 0) throw new Error(`invalid parameter descriptors:\n${problems.join('\n')}`);
    const map = new Map<ParamId, ParamDescriptor>();
    for (const d of descriptors) {
      if (map.has(d.id)) throw new Error(`duplicate parameter id ${d.id}`);
      map.set(d.id, Object.freeze({ ...d }));
      this.values.set(d.id, d.default);
    }
    this.descriptors = map;
  }

  list(): readonly ParamDescriptor[] {
    return [...this.descriptors.values()];
  }

  descriptor(id: ParamId): ParamDescriptor | undefined {
    return this.descriptors.get(id);
  }

  get(id: ParamId): number | undefined {
    return this.values.get(id);
  }

  norm(id: ParamId): Unit | undefined {
    const d = this.descriptors.get(id);
    const v = this.values.get(id);
    return d === undefined || v === undefined ? undefined : toNorm(d, v);
  }

  /** Sets a plain value. Rejects unknown ids, non-finite values and values outside min..max. */
  set(id: ParamId, value: number, origin: ChangeOrigin): Result<ParamChange, DetentError> {
    const d = this.descriptors.get(id);
    if (d === undefined) return err(detentError(ErrorCode.ParamUnknown, `unknown parameter '${id}'`));
    if (!Number.isFinite(value)) return err(detentError(ErrorCode.ParamNotFinite, `${id}: value must be a finite number, got ${value}`));
    if (value < d.min || value > d.max) {
      return err(detentError(ErrorCode.ParamOutOfRange, `${id}: ${value} is outside ${d.min}..${d.max} ${d.unit}`));
    }
    return ok(this.commit(d, quantise(d, value), origin));
  }

  /** Sets a normalised position (already guaranteed in range by the Unit type). */
  setNorm(id: ParamId, norm: Unit, origin: ChangeOrigin): Result<ParamChange, DetentError> {
    const d = this.descriptors.get(id);
    if (d === undefined) return err(detentError(ErrorCode.ParamUnknown, `unknown parameter '${id}'`));
    return ok(this.commit(d, fromNorm(d, norm), origin));
  }

  subscribe(listener: ParamListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every value, for snapshots and the first frame a new client gets. */
  snapshot(): ReadonlyMap<ParamId, number> {
    return new Map(this.values);
  }

  private commit(d: ParamDescriptor, value: number, origin: ChangeOrigin): ParamChange {
    this.values.set(d.id, value);
    const change: ParamChange = { id: d.id, value, norm: toNorm(d, value), origin, t: this.clock.now() };
    for (const l of this.listeners) {
      try {
        l(change);
      } catch (e) {
        this.onListenerError(e);
      }
    }
    return change;
  }
}
