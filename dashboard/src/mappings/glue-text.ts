/**
 * A mapping's glue (core Glue, as /api/mappings lists it) in a few words for the mapping table:
 * the part of the parameter's range reached, in its units, and what differs from a straight
 * pass-through (reversed, a curve, steps). Empty when the control drives the whole range as is.
 * Reads defensively: the list's glue is typed `unknown` on the wire.
 */
import { fromNorm, type ParamDescriptor } from '../../../bridge/core/param/descriptor.js';
import { clampUnit } from '../../../bridge/core/unit.js';
import { valueLabel } from '../params/param-kind.js';

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function glueSummary(glue: unknown, d: ParamDescriptor | undefined): string {
  const g = obj(glue);
  const parts: string[] = [];
  const range = obj(g['target']);
  const min = num(range['min']) ?? 0;
  const max = num(range['max']) ?? 1;
  if (min !== 0 || max !== 1) {
    const at = (n: number): string => (d === undefined ? `${Math.round(n * 100)} %` : valueLabel(d, fromNorm(d, clampUnit(n))));
    parts.push(`${at(min)} \u2026 ${at(max)}`);
  }
  if (g['reverse'] === true) parts.push('reversed');
  const curve = obj(g['curve'])['kind'];
  if (typeof curve === 'string' && curve !== 'none') parts.push(`${curve} curve`);
  const step = obj(g['step']);
  if (step['kind'] === 'plain' && num(step['size']) !== undefined) parts.push(`steps of ${step['size'] as number}${d === undefined ? '' : ` ${d.unit}`}`);
  if (step['kind'] === 'octave' && num(step['fraction']) !== undefined) parts.push(`1/${step['fraction'] as number} octave steps`);
  return parts.join(', ');
}
