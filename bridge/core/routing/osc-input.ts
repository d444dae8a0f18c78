import { assertNever } from '../assert-never.js';
import { detentError, ErrorCode, type DetentError } from '../errors.js';
import { glueAbsolute } from '../glue/glue.js';
import type { OscArg, RawInput } from '../input.js';
import type { ParamStore, ParamChange } from '../param/store.js';
import type { ChangeOrigin } from '../param/origin.js';
import { maybeUnit } from '../unit.js';
import { parseDetentAddress } from './detent-namespace.js';
import { oscKey } from './key.js';
import type { RoutingTable } from './table.js';

export type OscInput = Extract<RawInput, { kind: 'osc' }>;

/** What became of one OSC message. */
export type RouteOutcome =
  | { readonly kind: 'applied'; readonly changes: readonly ParamChange[] }
  /** Matched, but the glue chose to leave the parameter alone (outside the source range). */
  | { readonly kind: 'filtered' }
  | { readonly kind: 'rejected'; readonly error: DetentError }
  | { readonly kind: 'unmapped' };

/** The first argument as a number: f, d and i as they are, T as 1, F as 0. */
function numericArg(args: readonly OscArg[]): number | undefined {
  const a = args[0];
  if (a === undefined) return undefined;
  switch (a.type) {
    case 'f':
    case 'd':
    case 'i':
      return a.value;
    case 'T':
      return 1;
    case 'F':
      return 0;
    case 's':
    case 'other':
      return undefined;
    default:
      return assertNever(a, 'OSC argument');
  }
}

const badArgs = (input: OscInput, want: string): RouteOutcome => ({
  kind: 'rejected',
  error: detentError(
    ErrorCode.OscBadArguments,
    `${input.address} from ${input.peer}: expected ${want}, got [${input.args.map((a) => (a.type === 'other' ? a.tag : a.type)).join(',')}]`,
  ),
});

/**
 * Routes one OSC message: Detent's namespace first, then the compiled table. Pure apart from the
 * store it writes to; it never throws on bad input, it answers `rejected` with the reason.
 */
export function routeOsc(input: OscInput, table: RoutingTable, store: ParamStore): RouteOutcome {
  const origin: ChangeOrigin = { kind: 'osc', peer: input.peer, address: input.address };
  const x = numericArg(input.args);

  const direct = parseDetentAddress(input.address);
  if (direct !== undefined) {
    if (x === undefined) return badArgs(input, 'one number');
    if (direct.norm) {
      const u = maybeUnit(x);
      if (u === undefined) return badArgs(input, 'a number within 0..1');
      return outcome(store.setNorm(direct.id, u, origin));
    }
    return outcome(store.set(direct.id, x, origin));
  }

  const routes = table.byInput.get(oscKey(input.address));
  if (routes === undefined) return { kind: 'unmapped' };
  if (x === undefined) return badArgs(input, 'one number');
  const u = maybeUnit(x);
  if (u === undefined) return badArgs(input, 'a number within 0..1');

  const changes: ParamChange[] = [];
  for (const r of routes) {
    const d = store.descriptor(r.mapping.target);
    if (d === undefined) continue; // compileRouting already dropped unknown targets
    const value = glueAbsolute(r.mapping.glue, u, d);
    if (value === undefined) continue;
    const res = store.set(d.id, value, origin);
    if (res.ok) changes.push(res.value);
  }
  return changes.length > 0 ? { kind: 'applied', changes } : { kind: 'filtered' };
}

function outcome(res: ReturnType<ParamStore['set']>): RouteOutcome {
  return res.ok ? { kind: 'applied', changes: [res.value] } : { kind: 'rejected', error: res.error };
}
