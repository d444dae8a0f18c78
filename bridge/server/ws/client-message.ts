/** Parses and validates one client text frame into a ClientMessage, or says what is wrong with it. */
import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { err, ok, type Result } from '../../core/result.js';
import type { ClientMessage } from '../messages.js';

const schemas = {
  set: Type.Object({ type: Type.Literal('set'), id: Type.String(), value: Type.Number() }, { additionalProperties: false }),
  'set-norm': Type.Object(
    { type: Type.Literal('set-norm'), id: Type.String(), norm: Type.Number() },
    { additionalProperties: false },
  ),
  'meters-ack': Type.Object({ type: Type.Literal('meters-ack') }, { additionalProperties: false }),
} as const;

type Kind = keyof typeof schemas;
const checkers = {
  set: TypeCompiler.Compile(schemas.set),
  'set-norm': TypeCompiler.Compile(schemas['set-norm']),
  'meters-ack': TypeCompiler.Compile(schemas['meters-ack']),
};
const kinds = Object.keys(schemas) as Kind[];
const isKind = (t: unknown): t is Kind => typeof t === 'string' && (kinds as string[]).includes(t);

/** Frames above this size are refused by the socket itself (ws maxPayload). */
export const MAX_CLIENT_FRAME_BYTES = 64 * 1024;

export function parseClientMessage(text: string): Result<ClientMessage, string> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return err('message is not JSON');
  }
  const type = typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : undefined;
  if (!isKind(type)) {
    return err(`unknown message type ${JSON.stringify(type ?? null)}; expected one of ${kinds.join(', ')}`);
  }
  const checker = checkers[type];
  if (checker.Check(data)) return ok(data);
  const first = checker.Errors(data).First();
  const where = first === undefined || first.path === '' ? '' : ` at ${first.path}`;
  return err(`invalid '${type}' message${where}: ${first?.message ?? 'does not match its schema'}`);
}
