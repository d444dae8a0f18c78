import { glueFeedback } from '../glue/glue.js';
import type { MappingRuntime } from '../mapping/runtime.js';
import { encodeFeedback, feedbackKey } from '../midi/feedback-encode.js';
import type { TouchNote } from '../midi/feedback-spec.js';
import type { MidiOut } from '../midi/wire.js';
import { formatValue } from '../param/format.js';
import type { ParamChange, ParamStore } from '../param/store.js';

/** The messages that show one parameter on one control of a MIDI profile's output. */
export interface MidiFeedbackItem {
  readonly profile: string;
  /** Coalescing key on the port (`cc 0 48`, `pb 3`): only the newest item per key is sent. */
  readonly key: string;
  readonly messages: readonly MidiOut[];
  /** A motor fader's touch note: the item waits while the fader is touched. */
  readonly touch: TouchNote | null;
}

/**
 * The MIDI feedback for one parameter change: every control whose mapping is active (current page
 * and modifiers), takes feedback and has a MIDI feedback spec, at the position its glue's inverse
 * gives, encoded per its profile (LED ring mode, 14-bit pair, NRPN, pitch bend, note, LCD text).
 */
export function midiFeedbackFor(change: ParamChange, runtime: MappingRuntime, store: ParamStore): MidiFeedbackItem[] {
  const d = store.descriptor(change.id);
  if (d === undefined) return [];
  const out: MidiFeedbackItem[] = [];
  for (const r of runtime.routing.byTarget.get(change.id) ?? []) {
    const fb = r.binding.feedback;
    if (!r.mapping.feedback || fb === null || fb.kind !== 'midi' || !runtime.isActive(r.mapping)) continue;
    const pos = glueFeedback(r.mapping.glue, change.value, d);
    const ctx = { name: d.name, text: formatValue(d, change.value), bipolar: d.min < 0 && d.max > 0 };
    for (const o of fb.outs) {
      const touch = o.kind === 'pitchbend' ? o.touch : null;
      out.push({ profile: r.binding.profile, key: feedbackKey(o), messages: encodeFeedback(o, pos, ctx), touch });
    }
  }
  return out;
}
