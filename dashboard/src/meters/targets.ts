/**
 * Delivery targets for the loudness meter: the presets from `/api/delivery-targets`, and first,
 * when a session is open, that session's own target (its stored figures, which may be custom).
 * Pure; fetching lives in target-picker.ts.
 */
import type { DeliveryPresetId } from '../../../bridge/session/model/delivery.js';

/** A preset as `/api/delivery-targets` lists it. */
export interface DeliveryPresetView {
  readonly id: DeliveryPresetId;
  readonly name: string;
  readonly lufs: number | null;
  readonly truePeakDb: number;
  readonly note: string;
}

/** One choice of the selector. `lufs` null: no loudness line (CD, vinyl), only the peak ceiling. */
export interface MeterTarget {
  readonly id: string;
  readonly label: string;
  readonly lufs: number | null;
  readonly truePeakDb: number;
}

/** The open session's name and stored delivery figures. */
export interface SessionTarget {
  readonly name: string;
  readonly delivery: { readonly preset: DeliveryPresetId; readonly lufs: number | null; readonly truePeakDb: number };
}

export const SESSION_TARGET_ID = 'session';

const lufsText = (lufs: number | null): string => (lufs === null ? 'no target' : `${lufs} LUFS`);

/** The selector's choices: the session's target (if any) first, then every preset. */
export function targetChoices(presets: readonly DeliveryPresetView[], session: SessionTarget | null): MeterTarget[] {
  const list: MeterTarget[] = presets.map((p) => ({ id: p.id, label: `${p.name} (${lufsText(p.lufs)})`, lufs: p.lufs, truePeakDb: p.truePeakDb }));
  if (session === null) return list;
  const preset = presets.find((p) => p.id === session.delivery.preset)?.name ?? session.delivery.preset;
  const d = session.delivery;
  return [{ id: SESSION_TARGET_ID, label: `Session: ${preset} (${lufsText(d.lufs)})`, lufs: d.lufs, truePeakDb: d.truePeakDb }, ...list];
}

/**
 * Which choice to select after (re)loading: the user's current pick while it still exists; else
 * the session's target; else Spotify; else the first.
 */
export function defaultTarget(choices: readonly MeterTarget[], current: string | null): MeterTarget | null {
  const by = (id: string | null): MeterTarget | undefined => choices.find((c) => c.id === id);
  return by(current) ?? by(SESSION_TARGET_ID) ?? by('spotify') ?? choices[0] ?? null;
}
