import type { Daemon } from '../../bridge/daemon/index.js';
import { FakeEngine } from '../../bridge/engine/fake.js';
import { startTestDaemon } from '../integration/harness.js';

/** A real daemon on the fake engine, which emits steady meter frames (30 a second) until stopMeters(). */
export interface MeteredDaemon {
  readonly daemon: Daemon;
  readonly engine: FakeEngine;
  readonly port: number;
  stopMeters(): void;
}

/** Starts it on `port` (0: any free port; a restart passes the first one's). */
export async function meteredDaemon(port = 0): Promise<MeteredDaemon> {
  const engine = new FakeEngine();
  const daemon = await startTestDaemon(['--http-port', String(port)], { engine });
  let i = 0;
  const timer = setInterval(() => engine.emitMeters({ t: i++ / 30, peakDb: [-6, -8], rmsDb: [-18, -20] }), 33);
  return { daemon, engine, port: Number(new URL(daemon.httpUrl).port), stopMeters: () => clearInterval(timer) };
}
