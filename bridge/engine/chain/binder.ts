import { assertNever } from '../../core/assert-never.js';
import type { ParamId } from '../../core/param/descriptor.js';
import { ParamRamp } from '../ramp/param-ramp.js';
import { planRamp, type TargetKind } from '../ramp/ramp.js';
import { chainParam } from './params.js';
import { smoothedControl } from './smoothing.js';

/** The chain's current plain values by id (missing ids read their default). */
export type Values = ReadonlyMap<ParamId, number>;

/** A plain value of the chain: the given one clamped into the range, else the default. */
export function valueOf(v: Values, id: ParamId): number {
  const d = chainParam(id);
  if (d === undefined) throw new Error(`chain: no parameter ${id}`);
  return Math.min(d.max, Math.max(d.min, v.get(id) ?? d.default));
}

/**
 * One AudioParam driven by one or more chain parameters: `plain` computes the AudioParam's plain
 * value (in the unit `ramp.kind` converts) from the chain's values. An EQ band's mid-channel gain,
 * for instance, depends on the band's gain and its mode.
 */
export interface Binding {
  readonly deps: readonly ParamId[];
  readonly ramp: ParamRamp;
  readonly plain: (v: Values) => number;
}

/**
 * Collects the bindings while the graph is built. Every binding starts at its value for `initial`
 * without a ramp (nothing has been heard yet).
 */
export class Binder {
  readonly bindings: Binding[] = [];

  constructor(
    private readonly ctx: BaseAudioContext,
    /** The values the graph starts at. */
    readonly initial: Values,
  ) {}

  /** Binds `param` to a function of several parameters. */
  bind(param: AudioParam, kind: TargetKind, deps: readonly ParamId[], plain: (v: Values) => number): void {
    const start = plain(this.initial);
    // Levels go through the audio-rate smoothing stage (chain/smoothing.ts); the rest are ramped
    // on their AudioParam directly, in their perceptual unit.
    const target = isLevel(kind) ? smoothedControl(this.ctx, param, planRamp(kind, start).target).control : param;
    this.bindings.push({ deps, ramp: new ParamRamp(target, kind, start), plain });
  }

  /** Binds `param` to one parameter's plain value. */
  direct(param: AudioParam, kind: TargetKind, id: ParamId): void {
    this.bind(param, kind, [id], (v) => valueOf(v, id));
  }
}

function isLevel(kind: TargetKind): boolean {
  switch (kind) {
    case 'level-db':
    case 'width-pct':
      return true;
    case 'filter-hz':
    case 'filter-q':
    case 'filter-db':
    case 'fade':
    case 'control-linear':
    case 'control-log':
      return false;
    default:
      return assertNever(kind, 'target kind');
  }
}
