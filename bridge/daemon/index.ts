import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Clock } from '../core/clock.js';
import type { ControlValue } from '../core/control.js';
import { ParamStore } from '../core/param/store.js';
import type { DetentConfig } from '../config/config-schema.js';
import type { OscTransport } from '../drivers/osc/interface.js';
import { UdpOscTransport } from '../drivers/osc/udp.js';
import type { Engine } from '../engine/interface.js';
import { createWebAudioEngine } from '../engine/webaudio/engine.js';
import { createOscEngine } from '../engine/osc-target/engine.js';
import type { TransportApi } from '../server/routes/transport.js';
import { InputFeed } from '../core/monitor/describe.js';
import { assertNever } from '../core/assert-never.js';
import { packageRoot } from '../package-root.js';
import { buildServer } from '../server/app.js';
import { VERSION } from '../version.js';
import { engineDevice } from './engine-device.js';
import { MappingEdits } from '../mapping-edit/service.js';
import { RoutingLoader } from './mappings.js';
import { watchMappingFiles } from '../config/watch.js';
import { formatProblem } from '../config/problems.js';
import { LearnService, SERIAL_KEY_PREFIX } from '../learn/service.js';
import { systemLearnClock } from '../learn/clock.js';
import type { InputKey } from '../core/routing/key.js';
import { MappingRuntime } from '../core/mapping/runtime.js';
import { startOscPath } from './osc-path.js';
import { accessFor } from './access-token.js';
import { midiBackendsFor, startMidiPath, type MidiPath } from './midi-path.js';
import type { MidiBackend } from '../drivers/midi/interface.js';
import { calibrationDir, learnedControllersDir, learnedSetPath, shippedFirmwareProfiles } from '../config/paths.js';
import { loadFirmwareProfileDirs } from '../config/firmware-profile.js';
import type { SerialBackend } from '../drivers/serial/interface.js';
import { NodeSerialBackend } from '../drivers/serial/node.js';
import { startSerialPath, type SerialPath } from './serial/index.js';
import { readCalibration } from './serial/calibration-store.js';
import { CalibrationService } from './serial/calibration.js';
import { startSessions, type Sessions } from '../session/sessions.js';
import { controlsFromRouting } from '../session/sheet/controls.js';

export interface Daemon {
  /** `http://host:port` of the dashboard and API, with the port actually bound. */
  readonly httpUrl: string;
  /** The UDP port OSC input is bound to. */
  readonly oscPort: number;
  readonly store: ParamStore;
  readonly engine: Engine;
  /** Sessions, compare and history; `sessions.sessions.recallSnapshot(name)` is the hardware-recall hook. */
  readonly sessions: Sessions;
  /** The state directory in use (sessions, learned mappings, calibrations). */
  readonly stateDir: string;
  close(): Promise<void>;
}

export interface DaemonOptions {
  readonly logger: Logger;
  /** Replaces the embedded engine (tests and benchmarks pass a fake or an instrumented one). */
  readonly engine?: Engine;
  readonly oscTransport?: OscTransport;
  /** Replaces the configured MIDI backends (tests pass a fake). */
  readonly midiBackends?: readonly MidiBackend[];
  /** Replaces the serial driver (tests pass a fake). */
  readonly serialBackend?: SerialBackend;
  readonly clock?: Clock;
}

const monotonic: Clock = { now: () => performance.now() };

/**
 * The composition root: the only place that wires real drivers, engine and server together.
 * Data path: OSC → routing → ParamStore → { engine ramps, OSC feedback, dashboard }.
 */
