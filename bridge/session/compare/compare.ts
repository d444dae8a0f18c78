import { err, ok, type Result } from '../../core/result.js';
import type { ParamStore } from '../../core/param/store.js';
import { db, type Db } from '../../core/units.js';
import type { MeterFrame } from '../../engine/interface.js';
import { SessionErrorCode, sessionError, type SessionError } from '../errors.js';
import type { History } from '../history/history.js';
import type { ParamValues } from '../model/schema.js';
import { applyValues } from '../recall/apply.js';
import { BypassSwitch, BYPASS_SLOTS } from './bypass.js';
import { matchGains, offsets } from './level-match.js';
import { VisitMeter, type LoudnessSource, type MatchMethod } from './loudness.js';

export interface MatchOptions {
  readonly method: MatchMethod;
  /** Seconds of readings per measurement (short-term: averaged; integrated: the pass length). */
  readonly windowS: number;
}

export type CompareSetup =
  | { readonly mode: 'snapshots'; readonly slots: readonly string[]; readonly track?: string; readonly match: MatchOptions }
  | { readonly mode: 'bypass'; readonly match: MatchOptions };

export interface SlotState {
  readonly name: string;
  /** The last complete measurement, LUFS (or the rms fallback); null until measured. */
  readonly loudness: number | null;
  readonly source: LoudnessSource | null;
  /** How much louder than the quietest state, LU; null until every state is measured. */
  readonly offsetLu: number | null;
  /** The monitor gain this state plays with, dB (0 until matched). */
  readonly gainDb: number;
}

export type CompareState =
  | { readonly active: false }
  | {
      readonly active: true;
      readonly mode: 'snapshots' | 'bypass';
      readonly track: string | null;
      readonly slots: readonly SlotState[];
      readonly selected: string;
      /** True while the selected state is being measured (stay on it `windowS` + settle seconds). */
      readonly measuring: boolean;
      readonly match: MatchOptions;
      /** Every state measured: the monitor compensates. */
      readonly matched: boolean;
      readonly monitorGainDb: number;
      /** `unavailable`: the engine has no monitor gain (an external engine): offsets are shown only. */
      readonly monitor: 'engine' | 'unavailable';
    };

export interface CompareDeps {
  readonly store: ParamStore;
  readonly history: History;
  /** A snapshot of the open session: its track id and values. */
  snapshotValues(track: string | undefined, name: string): Result<{ track: string; values: ParamValues }, SessionError>;
  readonly meters: { onMeters(listener: (f: MeterFrame) => void): () => void };
  /** Engine.setMonitorGain: monitoring only, never the meters, a render or a saved value. */
  readonly monitor?: (gain: Db) => void;
  /** Engine.resetLoudness, for integrated measurements. */
  readonly resetLoudness?: () => void;
}

interface Active {
  readonly setup: CompareSetup;
  readonly track: string | null;
  readonly loudness: Map<string, number | null>;
  readonly sources: Map<string, LoudnessSource>;
  selected: string;
  visit: VisitMeter | undefined;
  gain: Db;
  readonly stopMeters: () => void;
  readonly bypass: BypassSwitch | undefined;
}

/**
 * Level-matched A/B: switches instantly between snapshots of the open session (a recall each,
 * ramped by the engine, one history step) or between the chain and the chain bypassed, measures
 * each state's loudness while it plays (loudness.ts) and sets the engine's monitor gain so every
 * state plays as loud as the quietest (level-match.ts). Stopping sets the monitor back to 0 dB
 * and, in bypass mode, the chain back in; snapshot mode leaves the last state chosen in place.
 */
export class CompareService {
  private active: Active | undefined;

  constructor(private readonly deps: CompareDeps) {}

  start(setup: CompareSetup): Result<CompareState, SessionError> {
    if (!(setup.match.windowS >= 0 && setup.match.windowS <= 600)) return err(invalid(`match.windowS must be 0..600 seconds, got ${setup.match.windowS}`));
    let track: string | null = null;
    if (setup.mode === 'snapshots') {
      if (setup.slots.length < 2 || new Set(setup.slots).size !== setup.slots.length) return err(invalid('give 2 or more different snapshot names to compare'));
      for (const s of setup.slots) {
        const r = this.deps.snapshotValues(setup.track, s);
        if (!r.ok) return r;
        track = r.value.track;
      }
    }
    this.stop();
    const slots = setup.mode === 'snapshots' ? setup.slots : BYPASS_SLOTS;
    this.active = {
      setup,
      track,
      loudness: new Map(slots.map((s) => [s, null])),
      sources: new Map(),
      selected: slots[0] ?? '',
      visit: undefined,
      gain: db(0),
      stopMeters: this.deps.meters.onMeters((f) => this.onFrame(f)),
      bypass: setup.mode === 'bypass' ? new BypassSwitch(this.deps.store, this.deps.history) : undefined,
    };
    return this.select(slots[0] ?? '');
  }

  select(slot: string): Result<CompareState, SessionError> {
    const a = this.active;
    if (a === undefined) return err(sessionError(SessionErrorCode.CompareInactive, 'no compare is running; start one first'));
    if (!a.loudness.has(slot)) return err(sessionError(SessionErrorCode.CompareSlotUnknown, `"${slot}" is not compared (compared: ${[...a.loudness.keys()].join(', ')})`));
    if (a.bypass !== undefined) a.bypass.select(slot);
    else {
      const r = this.deps.snapshotValues(a.track ?? undefined, slot);
      if (!r.ok) return r;
      this.deps.history.batch(`compare ${slot}`, () => applyValues(this.deps.store, r.value.values));
    }
    a.selected = slot;
    a.visit = a.setup.match.method === 'off' ? undefined : new VisitMeter(a.setup.match.method, a.setup.match.windowS, this.deps.resetLoudness);
    this.applyGain(a);
    return ok(this.state());
  }

  stop(): CompareState {
    const a = this.active;
    if (a === undefined) return { active: false };
    this.active = undefined;
    a.stopMeters();
    a.bypass?.select('chain');
    this.deps.monitor?.(db(0));
    return { active: false };
  }

  state(): CompareState {
    const a = this.active;
    if (a === undefined) return { active: false };
    const gains = matchGains(a.loudness);
    const off = offsets(a.loudness);
    const slots = [...a.loudness].map(([name, l]) => ({
      name,
      loudness: l,
      source: a.sources.get(name) ?? null,
      offsetLu: gains === null ? null : (off.get(name) ?? null),
      gainDb: gains?.get(name) ?? 0,
    }));
    const { mode } = a.setup;
    const measuring = a.visit !== undefined && a.visit.result === undefined;
    const monitor = this.deps.monitor === undefined ? 'unavailable' : 'engine';
    return { active: true, mode, track: a.track, slots, selected: a.selected, measuring, match: a.setup.match, matched: gains !== null, monitorGainDb: a.gain, monitor };
  }

  private onFrame(f: MeterFrame): void {
    const a = this.active;
    const r = a?.visit?.add(f);
    if (a === undefined || r === undefined) return;
    a.loudness.set(a.selected, r.value);
    a.sources.set(a.selected, r.source);
    this.applyGain(a);
  }

  private applyGain(a: Active): void {
    const gain = a.setup.match.method === 'off' ? db(0) : (matchGains(a.loudness)?.get(a.selected) ?? db(0));
    if (gain === a.gain) return;
    a.gain = gain;
    this.deps.monitor?.(gain);
  }
}

const invalid = (message: string): SessionError => sessionError(SessionErrorCode.CompareInvalid, message);
