import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.js';
import { describeReading, type InputFeed } from '../../core/monitor/describe.js';
import type { ControlValue } from '../../core/control.js';
import { DeviceState } from '../../core/devices.js';
import type { MappingRuntime } from '../../core/mapping/runtime.js';
import { SerialRouter } from '../../core/routing/serial-input.js';
import { createDecoder } from '../../core/serial/decoders/index.js';
import { deviceIdentity, profilesMatching } from '../../core/serial/identity.js';
import { compileFirmwareProfile, type ChannelCalibration } from '../../config/firmware-profile-compile.js';
import type { LoadedFirmwareProfile } from '../../config/firmware-profile.js';
import type { FirmwareProfile } from '../../config/firmware-profile-schema.js';
import type { SerialBackend, SerialPortInfo } from '../../drivers/serial/interface.js';
import { PortRunner, SERIAL_COUNTERS } from './port.js';

/** Port list poll interval (ms): serialport has no hot-plug events. */
export const SERIAL_POLL_MS = 1000;

export interface SerialPortView {
  readonly path: string;
  readonly source: SerialPortInfo['source'];
  readonly vendorId?: string;
  readonly productId?: string;
  readonly serialNumber?: string;
  readonly manufacturer?: string;
  /** The profile opened on it, or the ones whose identity matches. */
  readonly profiles: readonly string[];
  /** Whether Detent has it open now. */
  readonly open: boolean;
}

export interface SerialPath {
  readonly devices: () => readonly DeviceState[];
  /** The ports of the last discovery, with the profiles that matched. */
  readonly ports: () => readonly SerialPortView[];
  /** Why the system port list is unavailable (no udev), or null. */
  readonly fallback: () => string | null;
  /** A device's raw readings, for calibration: returns an unsubscribe. */
  readonly tap: (path: string, listener: (channel: string, raw: number, bits: number, t: number) => void) => () => void;
  /** The profile and identity of an open device, for calibration. */
  readonly deviceInfo: (path: string) => { profile: LoadedFirmwareProfile; identity: string } | undefined;
  /** Applies a device's new calibration at once (after `detent calibrate`). */
  readonly recalibrate: (path: string, calibration: ReadonlyMap<string, ChannelCalibration>) => void;
  close(): Promise<void>;
}

interface Running {
  readonly runner: PortRunner;
  readonly device: DeviceState;
  readonly profile: LoadedFirmwareProfile;
  readonly identity: string;
  /** Opened because a profile's identity matched, not because the config named it. */
  readonly discovered: boolean;
}

/**
 * Wires serial knob boxes: ports named in the config (and `--serial`) and ports whose identity
 * matches a firmware profile are opened, kept open across unplugs, decoded by their profile's
 * decoder and conditioned per channel into virtual controls for the mapping runtime.
 */
