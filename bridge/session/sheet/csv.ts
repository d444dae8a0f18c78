import type { SheetControl } from './controls.js';
import type { SheetRow } from './rows.js';

const HEADER = ['track', 'track_name', 'snapshot', 'taken_at', 'module', 'param', 'name', 'value', 'unit', 'display', 'controls'];

/**
 * The recall sheet as CSV (RFC 4180: CRLF line ends, fields with a comma, quote or line break
 * quoted, quotes doubled), one row per parameter of each snapshot. `value` is the plain value at
 * full precision (for re-import); `controls` lists `control @ position` joined by `; `.
 * Free text (track names) that a spreadsheet would run as a formula (= + - @ first) gets a
 * leading apostrophe (OWASP CSV injection guidance).
 */
export function sheetCsv(rows: readonly SheetRow[]): string {
  const lines = [HEADER, ...rows.map((r) => [r.track, text(r.trackName), r.snapshot, r.takenAt, r.module, r.param, r.name, String(r.value), r.unit, r.display, r.controls.map(controlText).join('; ')])];
  return `${lines.map((l) => l.map(field).join(',')).join('\r\n')}\r\n`;
}

export function controlText(c: SheetControl): string {
  if (c.position === null) return c.control;
  const pct = `${(c.position * 100).toFixed(1)} %`;
  return `${c.control} @ ${pct}${c.clock === null ? '' : ` (${c.clock})`}`;
}

const field = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const text = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
