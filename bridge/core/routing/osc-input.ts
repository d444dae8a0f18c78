import { detentError, ErrorCode, type DetentError } from '../errors.js';
import type { RawInput } from '../input.js';
import type { MappingRuntime } from '../mapping/runtime.js';
import type { ParamStore, ParamChange } from '../param/store.js';
import type { ChangeOrigin } from '../param/origin.js';
import { maybeUnit } from '../unit.js';
import { parseDetentAddress } from './detent-namespace.js';
import { oscKey } from './key.js';
import type { ControlBinding } from './table.js';
import { decodeOsc, numericArg } from './osc-decode.js';

export type OscInput = Extract<RawInput, { kind: 'osc' }>;

/** What became of one OSC message. */
export type RouteOutcome =
  | { readonly kind: 'applied'; readonly changes: readonly ParamChange[] }
  /** Matched, but glue or takeover left the parameters alone (not caught, outside the source range). */
  | { readonly kind: 'filtered' }
  /** A modifier or page button changed the modes. */
  | { readonly kind: 'mode' }
  | { readonly kind: 'rejected'; readonly error: DetentError }
  | { readonly kind: 'unmapped' };

const badArgs = (input: OscInput, want: string): RouteOutcome => ({
  kind: 'rejected',
  error: detentError(
    ErrorCode.OscBadArguments,
    `${input.address} from ${input.peer}: expected ${want}, got [${input.args.map((a) => (a.type === 'other' ? a.tag : a.type)).join(',')}]`,
  ),
});

/**
 * Routes one OSC message: Detent's own namespace first, then the controls bound to the address
 * (decoded per their profile) through the mapping runtime. Never throws on bad input: it answers
 * `rejected` with the reason.
 */
export function routeOsc(
  input: OscInput,
  runtime: MappingRuntime,
  store: ParamStore,
  /** Whether a binding's profile applies to this sender (profiles can match OSC source addresses). */
  applies: (binding: ControlBinding, peer: string) => boolean = () => true,
): RouteOutcome {
  const origin: ChangeOrigin = { kind: 'osc', peer: input.peer, address: input.address };

  const direct = parseDetentAddress(input.address);
  if (direct !== undefined) {
    const x = numericArg(input.args);
    if (x === undefined) return badArgs(input, 'one finite number');
    if (direct.norm) {
      const u = maybeUnit(x);
      if (u === undefined) return badArgs(input, 'a number within 0..1');
      return outcome(store.setNorm(direct.id, u, origin));
    }
    return outcome(store.set(direct.id, x, origin));
  }

  const bindings = runtime.routing.byInput.get(oscKey(input.address));
  if (bindings === undefined) return { kind: 'unmapped' };
  const changes: ParamChange[] = [];
  let result: RouteOutcome = { kind: 'unmapped' };
  for (const b of bindings) {
    if (!applies(b, input.peer)) continue;
    const value = decodeOsc(b.decode, input.args);
    if (typeof value === 'string') return badArgs(input, value);
    const r = runtime.handle({ control: b.control, value, t: input.t, origin });
    if (r.kind === 'applied') changes.push(...r.changes);
    else if (result.kind === 'unmapped' || r.kind === 'mode') result = r;
  }
  return changes.length > 0 ? { kind: 'applied', changes } : result;
}

function outcome(res: ReturnType<ParamStore['set']>): RouteOutcome {
  return res.ok ? { kind: 'applied', changes: [res.value] } : { kind: 'rejected', error: res.error };
}
