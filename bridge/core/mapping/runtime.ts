import { assertNever } from '../assert-never.js';
import type { ControlValue } from '../control.js';
import { glueAbsolute, glueButton, glueFeedback, glueRelative } from '../glue/glue.js';
import type { ParamChange, ParamStore } from '../param/store.js';
import type { ChangeOrigin } from '../param/origin.js';
import { EMPTY_ROUTING, type RoutingTable } from '../routing/table.js';
import { catchStatus, FRESH_TAKEOVER, takeover, TAKEOVER_EPSILON, type CatchStatus, type TakeoverState } from '../takeover/takeover.js';
import type { ParamDescriptor } from '../param/descriptor.js';
import type { Unit } from '../unit.js';
import { currentPage, INITIAL_MODES, isActive, isModeControl, modifierControls, pressModeButton, recallOf, type ModeState } from './modes.js';
import { NO_MODES, type MappingSpec, type ModeSpec, type TakeoverMode } from './spec.js';

/** One decoded control value from a bound physical control. */
export interface ControlEvent {
  readonly control: string;
  readonly value: ControlValue;
  /** Clock ms of the input. */
  readonly t: number;
  readonly origin: ChangeOrigin;
}

export type HandleOutcome =
  | { readonly kind: 'applied'; readonly changes: readonly ParamChange[] }
  /** Mapped, but glue or takeover left every parameter alone (not caught, outside the source range). */
  | { readonly kind: 'filtered' }
  /** A modifier or page button: the modes changed. */
  | { readonly kind: 'mode' }
  | { readonly kind: 'unmapped' };

export interface MappingStatus {
  readonly id: string;
  readonly active: boolean;
  /** Takeover state for absolute controls; null when no absolute value was ever seen or relevant. */
  readonly catch: CatchStatus | null;
}

/**
 * How far a position applied through this glue reads back from itself (steps and quantisation
 * snap it): takeover must not take that for a move from elsewhere.
 */
function readBackError(m: MappingSpec, d: ParamDescriptor, applied: Unit | null): number {
  // Continuous glue on a continuous parameter reads back exactly: nothing to measure.
  if (applied === null || (m.glue.step.kind === 'none' && d.step === 0)) return TAKEOVER_EPSILON;
  const plain = glueAbsolute(m.glue, applied, d);
  return plain === undefined ? TAKEOVER_EPSILON : TAKEOVER_EPSILON + Math.abs(glueFeedback(m.glue, plain, d) - applied);
}

/** A relative control idle longer than this starts a new gesture (no acceleration carried over). */
const RELATIVE_GESTURE_MS = 500;

/**
 * The mapping engine: control events in, parameter changes out, through modes (modifiers, fine,
 * pages), glue and soft takeover. Pure apart from the store it writes to; the table and modes are
 * swapped whole by `load`, and takeover state survives a reload for mappings that keep their id.
 */
export class MappingRuntime {
  private table: RoutingTable = EMPTY_ROUTING;
  private modes: ModeSpec = NO_MODES;
  private modeState: ModeState = INITIAL_MODES;
  private modifiers: ReadonlySet<string> = new Set();
  private takeovers = new Map<string, TakeoverState>();
  private lastRelative = new Map<string, number>();
  private readonly pageListeners = new Set<(page: string | null) => void>();
  private readonly recallListeners = new Set<(snapshot: string) => void>();

  constructor(private readonly store: ParamStore) {}

  load(table: RoutingTable, modes: ModeSpec): void {
    const before = this.page();
    this.table = table;
    this.modes = modes;
    this.modifiers = modifierControls([...table.byControl.values()].flat().map((m) => m.when));
    const ids = new Set([...table.byControl.values()].flat().map((m) => m.id));
    for (const id of this.takeovers.keys()) if (!ids.has(id)) this.takeovers.delete(id);
    if (this.modeState.page >= modes.pages.names.length) this.modeState = { ...this.modeState, page: 0 };
    if (this.page() !== before) this.emitPage();
  }

  get routing(): RoutingTable {
    return this.table;
  }

  page(): string | null {
    return currentPage(this.modes, this.modeState);
  }

  isActive(m: MappingSpec): boolean {
    return isActive(m.when, this.modes, this.modeState);
  }

