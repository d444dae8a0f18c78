import { glueFeedback } from '../glue/glue.js';
import type { ParamStore, ParamChange } from '../param/store.js';
import { detentAddress } from '../routing/detent-namespace.js';
import type { RoutingTable } from '../routing/table.js';

/** One OSC feedback message: an address and one float. */
export interface OscFeedbackMessage {
  readonly address: string;
  readonly value: number;
}

/**
 * The OSC messages that show one parameter change: Detent's namespace in plain and normalised
 * form, and every mapped control with feedback on, through the inverse of its glue.
 */
export function oscFeedbackFor(change: ParamChange, table: RoutingTable, store: ParamStore): OscFeedbackMessage[] {
  const out: OscFeedbackMessage[] = [
    { address: detentAddress(change.id, false), value: change.value },
    { address: detentAddress(change.id, true), value: change.norm },
  ];
  const d = store.descriptor(change.id);
  if (d === undefined) return out;
  for (const r of table.byTarget.get(change.id) ?? []) {
    if (!r.mapping.feedback || r.binding.feedbackAddress === undefined) continue;
    out.push({ address: r.binding.feedbackAddress, value: glueFeedback(r.mapping.glue, change.value, d) });
  }
  return out;
}

/**
 * True when sending this message to this target would echo a value back to the control that is
 * moving it: the target is the peer (same host:port) and the address is the one it sent on.
 */
export function isEcho(change: ParamChange, target: string, address: string): boolean {
  return change.origin.kind === 'osc' && change.origin.peer === target && change.origin.address === address;
}
