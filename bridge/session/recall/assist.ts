import type { CatchStatus } from '../../core/takeover/status.js';

/** The parts of a mapping's status recall assist reads (server MappingView has them all). */
export interface AssistSource {
  readonly id: string;
  readonly control: string;
  readonly target: string;
  readonly active: boolean;
  readonly takeover: string;
  readonly catch: CatchStatus | null;
}

export interface PendingControl {
  readonly mapping: string;
  readonly control: string;
  readonly target: string;
  /** Which way to turn the control to catch its parameter. */
  readonly direction: 'up' | 'down' | null;
  /** How far, in control travel (0..1). */
  readonly distance: number | null;
}

/**
 * Recall assist: after a recall, every absolute control that does not hold its parameter's new
 * value (soft takeover has not caught it) and which way and how far to turn it. `allCaught` once
 * none is left. `unseen`: active mappings in a catching mode whose control has not moved since the
 * daemon started, so where it stands is not known (move it a little and it shows up).
 */
export interface RecallAssist {
  readonly allCaught: boolean;
  readonly pending: readonly PendingControl[];
  readonly unseen: readonly { readonly mapping: string; readonly control: string; readonly target: string }[];
}

const CATCHING = new Set(['pickup', 'pickup-tolerant', 'long-time-no-see']);

export function recallAssist(mappings: readonly AssistSource[]): RecallAssist {
  const active = mappings.filter((m) => m.active);
  const pending = active
    .filter((m) => m.catch !== null && !m.catch.caught)
    .map((m) => ({ mapping: m.id, control: m.control, target: m.target, direction: m.catch?.direction ?? null, distance: m.catch?.distance ?? null }));
  const unseen = active.filter((m) => m.catch === null && CATCHING.has(m.takeover)).map((m) => ({ mapping: m.id, control: m.control, target: m.target }));
  return { allCaught: pending.length === 0, pending: dedupe(pending), unseen: dedupe(unseen) };
}

/** A control bound to one input appears once per input in the views; keep one per mapping. */
function dedupe<T extends { readonly mapping: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((p) => !seen.has(p.mapping) && (seen.add(p.mapping), true));
}
