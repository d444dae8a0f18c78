/**
 * What the fuzz targets run against: the daemon's real parameters (the embedded chain), the
 * shipped controller profiles, mapping set and firmware profiles loaded by the daemon's own
 * loaders, and a fresh store and mapping runtime per case whose every change is checked.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ManualClock } from '../../bridge/core/clock.js';
import type { ControlValue } from '../../bridge/core/control.js';
import { MappingRuntime } from '../../bridge/core/mapping/runtime.js';
import type { ModeSpec } from '../../bridge/core/mapping/spec.js';
import type { ParamDescriptor } from '../../bridge/core/param/descriptor.js';
import { ParamStore, type ParamChange } from '../../bridge/core/param/store.js';
import { compileRouting, type ControlBinding, type RoutingTable } from '../../bridge/core/routing/table.js';
import { CHAIN_PARAMS } from '../../bridge/engine/chain/params.js';
import { loadControllerProfiles, type LoadedProfile } from '../../bridge/config/profile.js';
import { loadMappingSet, type LoadedMappingSet } from '../../bridge/config/mapping-set.js';
import { loadFirmwareProfileDirs, type LoadedFirmwareProfile } from '../../bridge/config/firmware-profile.js';
import { profileMatchesPeer } from '../../bridge/config/profile.js';
import { formatProblems } from '../../bridge/config/problems.js';
import { expect } from './harness.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHIPPED = {
  controllers: join(ROOT, 'mappings/controllers'),
  set: join(ROOT, 'mappings/sets/default.json'),
  firmware: join(ROOT, 'firmware-profiles'),
} as const;

export const PARAMS: readonly ParamDescriptor[] = CHAIN_PARAMS;
export const knownParam = (id: string): boolean => PARAMS.some((p) => p.id === id);

export interface Shipped {
  readonly profiles: readonly LoadedProfile[];
  readonly set: LoadedMappingSet;
  readonly firmware: readonly LoadedFirmwareProfile[];
  readonly bindings: readonly ControlBinding[];
  readonly table: RoutingTable;
  readonly modes: ModeSpec;
  /** Whether a binding's profile applies to an OSC sender (RoutingLoader.applies). */
  readonly applies: (b: ControlBinding, peer: string) => boolean;
}

let shipped: Promise<Shipped> | undefined;

/** The shipped files, loaded once, through the daemon's loaders; any problem in them is a setup error. */
export function loadShipped(): Promise<Shipped> {
  shipped ??= (async () => {
    const profiles = await loadControllerProfiles(SHIPPED.controllers);
    const set = await loadMappingSet(SHIPPED.set);
    const firmware = await loadFirmwareProfileDirs([{ path: SHIPPED.firmware }]);
    const problems = [...profiles.problems, ...set.problems, ...firmware.problems];
    if (problems.length > 0 || set.set === undefined) throw new Error(`shipped files have problems:\n${formatProblems(problems)}`);
    const bindings = profiles.profiles.flatMap((p) => p.bindings);
    const { table, problems: compile } = compileRouting(bindings, set.set.mappings, knownParam);
    if (compile.length > 0) throw new Error(`shipped mappings do not compile: ${JSON.stringify(compile)}`);
    const byId = new Map(profiles.profiles.map((p) => [p.profile.id, p.profile]));
    const applies = (b: ControlBinding, peer: string): boolean => {
      const p = byId.get(b.profile);
      return p === undefined || profileMatchesPeer(p, peer);
    };
    return { profiles: profiles.profiles, set: set.set, firmware: firmware.profiles, bindings, table, modes: set.set.modes, applies };
  })();
  return shipped;
}

/** A store of the chain's parameters whose every change goes to `sink` (set per case). */
class WatchedStore {
  readonly clock = new ManualClock(0);
  sink: ((c: ParamChange) => void) | undefined;
  listenerErrors: unknown[] = [];
  readonly store: ParamStore;
  constructor() {
    this.store = new ParamStore(PARAMS, this.clock, (e) => this.listenerErrors.push(e));
    this.store.subscribe((c) => this.sink?.(c));
  }
}

