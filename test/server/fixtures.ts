/** Shared fixtures for the server tests: a small chain, a meter source, devices and mappings. */
import type { DeviceSnapshot } from '../../bridge/core/devices.js';
import { ManualClock } from '../../bridge/core/clock.js';
import type { ParamDescriptor } from '../../bridge/core/param/descriptor.js';
import { ParamStore } from '../../bridge/core/param/store.js';
import type { MeterFrame } from '../../bridge/engine/interface.js';
import type { ServerDeps } from '../../bridge/server/app.js';
import type { MappingView } from '../../bridge/server/messages.js';

export const PARAMS: readonly ParamDescriptor[] = [
  { id: 'input.gain', name: 'Input gain', module: 'input', unit: 'dB', min: -24, max: 24, default: 0, scale: 'db', step: 0 },
  { id: 'eq.band1.gain', name: 'Band 1 gain', module: 'eq', unit: 'dB', min: -12, max: 12, default: 0, scale: 'db', step: 0.5 },
  { id: 'eq.band1.freq', name: 'Band 1 frequency', module: 'eq', unit: 'Hz', min: 20, max: 20000, default: 1000, scale: 'log', step: 0 },
  { id: 'comp.ratio', name: 'Ratio', module: 'comp', unit: 'ratio', min: 1, max: 20, default: 2, scale: 'log', step: 0 },
  { id: 'output.ceiling', name: 'Ceiling', module: 'output', unit: 'dB', min: -12, max: 0, default: -1, scale: 'db', step: 0.1 },
];

/** A meter source the test drives by hand; counts live listeners so leaks show. */
export class TestMeters {
  private readonly listeners = new Set<(f: MeterFrame) => void>();
  onMeters(listener: (f: MeterFrame) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(frame: MeterFrame): void {
    for (const l of this.listeners) l(frame);
  }
  get listenerCount(): number {
    return this.listeners.size;
  }
}

export const frame = (i: number): MeterFrame => ({ t: i / 30, peakDb: [-6 - (i % 10), -7 - (i % 10)], rmsDb: [-18, -19] });

export const DEVICES: readonly DeviceSnapshot[] = [
  {
    id: 'osc-in',
    kind: 'osc-in',
    name: 'OSC in',
    status: { state: 'up' },
    endpoint: 'udp 127.0.0.1:9000',
    lastActivity: 1234,
    counters: { received: 10, rejected: 1 },
    lastError: null,
  },
  {
    id: 'serial-1',
    kind: 'serial',
    name: 'Knob box',
    status: { state: 'down', reason: 'unplugged' },
    endpoint: '/dev/ttyACM0',
    lastActivity: null,
    counters: { frames: 0 },
    lastError: 'port closed',
  },
];

export const MAPPINGS: readonly MappingView[] = [
  { id: 'm1', control: 'knob/1', input: 'osc /1/fader1', target: 'eq.band1.gain', feedback: true, glue: { kind: 'absolute' }, active: true, takeover: 'pickup', catch: { caught: false, knob: 0.2, direction: 'up', distance: 0.3 }, source: 'set' },
  { id: 'm2', control: 'knob/2', input: null, target: 'input.gain', feedback: false, glue: null, active: false, takeover: 'off', catch: null, source: 'added' },
];

export interface Fixture {
  readonly deps: ServerDeps;
  readonly store: ParamStore;
  readonly meters: TestMeters;
}

export function fixture(dashboardDir = '/nonexistent/dashboard'): Fixture {
  const store = new ParamStore(PARAMS, new ManualClock());
  const meters = new TestMeters();
  const deps: ServerDeps = {
    store,
    meters,
    devices: () => DEVICES,
    mappings: () => MAPPINGS,
    version: '9.9.9-test',
    dashboardDir,
    logger: false,
  };
  return { deps, store, meters };
}
