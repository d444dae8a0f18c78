/**
 * Text for the sessions panel, pure: the recall-assist line per control, a recall summary, the
 * A/B offset of a state, and a history step.
 */
import type { RecallResult } from '../../../bridge/session/api.js';
import type { SlotState } from '../../../bridge/session/compare/compare.js';
import type { HistoryStep } from '../../../bridge/session/history/history.js';
import type { RecallAssist } from '../../../bridge/session/recall/assist.js';

const MINUS = '\u2212';
type NameOf = (id: string) => string | undefined;

/**
 * One line per control still to catch (`fader/1 → Input gain: turn ↓ 40 %`), then one line for
 * the controls not seen since the daemon started (their position is unknown), if any.
 */
export function assistLines(a: RecallAssist, nameOf: NameOf): { readonly pending: string[]; readonly unseen: string | null } {
  const pending = a.pending.map((p) => {
    const way = p.direction === null ? 'turn to catch' : `turn ${p.direction === 'up' ? '\u2191' : '\u2193'}${p.distance === null ? '' : ` ${Math.round(p.distance * 100)} %`}`;
    return `${p.control} \u2192 ${nameOf(p.target) ?? p.target}: ${way}`;
  });
  const n = a.unseen.length;
  const unseen = n === 0 ? null : `${n} control${n === 1 ? '' : 's'} not seen yet (${a.unseen.slice(0, 3).map((u) => u.control).join(', ')}${n > 3 ? ', \u2026' : ''}): move once to check`;
  return { pending, unseen };
}

/** `Recalled B: 3 changed in 4 ms`, plus the parameters defaulted or unknown and rig drift. */
export function recallSummary(r: RecallResult): string {
  const what = r.snapshot === null ? `Opened ${r.session}` : `Recalled ${r.snapshot}`;
  const parts = [`${what}: ${r.changed} changed in ${Math.round(r.durationMs)} ms`];
  if (r.defaulted.length > 0) parts.push(`defaulted ${r.defaulted.join(', ')}`);
  if (r.unknown.length > 0) parts.push(`ignored ${r.unknown.join(', ')}`);
  if (r.rigDrift.length > 0) parts.push(`controller files changed: ${r.rigDrift.join(', ')}`);
  return parts.join(' \u00b7 ');
}

const signedDb = (v: number): string => `${v < 0 ? MINUS : '+'}${Math.abs(v).toFixed(1)}`;

/** A state's level: `measuring…`, `+1.8 LU (−1.8 dB)`, or its loudness before all are measured. */
export function slotText(s: SlotState): string {
  if (s.offsetLu !== null) return `${signedDb(s.offsetLu)} LU${s.gainDb !== 0 ? ` (${signedDb(s.gainDb)} dB)` : ''}`;
  if (s.loudness !== null) return `${s.loudness.toFixed(1).replace('-', MINUS)} LUFS`;
  return 'not measured';
}

/** `14:03:12 eq.band2.gain (3 params) · osc …`; times in the browser's zone. */
export function stepText(s: HistoryStep): { readonly time: string; readonly label: string; readonly origin: string } {
  const t = new Date(s.at);
  const time = Number.isNaN(t.getTime()) ? '' : t.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  const n = s.changes.length;
  return { time, label: n > 1 ? `${s.label} (${n} params)` : s.label, origin: s.origin };
}
