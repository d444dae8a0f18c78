/**
 * Learn's contract with the server and the dashboard: the states one learn goes through, its
 * result, and the API the server drives (LearnService implements it).
 */
import { assertNever } from '../core/assert-never.js';
import type { LearnKind } from './detect.js';

export type { LearnKind };

/** A learned mapping exactly as written into the overlay set (`<stateDir>/learned/set.json`). */
export interface LearnedEntry {
  readonly id: string;
  readonly control: string;
  readonly target: string;
  readonly when?: { readonly modifiers: readonly { readonly control: string; readonly held: boolean }[]; readonly page?: string };
  readonly glue?: { readonly button: 'toggle' };
}

export interface Learned {
  readonly param: string;
  /** The virtual control the input is bound to (a profile's, or one learn created). */
  readonly control: string;
  /** The kind the detector saw. */
  readonly kind: LearnKind;
  /** The input key that moved (`osc /1/fader1`). */
  readonly input: string;
  readonly mapping: LearnedEntry;
  /** True when learn added the control to `<stateDir>/learned/controllers/learned.json`. */
  readonly createdControl: boolean;
}

export type LearnResult =
  | { readonly outcome: 'learned'; readonly learned: Learned }
  /** timeout: nothing really moved in time; cancelled: cancel(), a newer start, or the caller went away. */
  | { readonly outcome: 'timeout' | 'cancelled' | 'unknown-param'; readonly param: string }
  /** The files could not be written, or the reload after writing failed. */
  | { readonly outcome: 'failed'; readonly param: string; readonly message: string };

/** What the dashboard shows; the last outcome stays until the next start. */
export type LearnState =
  | { readonly state: 'idle' }
  | { readonly state: 'listening'; readonly param: string; readonly timeoutMs: number }
  | { readonly state: 'learned'; readonly param: string; readonly control: string; readonly kind: LearnKind; readonly input: string; readonly mapping: string }
  | { readonly state: 'timeout' | 'cancelled'; readonly param: string }
  | { readonly state: 'failed'; readonly param: string; readonly message: string };

/** What the server needs of learn (ServerDeps.learn). */
export interface LearnApi {
  /**
   * Listens for the next control that really moves and maps it to `param`. One learn at a time: a
   * start while another listens cancels that one. Aborting `signal` cancels this learn only.
   * Never rejects.
   */
  start(param: string, timeoutMs: number, signal?: AbortSignal): Promise<LearnResult>;
  /** Cancels the learn that is listening; false when none is (or it is already writing). */
  cancel(): boolean;
  state(): LearnState;
  /** Called on every state change; returns the unsubscribe function. */
  onState(listener: (s: LearnState) => void): () => void;
}

/** The state a learn ends in, from its result (an unknown parameter never started one). */
export function stateOf(r: LearnResult): LearnState {
  switch (r.outcome) {
    case 'learned': {
      const { param, control, kind, input, mapping } = r.learned;
      return { state: 'learned', param, control, kind, input, mapping: mapping.id };
    }
    case 'timeout':
    case 'cancelled':
      return { state: r.outcome, param: r.param };
    case 'unknown-param':
      return { state: 'idle' };
    case 'failed':
      return { state: 'failed', param: r.param, message: r.message };
    default:
      return assertNever(r, 'learn result');
  }
}
