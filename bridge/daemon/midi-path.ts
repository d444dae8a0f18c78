import type { Logger } from 'pino';
import { assertNever } from '../core/assert-never.js';
import { describeMidi, type InputFeed } from '../core/monitor/describe.js';
import type { Clock } from '../core/clock.js';
import { DeviceState } from '../core/devices.js';
import { midiFeedbackFor } from '../core/feedback/midi-feedback.js';
import type { MappingRuntime } from '../core/mapping/runtime.js';
import type { ParamStore } from '../core/param/store.js';
import { MidiRouter } from '../core/routing/midi-input.js';
import type { RouteOutcome } from '../core/routing/osc-input.js';
import { MidiFeedbackSender } from '../drivers/midi/feedback.js';
import { EasymidiBackend, loadEasymidi } from '../drivers/midi/easymidi.js';
import type { MidiBackend } from '../drivers/midi/interface.js';
import { SerialMidiBackend } from '../drivers/midi/serial.js';
import { profilesFor, type MidiPortRule } from '../drivers/midi/match.js';
import { MidiPorts } from '../drivers/midi/ports.js';

/** Port list poll interval (ms): easymidi has no connect events. */
export const MIDI_POLL_MS = 1000;
/** Feedback rate per profile output: below a DIN cable's ~1,000 messages a second, with a small burst. */
export const MIDI_FEEDBACK_PER_SECOND = 800;
export const MIDI_FEEDBACK_BURST = 64;

export interface MidiPath {
  readonly devices: () => readonly DeviceState[];
  /** Ports seen in the last poll of each backend and the profiles each matched. */
  readonly ports: () => readonly { backend: string; port: string; dir: 'input' | 'output'; profiles: readonly string[] }[];
  close(): void;
}

/**
 * Wires MIDI: each backend's ports (polled for hot-plug) → per-device decoders → mapping runtime →
 * store; and store → MIDI feedback, coalesced and rate-limited per profile output, resent in full
 * when an output (re)connects and on every page change. A backend that cannot list ports (no ALSA
 * sequencer) is said once as a warning and shown as unavailable with its reason; the rest runs on.
 */
export function startMidiPath(deps: {
  backends: readonly MidiBackend[];
  /** Backends that could not even load, with the reason (easymidi without RtMidi). */
  unavailable: readonly { name: string; reason: string }[];
  rules: () => readonly MidiPortRule[];
  store: ParamStore;
  runtime: MappingRuntime;
  clock: Clock;
  log: Logger;
  pollMs?: number;
  /** The dashboard's monitor of incoming messages. */
  monitor?: InputFeed;
}): MidiPath {
  const { store, runtime, clock, log } = deps;
  const router = new MidiRouter(runtime);
  const dead: DeviceState[] = [];
  const markUnavailable = (name: string, reason: string): void => {
    log.warn(`MIDI (${name}) unavailable: ${reason}; running on without it`);
    const d = new DeviceState(`midi:${name}`, 'midi-in', `MIDI (${name})`, name, []);
    d.status = { state: 'unavailable', reason };
    dead.push(d);
  };
  for (const u of deps.unavailable) markUnavailable(u.name, u.reason);

  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleDecoderFlush = (): void => {
    const at = router.nextDeadline();
    if (at === undefined || flushTimer !== undefined) return;
    flushTimer = setTimeout(() => {
      flushTimer = undefined;
      router.flush(clock.now());
      scheduleDecoderFlush();
    }, Math.max(0, at - clock.now()) + 1);
  };

  const live: MidiPorts[] = [];
  const feedback = new MidiFeedbackSender({
    clock,
    itemsFor: (c) => midiFeedbackFor(c, runtime, store),
    write: (profile, messages) => live.reduce((n, p) => n + p.send(profile, messages), 0),
    perSecond: MIDI_FEEDBACK_PER_SECOND,
    burst: MIDI_FEEDBACK_BURST,
  });
  const resendAll = (): void => {
    for (const [id, value] of store.snapshot()) {
      const norm = store.norm(id);
      if (norm !== undefined) feedback.push({ id, value, norm, origin: { kind: 'default' }, t: 0 });
    }
  };

  for (const backend of deps.backends) {
    const ports: MidiPorts = new MidiPorts(backend, {
      clock,
      profilesFor: (port, dir) => profilesFor(deps.rules(), port, dir),
      onMessage: (port, m, t) => {
        if (m.type === 'sysex') return; // Mackie handshakes and device replies: not controls.
        const profiles = profilesFor(deps.rules(), port, 'input');
        for (const p of profiles) feedback.noteInput(p, m);
        const device = ports.devices().find((d) => d.id === `midi-in:${port}`);
        const outcome = router.route({ kind: 'midi', device: port, message: m, t }, profiles);
        if (device !== undefined) countOutcome(device, outcome);
        deps.monitor?.push(() => ({ t, kind: 'midi', source: port, text: describeMidi(m), outcome: outcome.kind }));
        scheduleDecoderFlush();
      },
      onOutputUp: resendAll,
      onInputDown: (port) => router.forget(port),
      warn: (msg) => log.warn(msg),
    });
    const reason = ports.poll();
    if (reason !== undefined) markUnavailable(backend.name, reason);
    else live.push(ports);
  }
  const poller = setInterval(() => {
    for (const p of live) p.poll();
  }, deps.pollMs ?? MIDI_POLL_MS);
  poller.unref();
  const unsubscribe = store.subscribe((c) => feedback.push(c));
  const unsubscribePage = runtime.onPageChange(resendAll);

  return {
    devices: () => [...dead, ...live.flatMap((p) => p.devices())],
    ports: () => live.flatMap((p) => p.seen.map((s) => ({ backend: p.backend.name, ...s }))),
    close: () => {
      clearInterval(poller);
      if (flushTimer !== undefined) clearTimeout(flushTimer);
      unsubscribe();
      unsubscribePage();
      feedback.close();
      for (const p of live) p.close();
    },
  };
}

function countOutcome(device: DeviceState, outcome: RouteOutcome): void {
  switch (outcome.kind) {
    case 'applied':
    case 'filtered':
    case 'mode':
    case 'unmapped':
      device.count(outcome.kind);
      return;
    case 'rejected':
      device.lastError = outcome.error.message;
      return;
    default:
      assertNever(outcome, 'route outcome');
  }
}

/**
 * The MIDI backends a config asks for: system ports through easymidi (when it loads and the
 * system has MIDI; else listed as unavailable with the reason) and serial MIDI ports.
 */
export function midiBackendsFor(cfg: { readonly ports: boolean; readonly serial: readonly string[] }): { backends: MidiBackend[]; unavailable: { name: string; reason: string }[] } {
  const backends: MidiBackend[] = [];
  const unavailable: { name: string; reason: string }[] = [];
  if (cfg.ports) {
    const easy = loadEasymidi();
    if (easy.ok) backends.push(new EasymidiBackend(easy.value));
    else unavailable.push({ name: 'easymidi', reason: easy.error });
  }
  if (cfg.serial.length > 0) backends.push(new SerialMidiBackend(cfg.serial));
  return { backends, unavailable };
}
