import { err, ok, type Result } from '../../core/result.js';
import type { ParamId } from '../../core/param/descriptor.js';
import type { ParamChange, ParamStore } from '../../core/param/store.js';
import { SessionErrorCode, sessionError, type SessionError } from '../errors.js';
import { originKey } from '../../core/param/origin.js';

/** One parameter's move within a step: plain values before the step and after it. */
export interface StepChange {
  readonly id: ParamId;
  readonly before: number;
  readonly after: number;
}

export interface HistoryStep {
  readonly seq: number;
  /** Wall-clock time of the step's first change (ISO). */
  readonly at: string;
  /** Wall-clock time of its last change (ISO). */
  readonly until: string;
  /** What it was: `eq.band2.gain` for a gesture, `recall A` for a recall. */
  readonly label: string;
  /** Who: `osc 10.0.0.5:9000 /1/fader1`, `api`, `recall`. */
  readonly origin: string;
  readonly changes: readonly StepChange[];
}

export interface HistoryView {
  /** Oldest first; the last `redoable` of them are undone (redo re-applies them in order). */
  readonly steps: readonly HistoryStep[];
  readonly undoable: number;
  readonly redoable: number;
}

export interface HistoryOptions {
  /** Epoch ms, for the timestamps shown. */
  readonly wallClock: () => number;
  /** Changes of one parameter from one origin closer than this (store clock ms) are one gesture. */
  readonly gestureMs?: number;
  /** Oldest steps beyond this are forgotten. */
  readonly limit?: number;
}

interface OpenStep {
  seq: number;
  at: number;
  until: number;
  /** A batch's label; undefined for a gesture (labelled by the parameters it moved). */
  label: string | undefined;
  origin: string;
  /** Store-clock ms of the last change, for gesture grouping. */
  lastT: number;
  changes: Map<ParamId, { before: number; after: number }>;
}

const RECALL = { kind: 'recall' } as const;
export const GESTURE_MS = 500;

/**
 * Undo and redo of parameter changes, grouped per gesture: a change joins the newest step when it
 * comes from the same origin within `gestureMs` of that step's last change and touches a
 * parameter the step already holds, or arrives at the very same instant (one control mapped to
 * two parameters). `batch` makes everything inside one step (a recall, an A/B switch). Undo and
 * redo set the stored values back through the store (origin `recall`, so every output follows)
 * and are not recorded themselves; any new step clears the redo list.
 */
export class History {
  private readonly done: OpenStep[] = [];
  private readonly undone: OpenStep[] = [];
  private seq = 0;
  private batchLabel: string | undefined;
  private batchStep: OpenStep | undefined;
  private replaying = false;
  private readonly unsubscribe: () => void;
  private previous: Map<ParamId, number>;

  constructor(
    private readonly store: ParamStore,
    private readonly opts: HistoryOptions,
  ) {
    this.previous = new Map(store.snapshot());
    this.unsubscribe = store.subscribe((c) => this.record(c));
  }

  /** Runs `fn`; every change it makes is one step labelled `label`. */
  batch<T>(label: string, fn: () => T): T {
    if (this.batchLabel !== undefined) return fn();
    this.batchLabel = label;
    try {
      return fn();
    } finally {
      this.batchLabel = undefined;
      this.batchStep = undefined;
    }
  }

  undo(): Result<HistoryStep, SessionError> {
    const step = this.done.pop();
    if (step === undefined) return err(sessionError(SessionErrorCode.NothingToUndo, 'nothing to undo'));
    this.replay([...step.changes].reverse().map(([id, c]) => [id, c.before]));
    this.undone.push(step);
    return ok(view(step));
  }

  redo(): Result<HistoryStep, SessionError> {
    const step = this.undone.pop();
    if (step === undefined) return err(sessionError(SessionErrorCode.NothingToRedo, 'nothing to redo'));
    this.replay([...step.changes].map(([id, c]) => [id, c.after]));
    this.done.push(step);
    return ok(view(step));
  }

  view(): HistoryView {
    return { steps: [...this.done, ...[...this.undone].reverse()].map(view), undoable: this.done.length, redoable: this.undone.length };
  }

  close(): void {
    this.unsubscribe();
  }

  private replay(values: [ParamId, number][]): void {
    this.replaying = true;
    try {
      for (const [id, v] of values) this.store.set(id, v, RECALL);
    } finally {
      this.replaying = false;
    }
  }

  private record(c: ParamChange): void {
    const before = this.previous.get(c.id) ?? c.value;
    this.previous.set(c.id, c.value);
    if (this.replaying || before === c.value) return;
    const step = this.stepFor(c);
    const entry = step.changes.get(c.id);
    if (entry === undefined) step.changes.set(c.id, { before, after: c.value });
    else entry.after = c.value;
    step.lastT = c.t;
    step.until = this.opts.wallClock();
  }

  private stepFor(c: ParamChange): OpenStep {
    if (this.batchLabel !== undefined && this.batchStep !== undefined) return this.batchStep;
    const origin = originKey(c.origin);
    const last = this.done.at(-1);
    const sameGesture =
      this.batchLabel === undefined &&
      last !== undefined &&
      this.undone.length === 0 &&
      last.origin === origin &&
      (c.t === last.lastT || (last.changes.has(c.id) && c.t - last.lastT <= (this.opts.gestureMs ?? GESTURE_MS)));
    if (sameGesture) return last;
    const now = this.opts.wallClock();
    const step: OpenStep = { seq: ++this.seq, at: now, until: now, label: this.batchLabel, origin, lastT: c.t, changes: new Map() };
    if (this.batchLabel !== undefined) this.batchStep = step;
    this.done.push(step);
    this.undone.length = 0;
    if (this.done.length > (this.opts.limit ?? 500)) this.done.shift();
    return step;
  }
}

function view(s: OpenStep): HistoryStep {
  return {
    seq: s.seq,
    at: new Date(s.at).toISOString(),
    until: new Date(s.until).toISOString(),
    label: s.label ?? gestureLabel([...s.changes.keys()]),
    origin: s.origin,
    changes: [...s.changes].map(([id, c]) => ({ id, before: c.before, after: c.after })),
  };
}

const gestureLabel = (ids: readonly ParamId[]): string => (ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more`);
