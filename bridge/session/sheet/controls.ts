import { glueFeedback } from '../../core/glue/glue.js';
import type { ParamDescriptor, ParamId } from '../../core/param/descriptor.js';
import type { RoutingTable } from '../../core/routing/table.js';

/** A physical control that drives a parameter, and where it stands for a value. */
export interface SheetControl {
  readonly control: string;
  /** The input it arrives on (`osc /1/fader1`); null when no profile binds it. */
  readonly input: string | null;
  /** Position in the control's travel, 0..1; null for encoders and buttons (no absolute position). */
  readonly position: number | null;
  /** For knobs (`knob/...`): the pointer as a clock face, `7:00` fully left to `5:00` fully right. */
  readonly clock: string | null;
}

export type ControlsFor = (id: ParamId, value: number) => readonly SheetControl[];

/**
 * Controls and positions from the live routing table: each mapping targeting the parameter, its
 * control's position through the mapping's inverse glue (what feedback would show). Encoders and
 * buttons have no position to note.
 */
export function controlsFromRouting(routing: () => RoutingTable, descriptor: (id: ParamId) => ParamDescriptor | undefined): ControlsFor {
  return (id, value) => {
    const d = descriptor(id);
    if (d === undefined) return [];
    const table = routing();
    const out: SheetControl[] = [];
    for (const r of table.byTarget.get(id) ?? []) {
      const position = r.binding.decode.kind === 'absolute' ? glueFeedback(r.mapping.glue, value, d) : null;
      out.push({ control: r.mapping.control, input: r.binding.input, position, clock: clockOf(r.mapping.control, position) });
    }
    for (const m of table.unbound.filter((u) => u.target === id)) {
      out.push({ control: m.control, input: null, position: glueFeedback(m.glue, value, d), clock: clockOf(m.control, null) });
    }
    return out;
  };
}

/**
 * A pot's pointer on a clock face: the usual 300° travel from 7 o'clock (0) through 12 (0.5) to
 * 5 o'clock (1), to the nearest 5 minutes, as analogue recall sheets note it.
 */
export function clockPosition(position: number): string {
  const minutes = Math.round((7 * 60 + position * 10 * 60) / 5) * 5;
  const h = Math.floor(minutes / 60) % 12 || 12;
  return `${h}:${String(minutes % 60).padStart(2, '0')}`;
}

const clockOf = (control: string, position: number | null): string | null => (position !== null && control.startsWith('knob/') ? clockPosition(position) : null);