let spare: WatchedStore | undefined;

/**
 * A store (the chain's parameters) and a runtime loaded with `table` and `modes`, as good as new
 * for every case. Every change the store commits is checked as it happens (a listener cannot throw
 * through the store, so violations are collected and `assertSound` reports them). The store is
 * reused from the previous case only when that case never changed it: a store that never committed
 * a change is exactly a new one, and building one is a good part of a cheap case's cost.
 */
export class Rig {
  readonly store: ParamStore;
  readonly clock: ManualClock;
  readonly runtime: MappingRuntime;
  private readonly watched: WatchedStore;
  private readonly violations: string[] = [];
  changes = 0;

  constructor(table: RoutingTable, modes: ModeSpec) {
    const reuse = spare !== undefined && spare.listenerErrors.length === 0 && spare.sink === undefined;
    this.watched = reuse && spare !== undefined ? spare : new WatchedStore();
    spare = undefined;
    this.watched.sink = (c) => this.onChange(c);
    this.store = this.watched.store;
    this.clock = this.watched.clock;
    this.clock.set(0);
    this.runtime = new MappingRuntime(this.store);
    this.runtime.load(table, modes);
  }

  /** Done with the case: the store may serve the next one if nothing changed it. */
  release(): void {
    this.watched.sink = undefined;
    if (this.changes === 0 && this.violations.length === 0) spare = this.watched;
  }

  private onChange(c: ParamChange): void {
    this.changes++;
    const d = this.store.descriptor(c.id);
    if (d === undefined) this.violations.push(`change of unknown parameter ${c.id}`);
    else if (!inRange(d, c.value)) this.violations.push(`${c.id} changed to ${c.value}, outside ${d.min}..${d.max}`);
    if (!(Number.isFinite(c.norm) && c.norm >= 0 && c.norm <= 1)) this.violations.push(`${c.id} changed with norm ${c.norm}`);
  }

  /** No parameter outside its range or NaN, now or at any change so far. */
  assertSound(context: string | (() => string)): void {
    for (const e of this.watched.listenerErrors) this.violations.push(`a store listener threw: ${String(e)}`);
    for (const d of PARAMS) {
      const v = this.store.get(d.id);
      if (v === undefined || !inRange(d, v)) this.violations.push(`${d.id} = ${v}, outside ${d.min}..${d.max}`);
    }
    expect(this.violations.length === 0, () => `${this.violations.slice(0, 3).join('; ')} after ${typeof context === 'string' ? context : context()}`);
  }
}

/** Runs `f` with a fresh rig, released afterwards (whether `f` passed or not). */
export function withRig<R>(table: RoutingTable, modes: ModeSpec, f: (rig: Rig) => R): R {
  const rig = new Rig(table, modes);
  try {
    return f(rig);
  } finally {
    rig.release();
  }
}

const inRange = (d: ParamDescriptor, v: number): boolean => Number.isFinite(v) && v >= d.min && v <= d.max;

/** Why a control value is malformed, or undefined when it is sound (what the runtime may assume). */
export function badControlValue(v: ControlValue): string | undefined {
  switch (v.kind) {
    case 'absolute':
      if (!(Number.isFinite(v.value) && v.value >= 0 && v.value <= 1)) return `absolute value ${v.value}`;
      if (!(v.resolution >= 2)) return `absolute resolution ${v.resolution}`;
      return undefined;
    case 'relative':
      return Number.isFinite(v.steps) && v.steps !== 0 ? undefined : `relative steps ${v.steps}`;
    case 'button':
      return typeof v.pressed === 'boolean' ? undefined : `button pressed ${String(v.pressed)}`;
    default:
      return `unknown kind ${JSON.stringify(v)}`;
  }
}

export const OUTCOMES = new Set(['applied', 'filtered', 'mode', 'rejected', 'unmapped']);
