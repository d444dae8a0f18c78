import type { ParamStore } from '../core/param/store.js';
import type { Db } from '../core/units.js';
import type { MeterFrame } from '../engine/interface.js';
import type { SessionFeatures } from './api.js';
import { CompareService } from './compare/compare.js';
import { History } from './history/history.js';
import type { AssistSource } from './recall/assist.js';
import type { RigSources } from './rig.js';
import type { ControlsFor } from './sheet/controls.js';
import { SessionService } from './service.js';

export interface SessionsDeps {
  readonly stateDir: string;
  readonly store: ParamStore;
  readonly mappings: () => readonly AssistSource[];
  readonly controlsFor: ControlsFor;
  readonly rig?: RigSources;
  readonly meters: { onMeters(listener: (f: MeterFrame) => void): () => void };
  /** Engine.setMonitorGain, when the engine has a monitor path. */
  readonly monitor?: (gain: Db) => void;
  /** Engine.resetLoudness, when the engine meters. */
  readonly resetLoudness?: () => void;
  readonly log: { info(msg: string): void; warn(msg: string): void };
  readonly wallClock?: () => number;
}

export interface Sessions extends SessionFeatures {
  readonly sessions: SessionService;
  readonly compare: CompareService;
  readonly history: History;
  close(): Promise<void>;
}

/**
 * Sessions, history and A/B compare over one parameter store: what the composition root starts.
 * The history subscribes first, so it sees the value before every change it records.
 */
export async function startSessions(deps: SessionsDeps): Promise<Sessions> {
  const history = new History(deps.store, { wallClock: deps.wallClock ?? Date.now });
  const sessions = await SessionService.start({ ...deps, history });
  const compare = new CompareService({
    store: deps.store,
    history,
    snapshotValues: (track, name) => sessions.snapshotValues(track, name),
    meters: deps.meters,
    monitor: deps.monitor,
    resetLoudness: deps.resetLoudness,
  });
  return {
    sessions,
    compare,
    history,
    close: async () => {
      compare.stop();
      await sessions.close();
      history.close();
    },
  };
}
