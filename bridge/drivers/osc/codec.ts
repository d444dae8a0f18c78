import osc, { type OscMetaItem, type OscPacket } from 'osc';
import type { OscArg } from '../../core/input.js';
import { err, ok, type Result } from '../../core/result.js';

/** One decoded OSC message (bundles are flattened in order). */
export interface DecodedMessage {
  readonly address: string;
  readonly args: readonly OscArg[];
}

/** Largest bundle nesting accepted; deeper packets are malformed (a stack guard, OSC sets none). */
const MAX_BUNDLE_DEPTH = 8;

/**
 * Decodes one datagram (OSC 1.0: a message, or a `#bundle` with a time tag and elements).
 * Bundle time tags are not scheduled: elements apply on arrival, as OSC 1.0 prescribes for late
 * bundles and as control surfaces expect. A malformed datagram yields a message saying why and
 * showing its first bytes; it never throws.
 */
export function decodePacket(data: Uint8Array): Result<DecodedMessage[], string> {
  let packet: OscPacket;
  try {
    packet = osc.readPacket(whole(data), { metadata: true });
  } catch (e) {
    return err(`malformed OSC packet (${data.length} bytes, starts ${hexHead(data)}): ${(e as Error).message}`);
  }
  const out: DecodedMessage[] = [];
  const problem = flatten(packet, 0, out);
  return problem === undefined ? ok(out) : err(`${problem} (${data.length} bytes, starts ${hexHead(data)})`);
}

/**
 * `data`, or a copy of it when it is a view into a larger buffer: osc.js reads blob (`b`), MIDI
 * (`m`) and colour (`r`) arguments as `new Uint8Array(dv.buffer, idx, len)`, ignoring the view's
 * byteOffset, so on a view a truncated argument would read the bytes around it instead of failing.
 * (`new Uint8Array(view)` copies; a Buffer's `slice` would not.)
 */
function whole(data: Uint8Array): Uint8Array {
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : new Uint8Array(data);
}

function flatten(p: OscPacket, depth: number, out: DecodedMessage[]): string | undefined {
  if ('address' in p) {
    if (typeof p.address !== 'string' || !p.address.startsWith('/')) return `OSC address must start with '/', got '${String(p.address)}'`;
    out.push({ address: p.address, args: p.args.map(toArg) });
    return undefined;
  }
  if (depth >= MAX_BUNDLE_DEPTH) return `OSC bundle nested deeper than ${MAX_BUNDLE_DEPTH}`;
  for (const inner of p.packets) {
    const problem = flatten(inner, depth + 1, out);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function toArg(a: OscMetaItem): OscArg {
  // An OSC array is never a control value: kept as 'other', tagged as written (`[ff]`) for reports.
  if (Array.isArray(a)) return { type: 'other', tag: arrayTag(a) };
  switch (a.type) {
    case 'f':
    case 'd':
    case 'i':
      return { type: a.type, value: Number(a.value) };
    case 'T':
    case 'F':
      return { type: a.type };
    case 's':
      return { type: 's', value: String(a.value) };
    default:
      return { type: 'other', tag: a.type };
  }
}

/** An array's type tags in OSC notation, brackets included: `[ff]`, `[]`. */
function arrayTag(items: readonly OscMetaItem[]): string {
  return `[${items.map((i) => (Array.isArray(i) ? arrayTag(i) : i.type)).join('')}]`;
}

/** Encodes one message with a float32 argument (the type every OSC surface reads). */
export function encodeFloatMessage(address: string, value: number): Uint8Array {
  return osc.writePacket({ address, args: [{ type: 'f', value }] }, { metadata: true });
}

/** Encodes one message with a float32 or a string argument (text labels). */
export function encodeMessage(address: string, value: number | string): Uint8Array {
  return typeof value === 'string' ? osc.writePacket({ address, args: [{ type: 's', value }] }, { metadata: true }) : encodeFloatMessage(address, value);
}

const hexHead = (data: Uint8Array): string =>
  Buffer.from(data.subarray(0, 16)).toString('hex').replace(/(..)/g, '$1 ').trim() + (data.length > 16 ? ' …' : '');
