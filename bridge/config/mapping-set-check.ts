import { mappingId } from './condition.js';
import type { MappingEntry, MappingSet } from './mapping-set-schema.js';
import type { Problem } from './problems.js';

/**
 * Checks a mapping set beyond its schema, every violation with its JSON path:
 * - mapping ids (given or generated) are unique;
 * - page names are unique, and every page a mapping or a select button names exists;
 * - a condition names each modifier once; a select button selects one page;
 * - a taper table's positions ascend strictly, from 0 to 1.
 * `pages` are the page names conditions may use: the set's own, or for an overlay the base set's.
 */
export function mappingSetProblems(s: MappingSet, file: string, pages: readonly string[] = s.modes.pages?.names ?? []): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string): void => void problems.push({ file, path, message });
  duplicates(s.modes.pages?.names ?? [], (i, first) => add(`/modes/pages/names/${i}`, `duplicate page, also /modes/pages/names/${first}`));
  const known = (page: string): string | undefined =>
    pages.includes(page) ? undefined : pages.length === 0 ? `no pages are defined (add them at /modes/pages/names)` : `unknown page ${JSON.stringify(page)} (pages: ${pages.join(', ')})`;
  (s.modes.pages?.select ?? []).forEach((x, i) => {
    const bad = known(x.page);
    if (bad !== undefined) add(`/modes/pages/select/${i}/page`, bad);
  });
  duplicates(s.modes.pages?.select.map((x) => x.control) ?? [], (i, first) => add(`/modes/pages/select/${i}/control`, `the button already selects a page at /modes/pages/select/${first}`));

  const ids = new Map<string, number>();
  s.mappings.forEach((m, i) => {
    const at = `/mappings/${i}`;
    const id = mappingId(m);
    const first = ids.get(id);
    if (first === undefined) ids.set(id, i);
    else {
      const hint = m.id === undefined ? ' (generated from control, target and conditions: give one an explicit id)' : '';
      add(m.id === undefined ? at : `${at}/id`, `duplicate mapping id ${JSON.stringify(id)}, also /mappings/${first}${hint}`);
    }
    if (m.when?.page !== undefined) {
      const bad = known(m.when.page);
      if (bad !== undefined) add(`${at}/when/page`, bad);
    }
    const mods = m.when?.modifiers.map((x) => (typeof x === 'string' ? x : x.control)) ?? [];
    duplicates(mods, (j, f) => add(`${at}/when/modifiers/${j}`, `modifier already listed at ${at}/when/modifiers/${f}`));
    tableProblems(m, `${at}/glue/taper/points`, add);
  });
  return problems;
}

function tableProblems(m: MappingEntry, at: string, add: (path: string, message: string) => void): void {
  const t = m.glue.taper;
  if (typeof t === 'string' || t.kind !== 'table') return;
  const ps = t.points;
  const first = ps[0];
  const last = ps[ps.length - 1];
  if (first !== undefined && first[0] !== 0) add(`${at}/0/0`, `the first point must be at position 0, got ${first[0]}`);
  ps.forEach((p, j) => {
    const prev = ps[j - 1];
    if (prev !== undefined && !(p[0] > prev[0])) add(`${at}/${j}/0`, `positions must ascend: ${p[0]} after ${prev[0]}`);
  });
  if (last !== undefined && ps.length > 1 && last[0] !== 1) add(`${at}/${ps.length - 1}/0`, `the last point must be at position 1, got ${last[0]}`);
}

/** Calls back for each repeat of an earlier item, with both indexes. */
function duplicates(items: readonly string[], found: (i: number, first: number) => void): void {
  const seen = new Map<string, number>();
  items.forEach((x, i) => {
    const first = seen.get(x);
    if (first === undefined) seen.set(x, i);
    else found(i, first);
  });
}
