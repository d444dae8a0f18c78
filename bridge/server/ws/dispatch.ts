import { assertNever } from '../../core/assert-never.js';
import { ErrorCode, type DetentError } from '../../core/errors.js';
import type { ChangeOrigin } from '../../core/param/origin.js';
import type { ParamStore } from '../../core/param/store.js';
import { maybeUnit } from '../../core/unit.js';
import { ServerErrorCode } from '../http-errors.js';
import type { ServerMessage } from '../messages.js';
import type { ClientChannel } from './channel.js';
import { parseClientMessage } from './client-message.js';

export const errorMessage = (code: string, message: string): string =>
  JSON.stringify({ type: 'error', code, message } satisfies ServerMessage);

/**
 * Applies one client text frame. A successful `set` needs no reply: the change comes back to every
 * client, this one included, as a `param` message. Failures reply with `error` to this client only.
 */
export function handleClientText(text: string, store: ParamStore, origin: ChangeOrigin, channel: ClientChannel): void {
  const parsed = parseClientMessage(text);
  if (!parsed.ok) {
    channel.reply(errorMessage(ServerErrorCode.WsBadMessage, parsed.error));
    return;
  }
  const m = parsed.value;
  let failure: DetentError | undefined;
  switch (m.type) {
    case 'set': {
      const r = store.set(m.id, m.value, origin);
      if (!r.ok) failure = r.error;
      break;
    }
    case 'set-norm': {
      const n = maybeUnit(m.norm);
      const r = n === undefined ? undefined : store.setNorm(m.id, n, origin);
      if (r === undefined) failure = { code: ErrorCode.ParamOutOfRange, message: `${m.id}: norm ${m.norm} is outside 0..1` };
      else if (!r.ok) failure = r.error;
      break;
    }
    case 'meters-ack':
      channel.ackMeters();
      break;
    default:
      assertNever(m, 'client message');
  }
  if (failure !== undefined) channel.reply(errorMessage(failure.code, failure.message));
}
