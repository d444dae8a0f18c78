import type { Condition, ModeSpec } from './spec.js';

/** Which modifier buttons are held and which page is shown. Immutable; transitions return a new one. */
export interface ModeState {
  readonly held: ReadonlySet<string>;
  /** Index into ModeSpec.pages.names; 0 when there are no pages. */
  readonly page: number;
}

export const INITIAL_MODES: ModeState = Object.freeze({ held: new Set<string>(), page: 0 });

export const currentPage = (spec: ModeSpec, s: ModeState): string | null => spec.pages.names[s.page] ?? null;

/** True when a mapping's condition holds: every modifier in its state, and the page if named. */
export function isActive(c: Condition, spec: ModeSpec, s: ModeState): boolean {
  if (c.page !== null && currentPage(spec, s) !== c.page) return false;
  return c.modifiers.every((m) => s.held.has(m.control) === m.held);
}

/** True when the control plays a part in the modes (a modifier, the fine button or a page button). */
export function isModeControl(spec: ModeSpec, control: string, modifiers: ReadonlySet<string>): boolean {
  const p = spec.pages;
  return (
    modifiers.has(control) ||
    spec.fine?.control === control ||
    p.next === control ||
    p.previous === control ||
    p.select.some((x) => x.control === control) ||
    (spec.recall ?? []).some((r) => r.control === control)
  );
}

/** The snapshot a press of `control` recalls, if it is a recall button. */
export const recallOf = (spec: ModeSpec, control: string): string | undefined => (spec.recall ?? []).find((r) => r.control === control)?.snapshot;

/**
 * A button of the modes changed: modifiers (and the fine button) are held while pressed; page
 * buttons act on press (next and previous wrap round).
 */
export function pressModeButton(spec: ModeSpec, s: ModeState, control: string, pressed: boolean): ModeState {
  const held = new Set(s.held);
  if (pressed) held.add(control);
  else held.delete(control);
  let page = s.page;
  const n = spec.pages.names.length;
  if (pressed && n > 0) {
    if (spec.pages.next === control) page = (page + 1) % n;
    else if (spec.pages.previous === control) page = (page - 1 + n) % n;
    const chosen = spec.pages.select.find((x) => x.control === control);
    if (chosen !== undefined) page = Math.max(0, spec.pages.names.indexOf(chosen.page));
  }
  return { held, page };
}

/** Every control named as a modifier in some mapping's condition. */
export function modifierControls(conditions: Iterable<Condition>): Set<string> {
  const out = new Set<string>();
  for (const c of conditions) for (const m of c.modifiers) out.add(m.control);
  return out;
}