export async function startDaemon(config: DetentConfig, opts: DaemonOptions): Promise<Daemon> {
  const log = opts.logger;
  const clock = opts.clock ?? monotonic;
  // Whatever has started is closed in reverse order if a later step fails, so a failed start
  // leaves no socket bound and no audio thread running.
  const started: (() => Promise<void>)[] = [];
  // Inputs stop first, so nothing is applied after the sessions' last save.
  const inputs: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const close of [...inputs.splice(0).reverse(), ...started.splice(0).reverse()]) await close().catch((e: Error) => log.warn(`while closing: ${e.message}`));
  };
  try {
    const engine = opts.engine ?? createEngine(config, log);
    const store = new ParamStore(engine.params, clock, (e) => log.error({ err: e }, 'a parameter listener failed'));
    store.subscribe((c) => engine.apply(c.id, c.value));
    const runtime = new MappingRuntime(store);
    // Incoming messages for the dashboard's monitor (made only while a dashboard is connected).
    const monitor = new InputFeed();
    const routing = new RoutingLoader(config, (id) => store.descriptor(id) !== undefined, runtime, log);
    await routing.reload();
    const watch = watchMappingFiles(routing.watched(), () => void routing.reload());
    started.push(async () => watch.close());
    const learn = new LearnService({
      stateDir: config.stateDir,
      paramExists: (id) => store.descriptor(id) !== undefined,
      // Serial channels are virtual controls already (`serial knob/1`); others go through the profiles' bindings.
      controlFor: (key) => (key.startsWith(SERIAL_KEY_PREFIX) ? key.slice(SERIAL_KEY_PREFIX.length) : runtime.routing.byInput.get(key as InputKey)?.[0]?.control),
      replaces: (control) => runtime.routing.byControl.get(control)?.find((m) => runtime.isActive(m)),
      // Learn answers LEARN_FAILED rather than 200 when what it wrote does not load.
      reload: async () => {
        const problems = await routing.reload();
        if (problems.length > 0) throw new Error(`the learned mapping did not load: ${problems.map(formatProblem).join('; ')}`);
      },
      clock: systemLearnClock(clock),
    });
    started.push(async () => learn.close());

    started.push(() => engine.close());
    const status = await engine.start();
    if (status.state === 'failed') throw new Error(`audio engine: ${status.reason}`);
    const engineDev = engineDevice(engine);

    const osc = await startOscPath({
      transport: opts.oscTransport ?? new UdpOscTransport(config.osc, (e) => log.warn(`OSC socket: ${e.message}`)),
      feedbackTargets: config.osc.feedback,
      store,
      runtime,
      clock,
      log,
      observe: (input) => learn.observe(input),
      applies: (binding, peer) => routing.applies(binding, peer),
      allow: config.osc.allow,
      monitor,
    });
    inputs.push(() => osc.close());

    const midiConfig = opts.midiBackends === undefined ? midiBackendsFor(config.midi) : { backends: opts.midiBackends, unavailable: [] };
    const midi: MidiPath = startMidiPath({ ...midiConfig, rules: () => routing.midiRules(), store, runtime, clock, log, monitor });
    inputs.push(async () => midi.close());

    const serial = await startSerial(config, opts.serialBackend ?? new NodeSerialBackend(), runtime, (control, value) => learn.observeControl(control, value), monitor, clock, log);
    inputs.push(() => serial.close());
    const calibration = new CalibrationService(serial, calibrationDir(config.stateDir));
    started.push(async () => calibration.close());

    // Sessions after the OSC path, so reopening the last session (its autosaved working state)
    // also reaches the controllers as feedback.
    const sessions = await startSessions({
      stateDir: config.stateDir,
      store,
      mappings: () => routing.views(),
      controlsFor: controlsFromRouting(() => runtime.routing, (id) => store.descriptor(id)),
      rig: { mappingSet: config.mappings.set, learnedSet: learnedSetPath(config.stateDir), profileDirs: [config.mappings.controllers, learnedControllersDir(config.stateDir)] },
      meters: engine,
      monitor: engine.setMonitorGain?.bind(engine),
      resetLoudness: engine.resetLoudness?.bind(engine),
      log: { info: (m) => log.info(m), warn: (m) => log.warn(m) },
    });
    started.push(() => sessions.close());
    // Hardware recall: a recall button (or a program change bound to one) recalls a snapshot.
    const stopRecall = runtime.onRecall((snapshot) => {
      void sessions.sessions.recallSnapshot(snapshot).then((r) => {
        if (r.ok) log.info(`recalled snapshot ${snapshot} from a controller`);
        else log.warn(`recall of snapshot ${snapshot} from a controller: ${r.error.message}`);
      });
    });
    started.push(async () => stopRecall());

    const access = await accessFor(config.http, config.stateDir);
    const app = await buildServer({
      access,
      store,
      meters: engine,
      devices: () => [...osc.devices(), ...midi.devices(), ...serial.devices(), engineDev()].map((d) => d.snapshot()),
      mappings: () => routing.views(),
      mappingProblems: () => routing.problems().map(formatProblem),
      removedMappings: () => routing.removed(),
      mappingEdits: new MappingEdits({ setFile: config.mappings.set, overlayFile: learnedSetPath(config.stateDir), reload: () => routing.reload() }),
      learn,
      sessions,
      serial: { ports: serial.ports, fallback: serial.fallback, calibration },
      ...transportOf(engine),
      inputs: monitor,
      version: VERSION,
      dashboardDir: join(packageRoot(), 'dist', 'dashboard'),
      logger: log,
    });
    started.push(() => app.close());
    await app.listen({ host: config.http.host, port: config.http.port });
    const httpUrl = urlOf(app.server.address(), config.http.host);
    log.info(`OSC listening on udp ${osc.bound.host}:${osc.bound.port}; dashboard at ${httpUrl}${access.token === null ? '' : ` (open ${httpUrl}/?token=${access.token} once; the token is in ${join(config.stateDir, 'http-token')} or the config)`}`);

    return { httpUrl, oscPort: osc.bound.port, store, engine, sessions, stateDir: config.stateDir, close: closeAll };
  } catch (e) {
    await closeAll();
    throw e;
  }
}

