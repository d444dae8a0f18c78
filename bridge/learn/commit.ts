import type { Condition } from '../core/mapping/spec.js';
import type { Detection } from './detect.js';
import type { LearnDeps } from './service.js';
import type { Learned, LearnedEntry } from './state.js';
import { ensureLearnedControl, writeLearnedMapping } from './write-files.js';

/**
 * Turns a detection into files and a reload: the control (the profile's, or a learned one), the
 * mapping in the overlay, then deps.reload(). Throws with a readable message on any failure.
 */
export async function commitLearned(deps: LearnDeps, param: string, d: Detection): Promise<Learned> {
  const bound = deps.controlFor(d.key);
  if (bound === undefined && !d.key.startsWith('osc ')) throw new Error(`no control is known for ${d.key}`);
  const { control, created } = bound !== undefined ? { control: bound, created: false } : await ensureLearnedControl(deps.stateDir, d.key.slice('osc '.length), d);
  const mapping = learnedEntry(param, control, d, deps.replaces?.(control));
  await writeLearnedMapping(deps.stateDir, mapping);
  try {
    await deps.reload();
  } catch (e) {
    throw new Error(`learned ${control} → ${param} and wrote it, but the reload failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { param, control, kind: d.kind, input: d.key, mapping, createdControl: created };
}

/**
 * The overlay entry: default glue (soft takeover `pickup`, like every mapping) except that a
 * button toggles, which suits on/off parameters and latching toggles alike.
 */
function learnedEntry(param: string, control: string, d: Detection, replaced: { id: string; when: Condition } | undefined): LearnedEntry {
  const w = replaced?.when;
  const when = w === undefined || (w.modifiers.length === 0 && w.page === null) ? undefined : { modifiers: w.modifiers.map((m) => ({ control: m.control, held: m.held })), ...(w.page === null ? {} : { page: w.page }) };
  return {
    id: replaced?.id ?? `learned:${param}`,
    control,
    target: param,
    ...(when === undefined ? {} : { when }),
    ...(d.kind === 'button' ? { glue: { button: 'toggle' as const } } : {}),
  };
}
