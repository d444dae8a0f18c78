import type { MappingSpec } from '../mapping/spec.js';
import type { ParamId } from '../param/descriptor.js';
import type { InputKey } from './key.js';
import type { MidiFeedbackOut } from '../midi/feedback-spec.js';
import type { MidiInterpretation, MidiSource } from '../midi/spec.js';

/**
 * How a physical control's raw OSC argument becomes a control value:
 * - absolute: a number in `range` (0..1 for TouchOSC, 0..127 for some apps) scaled to 0..1;
 * - relative: a signed number of encoder steps per message (+ clockwise);
 * - button: a number > 0 or T is a press, 0 or F a release.
 * - midi: a MIDI source (after 14-bit/NRPN assembly by the device's decoder) and how its value
 *   is read (core/midi/spec.ts).
 * Serial decodes join this union in their own issue.
 */
export type ControlDecode =
  | { readonly kind: 'absolute'; readonly range: { readonly min: number; readonly max: number } }
  | { readonly kind: 'relative' }
  | { readonly kind: 'button' }
  | { readonly kind: 'midi'; readonly source: MidiSource; readonly as: MidiInterpretation };

/**
 * Where and how a control shows its parameter: OSC `address` gets the position scaled into
 * `range`; `text`, when set, is an address that gets the value as text with its unit
 * ("-6.0 dB") for a label next to the control.
 */
export interface OscFeedbackSpec {
  readonly kind: 'osc';
  readonly address: string;
  readonly range: { readonly min: number; readonly max: number };
  readonly text: string | null;
}

/** MIDI feedback: messages (LED ring, motor fader, LED, Mackie LCD text) to the profile's output ports (core/midi/feedback-spec.ts). */
export interface MidiFeedbackSpec {
  readonly kind: 'midi';
  readonly outs: readonly MidiFeedbackOut[];
}

export type FeedbackSpec = OscFeedbackSpec | MidiFeedbackSpec;

/** A physical control of a controller profile, bound to the input it arrives on. */
export interface ControlBinding {
  /** Virtual control name (`fader/1`, `knob/3`), as mapping sets name it. */
  readonly control: string;
  /** The controller profile's id, for the devices page and learn. */
  readonly profile: string;
  readonly input: InputKey;
  readonly decode: ControlDecode;
  /** Null when the control takes no feedback. */
  readonly feedback: FeedbackSpec | null;
}

/** A mapping paired with one binding of its control: what feedback needs. */
export interface Route {
  readonly mapping: MappingSpec;
  readonly binding: ControlBinding;
}

/**
 * The compiled, frozen routing table. It is never edited: a change of profile or mapping set
 * compiles a new table and the runtime swaps the reference whole. Hot path: one look-up from an
 * input to its controls, one from a control to its mappings.
 */
export interface RoutingTable {
  readonly byInput: ReadonlyMap<InputKey, readonly ControlBinding[]>;
  readonly byControl: ReadonlyMap<string, readonly MappingSpec[]>;
  readonly byTarget: ReadonlyMap<ParamId, readonly Route[]>;
  /** Mappings whose control no loaded profile provides (listed, not an error). */
  readonly unbound: readonly MappingSpec[];
}

export type { MappingSpec };

export interface CompileProblem {
  readonly mapping: string;
  readonly message: string;
}

/**
 * Compiles bindings and mappings into a frozen table. Mappings that name an unknown parameter are
 * reported and left out; mappings whose control is not bound are listed as unbound (a modifier
 * or page condition may still name them).
 */
export function compileRouting(
  bindings: readonly ControlBinding[],
  mappings: readonly MappingSpec[],
  knownParam: (id: ParamId) => boolean,
): { table: RoutingTable; problems: readonly CompileProblem[] } {
  const byInput = new Map<InputKey, ControlBinding[]>();
  const bindingsOf = new Map<string, ControlBinding[]>();
  for (const b of bindings) {
    push(byInput, b.input, b);
    push(bindingsOf, b.control, b);
  }
  const byControl = new Map<string, MappingSpec[]>();
  const byTarget = new Map<ParamId, Route[]>();
  const unbound: MappingSpec[] = [];
  const problems: CompileProblem[] = [];
  for (const m of mappings) {
    if (!knownParam(m.target)) {
      problems.push({ mapping: m.id, message: `unknown parameter '${m.target}'` });
      continue;
    }
    push(byControl, m.control, m);
    const bs = bindingsOf.get(m.control);
    if (bs === undefined) unbound.push(m);
    for (const binding of bs ?? []) push(byTarget, m.target, Object.freeze({ mapping: m, binding }));
  }
  const table: RoutingTable = Object.freeze({
    byInput: freezeMap(byInput),
    byControl: freezeMap(byControl),
    byTarget: freezeMap(byTarget),
    unbound: Object.freeze(unbound),
  });
  return { table, problems };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list === undefined) m.set(k, [v]);
  else list.push(v);
}

function freezeMap<K, V>(m: Map<K, V[]>): ReadonlyMap<K, readonly V[]> {
  const out = new Map<K, readonly V[]>();
  for (const [k, v] of m) out.set(k, Object.freeze(v));
  return out;
}

export const EMPTY_ROUTING: RoutingTable = compileRouting([], [], () => false).table;