/** Loads the firmware profiles (shipped, then the user's) and opens the serial knob boxes. */
async function startSerial(
  config: DetentConfig,
  backend: SerialBackend,
  runtime: MappingRuntime,
  observe: (control: string, value: ControlValue) => void,
  monitor: InputFeed,
  clock: Clock,
  log: Logger,
): Promise<SerialPath> {
  const loaded = await loadFirmwareProfileDirs([{ path: shippedFirmwareProfiles(packageRoot()) }, { path: config.mappings.firmware, optional: true }]);
  for (const p of loaded.problems) log.error(`firmware profile left out: ${formatProblem(p)}`);
  const dir = calibrationDir(config.stateDir);
  return await startSerialPath({
    backend,
    configured: config.serial,
    profiles: loaded.profiles,
    calibrationFor: (profile, identity) => readCalibration(dir, profile, identity, (m) => log.warn(m)),
    runtime,
    observe,
    monitor,
    clock,
    log,
  });
}

function urlOf(addr: string | AddressInfo | null, host: string): string {
  const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** The engine the config names: the embedded chain, or an external one over OSC. */
function createEngine(config: DetentConfig, log: Logger): Engine {
  const engineLog = { warn: (m: string) => log.warn(m), info: (m: string) => log.info(m) };
  const e = config.engine;
  switch (e.kind) {
    case 'embedded':
      return createWebAudioEngine({ output: config.audio.output, source: config.audio.source, log: engineLog });
    case 'osc':
      return createOscEngine({ template: e.template, log: engineLog });
    default:
      return assertNever(e, 'engine');
  }
}

/** The engine's player for the API, when it has one (the embedded engine; not an external one). */
function transportOf(engine: Engine): { transport?: TransportApi } {
  const { controlTransport, transportState } = engine;
  if (controlTransport === undefined || transportState === undefined) return {};
  return { transport: { control: (c) => controlTransport.call(engine, c), state: () => transportState.call(engine) } };
}
