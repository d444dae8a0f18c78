import type { Logger } from 'pino';
import { assertNever } from '../core/assert-never.js';
import type { Clock } from '../core/clock.js';
import type { DeviceState } from '../core/devices.js';
import { oscFeedbackFor } from '../core/feedback/osc-feedback.js';
import type { ParamStore } from '../core/param/store.js';
import { routeOsc, type OscInput } from '../core/routing/osc-input.js';
import type { RoutingTable } from '../core/routing/table.js';
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
  routing: () => RoutingTable;
  clock: Clock;
  log: Logger;
}): Promise<OscPath> {
  const { store, log } = deps;
  const input: OscInputDriver = new OscInputDriver(deps.transport, {
    clock: deps.clock,
    debug: (m) => log.debug(m),
    onInput: (msg) => countOutcome(input.device, msg, routeOsc(msg, deps.routing(), store), log),
  });
  const bound = await input.open();
  const feedback = new OscFeedbackSender(deps.transport, deps.feedbackTargets, {
    clock: deps.clock,
    flushMs: FEEDBACK_FLUSH_MS,
    messagesFor: (c) => oscFeedbackFor(c, deps.routing(), store),
    debug: (m) => log.debug(m),
  });
  const unsubscribe = store.subscribe((c) => feedback.push(c));
  return {
    bound,
    devices: () => [input.device, ...feedback.devices],
    close: async () => {
      unsubscribe();
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
