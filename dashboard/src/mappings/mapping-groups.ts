/**
 * Groups the mapping list by controller profile, read from the input key (core/routing/key.ts):
 * `midi x-touch-mini cc 10 1` → `midi x-touch-mini`; OSC keys carry no profile, so every
 * `osc /…` input is one `osc` group; mappings no profile provides form `no input`. Pure.
 */
import type { MappingView } from '../../../bridge/server/messages.js';

export const NO_INPUT = 'no input';

export interface MappingGroup {
  /** Stable key and label: `midi x-touch-mini`, `osc`, `no input`. */
  readonly key: string;
  readonly mappings: readonly MappingView[];
  /** How many of them act now (page and modifiers match). */
  readonly active: number;
}

/** The group an input key belongs to. */
export function inputGroup(input: string | null): string {
  if (input === null) return NO_INPUT;
  const [protocol = '', profile] = input.trim().split(/\s+/);
  if (protocol === 'midi' && profile !== undefined) return `midi ${profile}`;
  return protocol === '' ? NO_INPUT : protocol;
}

/** Groups in order of first appearance, each keeping its mappings' order; `no input` goes last. */
export function groupMappings(mappings: readonly MappingView[]): MappingGroup[] {
  const groups = new Map<string, MappingView[]>();
  for (const m of mappings) {
    const key = inputGroup(m.input);
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [m]);
    else list.push(m);
  }
  const out = [...groups].map(([key, list]) => ({ key, mappings: list, active: list.filter((m) => m.active).length }));
  return [...out.filter((g) => g.key !== NO_INPUT), ...out.filter((g) => g.key === NO_INPUT)];
}

/**
 * Which groups are open after a re-render: those the user opened, plus any holding a mapping id
 * not in the previous list (a mapping just learned or added shows itself). On the first render
 * (`previous` null) all start closed unless there is only one group.
 */
export function openGroups(groups: readonly MappingGroup[], open: ReadonlySet<string>, previous: ReadonlySet<string> | null): Set<string> {
  if (previous === null) return new Set(groups.length === 1 ? groups.map((g) => g.key) : []);
  const next = new Set([...open].filter((k) => groups.some((g) => g.key === k)));
  for (const g of groups) if (g.mappings.some((m) => !previous.has(m.id))) next.add(g.key);
  return next;
}
