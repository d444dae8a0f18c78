/**
 * The HTTP and WebSocket server: JSON API under /api, the live hub at /ws, the built dashboard at
 * /. buildServer wires routes to the daemon's parts and returns the instance without listening;
 * closing the instance releases every subscription, timer and socket it made.
 */
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { DeviceSnapshot } from '../core/devices.js';
import type { ParamStore } from '../core/param/store.js';
import type { MeterFrame } from '../engine/interface.js';
import type { LearnApi } from '../learn/state.js';
import type { SessionFeatures } from '../session/api.js';
import { installAccessControl, type AccessOptions } from './access.js';
import { installErrorHandlers } from './http-errors.js';
import type { MappingView, RemovedMappingView } from './messages.js';
import { registerDashboard } from './routes/dashboard.js';
import { registerHealthRoute } from './routes/health.js';
import { registerLearnRoutes } from './routes/learn.js';
import { registerMappingEditRoutes, type MappingEditApi } from './routes/mapping-edit.js';
import { registerCompareRoutes } from './routes/sessions-compare.js';
import { registerSessionRoutes } from './routes/sessions.js';
import { registerMeterRoute } from './routes/meters.js';
import { registerParamRoutes } from './routes/params.js';
import { registerSerialRoutes, type SerialApi } from './routes/serial.js';
import { registerStatusRoutes } from './routes/status.js';
import { registerTransportRoutes, type TransportApi } from './routes/transport.js';
import { registerWsRoute } from './routes/ws.js';
import type { TypeBoxTypeProvider } from './type-provider.js';
import { MAX_CLIENT_FRAME_BYTES } from './ws/client-message.js';
import { Hub } from './ws/hub.js';
import type { InputFeed } from '../core/monitor/describe.js';

export interface ServerDeps {
  readonly store: ParamStore;
  readonly meters: { onMeters(listener: (f: MeterFrame) => void): () => void };
  readonly devices: () => readonly DeviceSnapshot[];
  readonly mappings: () => readonly MappingView[];
  /** Problems of the mapping files, one line each; absent: none are reported. */
  readonly mappingProblems?: () => readonly string[];
  /** The configured set's mappings the learned overlay removes; absent: none. */
  readonly removedMappings?: () => readonly RemovedMappingView[];
  /** Edits of single mappings (`/api/mappings/:id`); absent: 503 MAPPING_EDIT_UNAVAILABLE. */
  readonly mappingEdits?: MappingEditApi;
  readonly version: string;
  /** Built dashboard files (dist/dashboard); index.html is served at `/`. */
  readonly dashboardDir: string;
  /** Used as fastify's loggerInstance; false for no logging (tests). */
  readonly logger: Logger | false;
  /** Learn (`/api/learn`, `learn` messages); absent: the routes answer 503 LEARN_UNAVAILABLE. */
  readonly learn?: LearnApi;
  /** Sessions, A/B compare and history (`/api/sessions`, `/api/compare`, `/api/history`); absent: 503 SESSIONS_UNAVAILABLE. */
  readonly sessions?: SessionFeatures;
  /** Serial ports and knob-box calibration (`/api/serial/...`); absent: 503 SERIAL_UNAVAILABLE. */
  readonly serial?: SerialApi;
  /** Incoming messages for the monitor (`inputs` messages every INPUTS_INTERVAL_MS while a client is connected). */
  readonly inputs?: InputFeed;
  /** The engine's player (`/api/transport`); absent: 503 TRANSPORT_UNAVAILABLE. */
  readonly transport?: TransportApi;
  /** Host, Origin and token checks (server/access.ts); absent: loopback rules without a token. */
  readonly access?: AccessOptions;
}

/** Largest request body (bytes): a session with hundreds of parameters is a few tens of kB. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** How often the monitor's incoming messages go out, batched (10 a second). */
const INPUTS_INTERVAL_MS = 100;

/** How often `devices` goes to WebSocket clients (only when the list changed). */
const DEVICES_INTERVAL_MS = 1000;

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  // Strict body validation: no type coercion ("5" is not a number) and unknown fields are errors,
  // not silently removed (fastify's defaults do both).
  const ajv = { customOptions: { coerceTypes: false, removeAdditional: false } } as const;
  // Typed as fastify's base logger: pino's own Logger type makes the instance type incompatible
  // with the plain FastifyInstance this function returns.
  const loggerInstance: FastifyBaseLogger | undefined = deps.logger === false ? undefined : deps.logger;
  // Each request is not news to an engineer watching the log; errors still log.
  const app: FastifyInstance =
    loggerInstance === undefined
      ? Fastify({ logger: false, ajv, bodyLimit: BODY_LIMIT_BYTES })
      : Fastify({ loggerInstance, ajv, bodyLimit: BODY_LIMIT_BYTES, logController: new LogController({ disableRequestLogging: true }) });
  installErrorHandlers(app);
  installAccessControl(app, deps.access ?? { token: null, loopback: true });
  await app.register(fastifyWebsocket, { options: { maxPayload: MAX_CLIENT_FRAME_BYTES } });

  const hub = new Hub(deps);
  let latest: MeterFrame | undefined;
  const stopMeters = deps.meters.onMeters((frame) => {
    latest = frame;
    hub.meters(frame);
  });
  const devicesTimer = setInterval(() => hub.devicesTick(), DEVICES_INTERVAL_MS);
  devicesTimer.unref();
  const inputs = deps.inputs;
  const inputsTimer =
    inputs === undefined
      ? undefined
      : setInterval(() => {
          inputs.active = hub.size > 0;
          const batch = inputs.take();
          if (batch !== undefined) hub.inputs(batch.entries, batch.dropped);
        }, INPUTS_INTERVAL_MS);
  inputsTimer?.unref();
  const stopLearn = deps.learn?.onState((s) => hub.learn(s));
  app.addHook('onClose', async () => {
    clearInterval(devicesTimer);
    clearInterval(inputsTimer);
    if (inputs !== undefined) inputs.active = false;
    stopLearn?.();
    stopMeters();
    hub.close();
  });

  try {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    registerHealthRoute(api, deps.version);
    registerParamRoutes(api, deps.store);
    registerStatusRoutes(api, deps.mappings, deps.devices, deps.mappingProblems ?? (() => []));
    registerMappingEditRoutes(api, deps.mappingEdits, () => hub.mappingsTick());
    registerMeterRoute(api, () => latest);
    registerLearnRoutes(api, deps.learn);
    registerSessionRoutes(api, deps.sessions);
    registerCompareRoutes(api, deps.sessions);
    registerSerialRoutes(api, deps.serial);
    registerTransportRoutes(api, deps.transport);
    registerWsRoute(app, hub);
    await registerDashboard(app, deps.dashboardDir);
  } catch (e) {
    // The caller never gets the instance, so release the subscriptions made above here.
    stopLearn?.();
    await app.close();
    throw e;
  }
  return app;
}
