/**
 * The inline mapping editor's model, pure: the form's values read from a mapping entry as its
 * file has it (GET /api/mappings/:id), and the entry written back from them (PUT), keeping every
 * field the form does not show (curve, step, conditions...) as it was. The range is shown in the
 * parameter's units; the file keeps it normalised (glue.target, 0..1, min > max runs backwards).
 */
import { fromNorm, toNorm, type ParamDescriptor } from '../../../bridge/core/param/descriptor.js';
import { clampUnit } from '../../../bridge/core/unit.js';

export const TAKEOVER_MODES = ['pickup', 'off', 'catch-up', 'parallel', 'pickup-tolerant', 'long-time-no-see'] as const;
export type TakeoverName = (typeof TAKEOVER_MODES)[number];

/** What the engineer sees on a takeover choice. */
export const TAKEOVER_LABELS: Readonly<Record<TakeoverName, string>> = {
  pickup: 'pickup (catch the value, then follow)',
  off: 'off (jump to the control)',
  'catch-up': 'catch-up (scale to meet)',
  parallel: 'parallel (move by the change)',
  'pickup-tolerant': 'pickup within 5 %',
  'long-time-no-see': 'long-time-no-see (approach gradually)',
};

export type Entry = Readonly<Record<string, unknown>>;

export interface EditValues {
  readonly target: string;
  /** The range in the parameter's plain units: where the control's bottom and top land. */
  readonly from: number;
  readonly to: number;
  readonly reverse: boolean;
  readonly takeover: TakeoverName;
  readonly feedback: boolean;
}

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const num = (v: unknown, dflt: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : dflt);
const isTakeover = (v: unknown): v is TakeoverName => typeof v === 'string' && (TAKEOVER_MODES as readonly string[]).includes(v);

/** The takeover mode an entry names (a string or `{kind}`); the schema's default is pickup. */
export function takeoverOf(glue: unknown): TakeoverName {
  const t = obj(glue)['takeover'];
  const kind = typeof t === 'string' ? t : obj(t)['kind'];
  return isTakeover(kind) ? kind : 'pickup';
}

/** The form's values for an entry whose target is described by `d`. */
export function editValues(entry: Entry, d: ParamDescriptor): EditValues {
  const glue = obj(entry['glue']);
  const range = obj(glue['target']);
  return {
    target: d.id,
    from: fromNorm(d, clampUnit(num(range['min'], 0))),
    to: fromNorm(d, clampUnit(num(range['max'], 1))),
    reverse: glue['reverse'] === true,
    takeover: takeoverOf(glue),
    feedback: entry['feedback'] !== false,
  };
}

/** The values for a newly chosen parameter: its whole range, the rest as they were. */
export const retarget = (v: EditValues, d: ParamDescriptor): EditValues => ({ ...v, target: d.id, from: d.min, to: d.max });

/**
 * The entry with the form's values: target, feedback (left out when true and absent before), glue.target (left out when it is the
 * whole range), glue.reverse (left out when false and absent before), glue.takeover (a tolerant
 * mode's own tolerance kept when the mode is unchanged). Everything else stays.
 */
export function editedEntry(entry: Entry, v: EditValues, d: ParamDescriptor): Entry {
  const glue: Record<string, unknown> = { ...obj(entry['glue']) };
  const min = toNorm(d, v.from);
  const max = toNorm(d, v.to);
  if (min === 0 && max === 1) delete glue['target'];
  else glue['target'] = { min, max };
  if (v.reverse || 'reverse' in glue) glue['reverse'] = v.reverse;
  if (takeoverOf(glue) !== v.takeover || !('takeover' in glue)) glue['takeover'] = v.takeover;
  const out: Record<string, unknown> = { ...entry, target: v.target };
  if (!v.feedback || 'feedback' in entry) out['feedback'] = v.feedback;
  if (Object.keys(glue).length > 0) out['glue'] = glue;
  else delete out['glue'];
  return out;
}