  /** Called with the new page whenever it changes (feedback resends every control then). */
  onPageChange(listener: (page: string | null) => void): () => void {
    this.pageListeners.add(listener);
    return () => this.pageListeners.delete(listener);
  }

  /** Called with the snapshot name when a recall button is pressed (the daemon recalls it in the session). */
  onRecall(listener: (snapshot: string) => void): () => void {
    this.recallListeners.add(listener);
    return () => this.recallListeners.delete(listener);
  }

  handle(e: ControlEvent): HandleOutcome {
    let modeChanged = false;
    if (e.value.kind === 'button' && isModeControl(this.modes, e.control, this.modifiers)) {
      const before = this.page();
      this.modeState = pressModeButton(this.modes, this.modeState, e.control, e.value.pressed);
      if (this.page() !== before) this.emitPage();
      const snapshot = e.value.pressed ? recallOf(this.modes, e.control) : undefined;
      if (snapshot !== undefined) for (const l of this.recallListeners) l(snapshot);
      modeChanged = true;
    }
    // The hot path: no intermediate arrays, one pass over the control's mappings.
    let active = false;
    const changes: ParamChange[] = [];
    for (const m of this.table.byControl.get(e.control) ?? []) {
      if (!this.isActive(m)) continue;
      active = true;
      const value = this.valueFor(m, e);
      if (value === undefined) continue;
      const res = this.store.set(m.target, value, e.origin);
      if (res.ok) changes.push(res.value);
    }
    if (changes.length > 0) return { kind: 'applied', changes };
    if (modeChanged) return { kind: 'mode' };
    return active ? { kind: 'filtered' } : { kind: 'unmapped' };
  }

  status(): MappingStatus[] {
    const out: MappingStatus[] = [];
    for (const m of [...this.table.byControl.values()].flat()) {
      const d = this.store.descriptor(m.target);
      const state = this.takeovers.get(m.id);
      const value = this.store.get(m.target);
      const caught = d === undefined || state === undefined || value === undefined ? null : catchStatus(m.glue.takeover, state, glueFeedback(m.glue, value, d));
      out.push({ id: m.id, active: this.isActive(m), catch: caught });
    }
    return out;
  }

  private fineFactor(): number {
    const fine = this.modes.fine;
    return fine !== null && this.modeState.held.has(fine.control) ? fine.factor : 1;
  }

  /** The plain value a mapping asks for, or undefined to leave its parameter alone. */
  private valueFor(m: MappingSpec, e: ControlEvent): number | undefined {
    const d = this.store.descriptor(m.target);
    const current = this.store.get(m.target);
    if (d === undefined || current === undefined) return undefined;
    const v = e.value;
    switch (v.kind) {
      case 'absolute': {
        const fine = this.fineFactor();
        // Fine mode moves the parameter by a fraction of the hand's move, from where it is.
        const mode: TakeoverMode = fine < 1 ? { kind: 'parallel' } : m.glue.takeover;
        const state = this.takeovers.get(m.id) ?? FRESH_TAKEOVER;
        const r = takeover(mode, state, { knob: v.value, param: glueFeedback(m.glue, current, d), t: e.t, gain: fine, slack: state.slack });
        // The slack for the next event (and the status) is the read-back error of what was applied.
        this.takeovers.set(m.id, { ...r.state, slack: readBackError(m, d, r.state.lastApplied) });
        return r.apply === undefined ? undefined : glueAbsolute(m.glue, r.apply, d);
      }
      case 'relative':
        return glueRelative(m.glue, v.steps, current, d, this.detentsPerSecond(e.control, v.steps, e.t), this.fineFactor());
      case 'button':
        return glueButton(m.glue, v.pressed, current, d);
      default:
        return assertNever(v, 'control value');
    }
  }

  /** Rotation speed of a relative control, from the time since its previous event. */
  private detentsPerSecond(control: string, steps: number, t: number): number {
    const last = this.lastRelative.get(control);
    this.lastRelative.set(control, t);
    if (last === undefined || t - last > RELATIVE_GESTURE_MS) return 0;
    return Math.abs(steps) / Math.max(0.001, (t - last) / 1000);
  }

  private emitPage(): void {
    const page = this.page();
    for (const l of this.pageListeners) l(page);
  }
}
