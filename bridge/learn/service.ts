/**
 * Learn: waits for the next control that really moves, maps it to the parameter asked for, writes
 * the mapping into the state directory's overlay and asks the daemon to reload. The daemon calls
 * observe() for every OSC input (cheap when nothing is learning); the server drives the LearnApi.
 * Time: observations are stamped with deps.clock.now(), the clock the timers run on.
 */
import type { Condition } from '../core/mapping/spec.js';
import { oscKey } from '../core/routing/key.js';
import type { OscInput } from '../core/routing/osc-input.js';
import type { LearnClock } from './clock.js';
import { assertNever } from '../core/assert-never.js';
import type { ControlValue } from '../core/control.js';
import { DEFAULT_DETECTOR, LearnDetector, type Detection, type DetectorOptions } from './detect.js';
import { commitLearned } from './commit.js';
import { numericArgs } from './osc-values.js';
import { stateOf, type LearnApi, type LearnResult, type LearnState } from './state.js';

export interface LearnDeps {
  /** Where `learned/` goes. */
  readonly stateDir: string;
  paramExists(id: string): boolean;
  /** The virtual control a loaded profile binds to this input key (`osc /1/fader1`), if any. */
  controlFor(inputKey: string): string | undefined;
  /** Reloads profiles and sets (with the overlay); called after every successful write. */
  reload(): Promise<void>;
  readonly clock: LearnClock;
  /**
   * Optional: the mapping the control runs now (on the current page and layer), which the learned
   * one then replaces: it takes that mapping's id (the overlay's same-id rule) and condition.
   * Without it a learned mapping is added with the id `learned:<param>`, always active.
   */
  replaces?(control: string): { readonly id: string; readonly when: Condition } | undefined;
  readonly detector?: Partial<DetectorOptions>;
}

/** Shortest settle re-check (ms), so an early timer can never spin. */
const MIN_SETTLE_WAIT_MS = 10;

interface Session {
  readonly param: string;
  phase: 'listening' | 'writing' | 'done';
  readonly resolve: (r: LearnResult) => void;
  /** Cancels the time-out timer and the abort listener. */
  stops: (() => void)[];
  /** Cancels the pending settle timer (one at a time). */
  stopSettle: () => void;
}

export class LearnService implements LearnApi {
  private session: Session | undefined;
  private current: LearnState = { state: 'idle' };
  private readonly listeners = new Set<(s: LearnState) => void>();
  private readonly detector: LearnDetector;
  /** Writes run one after another, so two learns never interleave a read-modify-write. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: LearnDeps) {
    this.detector = new LearnDetector({ ...DEFAULT_DETECTOR, ...deps.detector });
  }

  start(param: string, timeoutMs: number, signal?: AbortSignal): Promise<LearnResult> {
    if (!this.deps.paramExists(param)) return Promise.resolve({ outcome: 'unknown-param', param });
    this.cancel();
    return new Promise<LearnResult>((resolve) => {
      const s: Session = { param, phase: 'listening', resolve, stops: [], stopSettle: () => undefined };
      this.session = s;
      this.detector.reset();
      this.setState({ state: 'listening', param, timeoutMs });
      s.stops.push(this.deps.clock.setTimer(timeoutMs, () => this.end(s, { outcome: 'timeout', param })));
      if (signal !== undefined) {
        const abort = (): void => {
          if (s.phase === 'listening') this.end(s, { outcome: 'cancelled', param });
        };
        if (signal.aborted) abort();
        signal.addEventListener('abort', abort, { once: true });
        s.stops.push(() => signal.removeEventListener('abort', abort));
      }
    });
  }

  cancel(): boolean {
    const s = this.session;
    if (s === undefined || s.phase !== 'listening') return false;
    this.end(s, { outcome: 'cancelled', param: s.param });
    return true;
  }

  state(): LearnState {
    return this.current;
  }

  onState(listener: (s: LearnState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every OSC input, from the daemon. Detent's own namespace (`/detent/...`) is not a control. */
  observe(input: OscInput): void {
    const s = this.session;
    if (s === undefined || s.phase !== 'listening' || input.address.startsWith('/detent/')) return;
    const values = numericArgs(input.args);
    if (values.length === 0) return;
    this.see(s, oscKey(input.address), values);
  }

  /**
   * A conditioned value of a virtual control that has no raw input key of its own (a serial
   * knob-box channel, already named by its firmware profile): learned under `serial <control>`,
   * which controlFor maps back to the control, so no profile is written.
   */
  observeControl(control: string, value: ControlValue): void {
    const s = this.session;
    if (s === undefined || s.phase !== 'listening') return;
    this.see(s, `${SERIAL_KEY_PREFIX}${control}`, [controlNumber(value)]);
  }

  private see(s: Session, key: string, values: readonly number[]): void {
    const d = this.detector.observe({ key, values, t: this.deps.clock.now() });
    if (d !== undefined) this.commit(s, d);
    else this.armSettle(s);
  }

  /** Cancels any learn and drops the listeners (daemon shutdown). */
  close(): void {
    this.cancel();
    this.listeners.clear();
  }

  /**
   * (Re)arms the settle check for when a possible button will have been quiet for settleMs. A
   * timer that fires a little early (timers and the clock need not agree to the millisecond)
   * re-arms for the rest.
   */
  private armSettle(s: Session): void {
    s.stopSettle();
    const due = this.detector.nextSettle();
    if (due === undefined || s.phase !== 'listening') return;
    s.stopSettle = this.deps.clock.setTimer(Math.max(MIN_SETTLE_WAIT_MS, due - this.deps.clock.now()), () => {
      if (s.phase !== 'listening') return;
      const d = this.detector.settle(this.deps.clock.now());
      if (d !== undefined) this.commit(s, d);
      else this.armSettle(s);
    });
  }

  private commit(s: Session, d: Detection): void {
    s.phase = 'writing';
    s.stopSettle();
    for (const stop of s.stops.splice(0)) stop();
    const run = (): Promise<void> =>
      commitLearned(this.deps, s.param, d).then(
        (learned) => this.end(s, { outcome: 'learned', learned }),
        (e: unknown) => this.end(s, { outcome: 'failed', param: s.param, message: e instanceof Error ? e.message : String(e) }),
      );
    this.writes = this.writes.then(run, run);
  }

  private end(s: Session, r: LearnResult): void {
    if (s.phase === 'done') return;
    s.phase = 'done';
    s.stopSettle();
    for (const stop of s.stops.splice(0)) stop();
    if (this.session === s) {
      this.session = undefined;
      this.setState(stateOf(r));
    }
    s.resolve(r);
  }

  private setState(st: LearnState): void {
    this.current = st;
    for (const l of [...this.listeners]) {
      try {
        l(st);
      } catch {
        // a listener's failure is its own; the others still hear
      }
    }
  }
}

/** Learn's input key for a virtual control reported directly (serial channels): `serial knob/1`. */
export const SERIAL_KEY_PREFIX = 'serial ';

/** A control value as the one number the detector reads: position 0..1, signed steps, or 1/0. */
function controlNumber(v: ControlValue): number {
  switch (v.kind) {
    case 'absolute':
      return v.value;
    case 'relative':
      return v.steps;
    case 'button':
      return v.pressed ? 1 : 0;
    default:
      return assertNever(v, 'control value');
  }
}
