import type { Glue } from '../glue/glue.js';
import type { ParamId } from '../param/descriptor.js';
import type { InputKey } from './key.js';

/** How a physical control's raw input becomes a control value. */
export type ControlDecode = { readonly kind: 'absolute' };

/** A physical control of a controller profile, bound to the input it arrives on. */
export interface ControlBinding {
  /** Virtual control name (`fader/1`, `knob/3`), as mapping sets name it. */
  readonly control: string;
  readonly input: InputKey;
  /** The OSC address to send feedback to, if the control takes feedback. */
  readonly feedbackAddress: string | undefined;
  readonly decode: ControlDecode;
}

/** A mapping set entry: a virtual control drives a parameter through glue. */
export interface MappingSpec {
  readonly id: string;
  readonly control: string;
  readonly target: ParamId;
  readonly glue: Glue;
  readonly feedback: boolean;
}

/** One compiled route: everything the hot path needs, resolved ahead of time. */
export interface Route {
  readonly mapping: MappingSpec;
  readonly binding: ControlBinding;
}

/**
 * The compiled, frozen routing table. It is never edited: a change of profile or mapping set
 * compiles a new table and the daemon swaps the reference whole.
 */
export interface RoutingTable {
  readonly byInput: ReadonlyMap<InputKey, readonly Route[]>;
  readonly byTarget: ReadonlyMap<ParamId, readonly Route[]>;
  /** Mappings whose control no connected profile provides (shown, not an error). */
  readonly unbound: readonly MappingSpec[];
}

export interface CompileProblem {
  readonly mapping: string;
  readonly message: string;
}

/**
 * Compiles bindings and mappings into a frozen table. Mappings that name an unknown parameter are
 * reported as problems and left out; mappings whose control is not bound are listed as unbound.
 */
export function compileRouting(
  bindings: readonly ControlBinding[],
  mappings: readonly MappingSpec[],
  knownParam: (id: ParamId) => boolean,
): { table: RoutingTable; problems: readonly CompileProblem[] } {
  const byControl = new Map<string, ControlBinding[]>();
  for (const b of bindings) byControl.set(b.control, [...(byControl.get(b.control) ?? []), b]);

  const byInput = new Map<InputKey, Route[]>();
  const byTarget = new Map<ParamId, Route[]>();
  const unbound: MappingSpec[] = [];
  const problems: CompileProblem[] = [];
  for (const m of mappings) {
    if (!knownParam(m.target)) {
      problems.push({ mapping: m.id, message: `unknown parameter '${m.target}'` });
      continue;
    }
    const bs = byControl.get(m.control);
    if (bs === undefined) {
      unbound.push(m);
      continue;
    }
    for (const binding of bs) {
      const route: Route = Object.freeze({ mapping: m, binding });
      byInput.set(binding.input, [...(byInput.get(binding.input) ?? []), route]);
      byTarget.set(m.target, [...(byTarget.get(m.target) ?? []), route]);
    }
  }
  const table: RoutingTable = Object.freeze({
    byInput: freezeMap(byInput),
    byTarget: freezeMap(byTarget),
    unbound: Object.freeze(unbound),
  });
  return { table, problems };
}

function freezeMap<K, V>(m: Map<K, V[]>): ReadonlyMap<K, readonly V[]> {
  const out = new Map<K, readonly V[]>();
  for (const [k, v] of m) out.set(k, Object.freeze(v));
  return out;
}

export const EMPTY_ROUTING: RoutingTable = compileRouting([], [], () => false).table;
