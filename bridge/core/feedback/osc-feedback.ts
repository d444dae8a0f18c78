import { glueFeedback } from '../glue/glue.js';
import type { MappingRuntime } from '../mapping/runtime.js';
import { formatValue } from '../param/format.js';
import type { ParamChange, ParamStore } from '../param/store.js';
import { detentAddress } from '../routing/detent-namespace.js';

/** One OSC feedback message: an address and one float or string; `range` spans the control's values. */
export interface OscFeedbackMessage {
  readonly address: string;
  readonly value: number | string;
  readonly range: number;
}

/**
 * The OSC messages that show one parameter change: Detent's namespace in plain and normalised
 * form, and every control whose mapping is active (current page and modifiers) and takes
 * feedback, through the inverse of its glue, scaled into the control's range, plus its text label.
 */
export function oscFeedbackFor(change: ParamChange, runtime: MappingRuntime, store: ParamStore): OscFeedbackMessage[] {
  const d = store.descriptor(change.id);
  const out: OscFeedbackMessage[] = [
    { address: detentAddress(change.id, false), value: change.value, range: d === undefined ? 1 : d.max - d.min },
    { address: detentAddress(change.id, true), value: change.norm, range: 1 },
  ];
  if (d === undefined) return out;
  for (const r of runtime.routing.byTarget.get(change.id) ?? []) {
    const fb = r.binding.feedback;
    if (!r.mapping.feedback || fb === null || fb.kind !== 'osc' || !runtime.isActive(r.mapping)) continue;
    const span = fb.range.max - fb.range.min;
    out.push({ address: fb.address, value: fb.range.min + glueFeedback(r.mapping.glue, change.value, d) * span, range: span });
    if (fb.text !== null) out.push({ address: fb.text, value: formatValue(d, change.value), range: 0 });
  }
  return out;
}
