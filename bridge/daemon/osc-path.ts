import type { Logger } from 'pino';
import { allowedBy, parseCidr } from '../core/net/cidr.js';
import { describeOsc, type InputFeed } from '../core/monitor/describe.js';
import { assertNever } from '../core/assert-never.js';
import type { Clock } from '../core/clock.js';
import type { DeviceState } from '../core/devices.js';
import { oscFeedbackFor } from '../core/feedback/osc-feedback.js';
import type { ParamStore } from '../core/param/store.js';
import { routeOsc, type OscInput } from '../core/routing/osc-input.js';
import type { MappingRuntime } from '../core/mapping/runtime.js';
import { PeerPresence } from '../core/feedback/presence.js';
import type { ControlBinding } from '../core/routing/table.js';
import { numericArg } from '../core/routing/osc-decode.js';
import { OscFeedbackSender } from '../drivers/osc/feedback.js';
import { OscInputDriver } from '../drivers/osc/input.js';
import type { OscEndpoint, OscTransport } from '../drivers/osc/interface.js';

/** Feedback waits at most this long (ms) so a burst of knob moves coalesces into one send. */
const FEEDBACK_FLUSH_MS = 5;

export interface OscPath {
  readonly bound: OscEndpoint;
  readonly devices: () => readonly DeviceState[];
  close(): Promise<void>;
}

/**
 * Wires OSC: datagrams → RawInput → routing (namespace or table) → store, counting every outcome
 * on the input device; and store → coalesced feedback to the configured targets.
 */
export async function startOscPath(deps: {
  transport: OscTransport;
  feedbackTargets: readonly OscEndpoint[];
  store: ParamStore;
  runtime: MappingRuntime;
  clock: Clock;
  log: Logger;
  /** Sees every OSC message before routing (learn). */
  observe?: (input: OscInput) => void;
  /** Whether a binding's profile applies to a sender (see RoutingLoader.applies). */
  applies?: (binding: ControlBinding, peer: string) => boolean;
  /** Sender allow-list (osc.allow, CIDR); empty or absent: every sender. */
  allow?: readonly string[];
  /** The dashboard's monitor of incoming messages. */
  monitor?: InputFeed;
}): Promise<OscPath> {
  const { store, log } = deps;
  const presence = new PeerPresence(deps.feedbackTargets.map((t) => `${t.host}:${t.port}`));
  const allow = (deps.allow ?? []).flatMap((a) => parseCidr(a) ?? []);
  const input: OscInputDriver = new OscInputDriver(deps.transport, {
    clock: deps.clock,
    ...(allow.length === 0 ? {} : { allow: (host: string) => allowedBy(allow, host) }),
    debug: (m) => log.debug(m),
    onInput: (msg) => {
      deps.observe?.(msg);
      const x = numericArg(msg.args);
      if (x !== undefined) feedback.noteInput(msg.peer, msg.address, x, msg.t);
      if (presence.seen(msg.peer, msg.t)) resendAll(store, feedback);
      const outcome = routeOsc(msg, deps.runtime, store, deps.applies);
      countOutcome(input.device, msg, outcome, log);
      deps.monitor?.push(() => ({ t: msg.t, kind: 'osc', source: msg.peer, text: describeOsc(msg.address, msg.args), outcome: outcome.kind }));
    },
  });
  const feedback = new OscFeedbackSender(deps.transport, deps.feedbackTargets, {
    clock: deps.clock,
    flushMs: FEEDBACK_FLUSH_MS,
    messagesFor: (c) => oscFeedbackFor(c, deps.runtime, store),
    debug: (m) => log.debug(m),
  });
  const bound = await input.open();
  const unsubscribe = store.subscribe((c) => feedback.push(c));
  // A page change re-targets controls: show every parameter again.
  const unsubscribePage = deps.runtime.onPageChange(() => resendAll(store, feedback));
  return {
    bound,
    devices: () => [input.device, ...feedback.devices],
    close: async () => {
      unsubscribe();
      unsubscribePage();
      feedback.close();
      await input.close();
    },
  };
}

function countOutcome(device: DeviceState, msg: OscInput, outcome: ReturnType<typeof routeOsc>, log: Logger): void {
  switch (outcome.kind) {
    case 'applied':
      device.count('applied');
      return;
    case 'filtered':
      device.count('filtered');
      return;
    case 'mode':
      device.count('mode');
      return;
    case 'unmapped':
      device.count('unmapped');
      log.debug(`OSC ${msg.address} from ${msg.peer}: no mapping`);
      return;
    case 'rejected':
      device.count('rejected');
      device.lastError = outcome.error.message;
      log.debug(`OSC rejected: ${outcome.error.message}`);
      return;
    default:
      assertNever(outcome, 'route outcome');
  }
}

/** Pushes every parameter's current value to the feedback targets. */
function resendAll(store: ParamStore, feedback: OscFeedbackSender): void {
  for (const [id, value] of store.snapshot()) {
    const norm = store.norm(id);
    if (norm !== undefined) feedback.push({ id, value, norm, origin: { kind: 'default' }, t: 0 });
  }
}
