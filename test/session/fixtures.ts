/** Shared set-up for the session tests: temporary state dirs, a small chain, a service. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { ManualClock } from '../../bridge/core/clock.js';
import type { ParamDescriptor } from '../../bridge/core/param/descriptor.js';
import { ParamStore } from '../../bridge/core/param/store.js';
import type { MeterFrame } from '../../bridge/engine/interface.js';
import type { AssistSource } from '../../bridge/session/recall/assist.js';
import { startSessions, type Sessions } from '../../bridge/session/sessions.js';
import type { ControlsFor } from '../../bridge/session/sheet/controls.js';

const made: string[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

export async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'detent-session-'));
  made.push(d);
  return d;
}

export const PARAMS: readonly ParamDescriptor[] = [
  { id: 'input.gain', name: 'Input gain', module: 'input', unit: 'dB', min: -24, max: 24, default: 0, scale: 'db', step: 0 },
  { id: 'eq.band1.gain', name: 'Band 1 gain', module: 'eq', unit: 'dB', min: -12, max: 12, default: 0, scale: 'db', step: 0.5 },
  { id: 'eq.band1.freq', name: 'Band 1 frequency', module: 'eq', unit: 'Hz', min: 20, max: 20000, default: 1000, scale: 'log', step: 0 },
  { id: 'eq.bypass', name: 'EQ bypass', module: 'eq', unit: 'on/off', min: 0, max: 1, default: 0, scale: 'linear', step: 1 },
  { id: 'output.gain', name: 'Output gain', module: 'output', unit: 'dB', min: -24, max: 24, default: 0, scale: 'db', step: 0 },
];

/** A meter source driven by hand. */
export class Meters {
  private readonly listeners = new Set<(f: MeterFrame) => void>();
  onMeters(l: (f: MeterFrame) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  emit(f: MeterFrame): void {
    for (const l of this.listeners) l(f);
  }
}

export interface Rig {
  readonly dir: string;
  readonly store: ParamStore;
  readonly clock: ManualClock;
  readonly sessions: Sessions;
  readonly meters: Meters;
  readonly monitor: number[];
}

export interface RigOptions {
  readonly dir?: string;
  readonly params?: readonly ParamDescriptor[];
  readonly mappings?: () => readonly AssistSource[];
  readonly controlsFor?: ControlsFor;
  readonly store?: ParamStore;
  /** Epoch ms the wall clock starts at; it advances 1 s per read. */
  readonly wallStart?: number;
}

/** A store, meters, a monitor log and started sessions on a temporary (or given) state dir. */
export async function sessionRig(o: RigOptions = {}): Promise<Rig> {
  const dir = o.dir ?? (await tempDir());
  const clock = new ManualClock(1000);
  const store = o.store ?? new ParamStore(o.params ?? PARAMS, clock);
  const meters = new Meters();
  const monitor: number[] = [];
  let wall = o.wallStart ?? Date.UTC(2026, 2, 1, 10, 0, 0);
  const sessions = await startSessions({
    stateDir: dir,
    store,
    mappings: o.mappings ?? (() => []),
    controlsFor: o.controlsFor ?? (() => []),
    meters,
    monitor: (g) => monitor.push(g),
    log: { info: () => {}, warn: () => {} },
    wallClock: () => (wall += 1000),
  });
  closers.push(() => sessions.close());
  return { dir, store, clock, sessions, meters, monitor };
}

export const API = { kind: 'api' } as const;