export async function startSerialPath(deps: {
  backend: SerialBackend;
  configured: readonly { readonly path: string; readonly profile?: string | undefined }[];
  profiles: readonly LoadedFirmwareProfile[];
  /** The box's stored calibration for the profile that runs it (empty when none). */
  calibrationFor: (profile: FirmwareProfile, identity: string) => Promise<ReadonlyMap<string, ChannelCalibration>>;
  runtime: MappingRuntime;
  /** Sees every conditioned control value (learn). */
  observe?: (control: string, value: ControlValue) => void;
  /** The dashboard's monitor of incoming messages. */
  monitor?: InputFeed;
  clock: Clock;
  log: Logger;
  pollMs?: number;
}): Promise<SerialPath> {
  const { backend, clock, log } = deps;
  const router = new SerialRouter(deps.runtime, deps.observe);
  const running = new Map<string, Running>();
  const broken: DeviceState[] = [];
  const taps = new Map<string, Set<(channel: string, raw: number, bits: number, t: number) => void>>();
  let listing: readonly SerialPortInfo[] = [];
  let fallback: string | null = null;
  let fallbackSaid = false;
  // Held readings of send-on-change boards are fed again until their filters settle (SerialRouter.tick).
  let holdTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleHold = (): void => {
    const at = router.nextDeadline();
    if (at === undefined || holdTimer !== undefined) return;
    holdTimer = setTimeout(() => {
      holdTimer = undefined;
      router.tick(clock.now());
      scheduleHold();
    }, Math.max(0, at - clock.now()));
    holdTimer.unref();
  };
  const byId = new Map(deps.profiles.map((p) => [p.profile.id, p]));
  const identities = deps.profiles.map((p) => ({ id: p.profile.id, identity: p.profile.identity }));

  const run = (info: { path: string } & Partial<SerialPortInfo>, profile: LoadedFirmwareProfile, discovered: boolean): void => {
    const p = profile.profile;
    const identity = deviceIdentity(info);
    const id = `serial:${info.path}`;
    const device = new DeviceState(id, 'serial', `${p.name} (${p.id})`, info.path, SERIAL_COUNTERS);
    const compile = (cal: ReadonlyMap<string, ChannelCalibration>) => compileFirmwareProfile(p, profile.file, cal);
    router.attach(id, compile(new Map()));
    const runner = new PortRunner({
      backend,
      clock,
      path: info.path,
      options: { baudRate: p.transport.baudRate, dataBits: p.transport.dataBits, parity: p.transport.parity, stopBits: p.transport.stopBits, dtr: p.transport.dtr },
      settleMs: p.transport.settleMs,
      hello: p.transport.hello,
      decoder: createDecoder(p.decoder),
      device,
      onOpen: () => router.reset(id),
      onEvents: (events, t) => {
        const listeners = taps.get(info.path);
        if (listeners !== undefined)
          for (const e of events) if (e.kind === 'reading') for (const l of listeners) l(e.channel, e.raw, e.bits, t);
        const outcome = router.route(id, events, t);
        const feed = deps.monitor;
        if (feed !== undefined) for (const e of events) if (e.kind === 'reading') feed.push(() => ({ t, kind: 'serial', source: info.path, text: describeReading(e.channel, e.raw, e.bits), outcome: outcome.kind }));
        if (outcome.kind === 'rejected') device.lastError = outcome.error.message;
        else device.count(outcome.kind === 'mode' ? 'applied' : outcome.kind);
        scheduleHold();
      },
      log: { info: (m) => log.info(m), warn: (m) => log.warn(m) },
    });
    running.set(info.path, { runner, device, profile, identity, discovered });
    // Opened once its calibration is read, so the first reading is already calibrated.
    void deps.calibrationFor(p, identity).then((cal) => {
      router.attach(id, compile(cal));
      runner.start();
    });
  };

  const unavailable = (path: string, reason: string): void => {
    log.error(`serial ${path}: ${reason}`);
    const d = new DeviceState(`serial:${path}`, 'serial', `serial ${path}`, path, []);
    d.status = { state: 'unavailable', reason };
    d.lastError = reason;
    broken.push(d);
  };

  const known = [...byId.keys()].join(', ');
  // Configured without a profile: opened once discovery sees the port and a profile's identity matches.
  const pending = new Map<string, DeviceState>();
  // The first listing comes before anything opens, so a configured box is known by its USB serial
  // number (its calibration is stored under it) wherever the system reports one.
  const first = await backend.list(deps.configured.map((c) => c.path)).catch(() => ({ ports: [] as SerialPortInfo[] }));
  for (const c of deps.configured) {
    if (c.profile === undefined) {
      const d = new DeviceState(`serial:${c.path}`, 'serial', `serial ${c.path}`, c.path, []);
      d.status = { state: 'down', reason: 'waiting for the port to appear' };
      pending.set(c.path, d);
    }
    else {
      const profile = byId.get(c.profile);
      if (profile === undefined) unavailable(c.path, `unknown firmware profile '${c.profile}' (known: ${known})`);
      else run(first.ports.find((p) => p.path === c.path) ?? { path: c.path }, profile, false);
    }
  }

  const poll = async (): Promise<void> => {
    const l = await backend.list(deps.configured.map((c) => c.path));
    listing = l.ports;
    fallback = l.fallback;
    if (fallback !== null && !fallbackSaid) {
      fallbackSaid = true;
      log.info(`serial: the system port list is unavailable (${fallback}); using /dev/serial/by-id and configured paths`);
    }
    for (const info of l.ports) {
      if (running.has(info.path)) continue;
      const matched = profilesMatching(identities, info);
      const waiting = pending.get(info.path);
      const profile = matched[0] === undefined ? undefined : byId.get(matched[0]);
      if (waiting !== undefined) {
        if (profile === undefined) {
          const reason = `no firmware profile's identity matches this port; name one: --serial ${info.path}:<profile> (known: ${known})`;
          if (waiting.status.state !== 'unavailable') log.error(`serial ${info.path}: ${reason}`);
          waiting.status = { state: 'unavailable', reason };
          continue;
        }
        pending.delete(info.path);
        run(info, profile, false);
      } else if (profile !== undefined) {
        log.info(`serial ${info.path}: matches firmware profile '${profile.profile.id}', opening`);
        run(info, profile, true);
      }
    }
    // A discovered port that is gone stays away until discovery sees it again (its path may change).
    const present = new Set(l.ports.map((p) => p.path));
    for (const [path, r] of running)
      if (r.discovered && !r.runner.up && !present.has(path)) {
        running.delete(path);
        router.detach(r.device.id);
        await r.runner.close();
      }
  };
  const discover = (): Promise<void> => poll().catch((e: Error) => log.warn(`serial discovery: ${e.message}`));
  // Polls run one after another, never overlapping.
  let polling = discover();
  const poller = setInterval(() => {
    polling = polling.then(discover);
  }, deps.pollMs ?? SERIAL_POLL_MS);
  poller.unref();

  return {
    devices: () => [...broken, ...pending.values(), ...[...running.values()].map((r) => r.device)],
    ports: () =>
      listing.map((info) => {
        const r = running.get(info.path);
        return { ...info, profiles: r !== undefined ? [r.profile.profile.id] : profilesMatching(identities, info), open: r?.runner.up ?? false };
      }),
    fallback: () => fallback,
    tap: (path, listener) => {
      const set = taps.get(path) ?? new Set();
      set.add(listener);
      taps.set(path, set);
      return () => set.delete(listener);
    },
    deviceInfo: (path) => {
      const r = running.get(path);
      return r === undefined ? undefined : { profile: r.profile, identity: r.identity };
    },
    recalibrate: (path, calibration) => {
      const r = running.get(path);
      if (r !== undefined) router.attach(r.device.id, compileFirmwareProfile(r.profile.profile, r.profile.file, calibration));
    },
    close: async () => {
      clearInterval(poller);
      clearTimeout(holdTimer);
      await polling;
      for (const r of running.values()) await r.runner.close();
      running.clear();
    },
  };
}
