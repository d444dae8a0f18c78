import { err, ok, type Result } from '../../../result.js';
import { crc16CcittFalse } from './crc16.js';

/**
 * Detent HR packets after SLIP decoding (firmware-profiles/detent-hr/PROTOCOL.md, "Packet
 * layout"): version, type, device id, sequence, payload, CRC-16/CCITT-FALSE little-endian.
 * The encoders are for tests, benchmarks and the fake knob box; they throw RangeError on values
 * the protocol cannot carry (a caller bug). To build a deliberately bad packet, use `sealPacket`.
 */

export const HR_VERSION = 0x01;
/** Packet type bytes (PROTOCOL.md). */
export const HR_TYPE = { values: 0x01, hello: 0x02, request: 0x10 } as const;
/** Value resolution range in bits, most entries per values packet, channel indexes 0..31, longest name. */
export const HR_MIN_BITS = 12;
export const HR_MAX_BITS = 16;
export const HR_MAX_ENTRIES = 32;
export const HR_CHANNELS = 32;
export const HR_MAX_NAME = 32;

/** Header (4) and CRC (2) bytes around every payload. */
const HEADER = 4;
const CRC = 2;

export interface HrEntry {
  readonly channel: number;
  readonly value: number;
}

export type HrPacket =
  | { readonly type: 'values'; readonly deviceId: number; readonly seq: number; readonly bits: number; readonly entries: readonly HrEntry[] }
  | { readonly type: 'hello'; readonly deviceId: number; readonly seq: number; readonly channels: number; readonly bits: number; readonly name: string }
  | { readonly type: 'request'; readonly deviceId: number; readonly seq: number }
  /** A type this host does not know, with a good CRC: counted, not used (PROTOCOL.md: room to grow). */
  | { readonly type: 'unknown'; readonly code: number; readonly deviceId: number; readonly seq: number };

/** `header` (version, type, id, seq, payload) with its CRC appended, little-endian. */
export function sealPacket(header: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(header.length + CRC);
  out.set(Array.from(header, (b) => b & 0xff));
  const crc = crc16CcittFalse(out, 0, header.length);
  out[header.length] = crc & 0xff;
  out[header.length + 1] = crc >> 8;
  return out;
}

export function encodeValues(p: { deviceId: number; seq: number; bits: number; entries: readonly HrEntry[] }): Uint8Array {
  checkByte('device id', p.deviceId);
  checkByte('sequence', p.seq);
  checkBits(p.bits);
  if (p.entries.length < 1 || p.entries.length > HR_MAX_ENTRIES) throw new RangeError(`values packet needs 1..${HR_MAX_ENTRIES} entries, got ${p.entries.length}`);
  const bytes = [HR_VERSION, HR_TYPE.values, p.deviceId, p.seq, p.bits, p.entries.length];
  for (const e of p.entries) {
    if (!Number.isInteger(e.channel) || e.channel < 0 || e.channel >= HR_CHANNELS) throw new RangeError(`channel ${e.channel} is not 0..${HR_CHANNELS - 1}`);
    if (!Number.isInteger(e.value) || e.value < 0 || e.value >= 2 ** p.bits) throw new RangeError(`value ${e.value} does not fit ${p.bits} bits`);
    bytes.push(e.channel, e.value & 0xff, e.value >> 8);
  }
  return sealPacket(bytes);
}

export function encodeHello(p: { deviceId: number; seq: number; channels: number; bits: number; name: string }): Uint8Array {
  checkByte('device id', p.deviceId);
  checkByte('sequence', p.seq);
  checkBits(p.bits);
  if (!Number.isInteger(p.channels) || p.channels < 0 || p.channels > HR_CHANNELS) throw new RangeError(`channel count ${p.channels} is not 0..${HR_CHANNELS}`);
  if (!/^[\x20-\x7e]*$/.test(p.name) || p.name.length > HR_MAX_NAME) throw new RangeError(`name must be printable ASCII, at most ${HR_MAX_NAME} bytes`);
  return sealPacket([HR_VERSION, HR_TYPE.hello, p.deviceId, p.seq, p.channels, p.bits, ...Array.from(p.name, (c) => c.charCodeAt(0))]);
}

/** The host's request (device id and sequence 0, no payload): `01 10 00 00` + CRC. */
export function encodeRequest(): Uint8Array {
  return sealPacket([HR_VERSION, HR_TYPE.request, 0, 0]);
}

/** A packet from its SLIP-decoded bytes, or why it is bad (checked in order: length, CRC, version, type's length and ranges). */
export function decodePacket(b: Uint8Array): Result<HrPacket, string> {
  if (b.length < HEADER + CRC) return err(`packet of ${b.length} bytes is shorter than ${HEADER + CRC}`);
  const n = b.length - CRC;
  const sent = (b[n] ?? 0) | ((b[n + 1] ?? 0) << 8);
  const crc = crc16CcittFalse(b, 0, n);
  if (sent !== crc) return err(`CRC ${hex4(sent)} does not match ${hex4(crc)}`);
  const [version = 0, code = 0, deviceId = 0, seq = 0] = b;
  if (version !== HR_VERSION) return err(`version ${version}, expected ${HR_VERSION}`);
  const payload = n - HEADER;
  switch (code) {
    case HR_TYPE.values: {
      const bits = b[4] ?? 0;
      const count = b[5] ?? 0;
      if (payload < 2 || payload !== 2 + 3 * count) return err(`values packet has ${payload} payload bytes, its count ${count} needs ${2 + 3 * count}`);
      if (bits < HR_MIN_BITS || bits > HR_MAX_BITS) return err(`values at ${bits} bits, expected ${HR_MIN_BITS}..${HR_MAX_BITS}`);
      if (count < 1 || count > HR_MAX_ENTRIES) return err(`values packet with ${count} entries, expected 1..${HR_MAX_ENTRIES}`);
      const entries: HrEntry[] = [];
      for (let i = 0; i < count; i++) {
        const at = 6 + 3 * i;
        const channel = b[at] ?? 0;
        const value = (b[at + 1] ?? 0) | ((b[at + 2] ?? 0) << 8);
        if (channel >= HR_CHANNELS) return err(`entry ${i}: channel ${channel} is not 0..${HR_CHANNELS - 1}`);
        if (value >= 2 ** bits) return err(`entry ${i}: value ${value} exceeds the ${bits}-bit maximum ${2 ** bits - 1}`);
        entries.push({ channel, value });
      }
      return ok({ type: 'values', deviceId, seq, bits, entries });
    }
    case HR_TYPE.hello: {
      if (payload < 2 || payload > 2 + HR_MAX_NAME) return err(`hello packet has ${payload} payload bytes, expected 2..${2 + HR_MAX_NAME}`);
      const channels = b[4] ?? 0;
      const bits = b[5] ?? 0;
      if (channels > HR_CHANNELS) return err(`hello with ${channels} channels, expected 0..${HR_CHANNELS}`);
      if (bits < HR_MIN_BITS || bits > HR_MAX_BITS) return err(`hello at ${bits} bits, expected ${HR_MIN_BITS}..${HR_MAX_BITS}`);
      return ok({ type: 'hello', deviceId, seq, channels, bits, name: String.fromCharCode(...b.subarray(6, n)) });
    }
    case HR_TYPE.request:
      if (payload !== 0) return err(`request packet has ${payload} payload bytes, expected 0`);
      return ok({ type: 'request', deviceId, seq });
    default:
      return ok({ type: 'unknown', code, deviceId, seq });
  }
}

function checkByte(what: string, v: number): void {
  if (!Number.isInteger(v) || v < 0 || v > 255) throw new RangeError(`${what} ${v} is not 0..255`);
}

function checkBits(bits: number): void {
  if (!Number.isInteger(bits) || bits < HR_MIN_BITS || bits > HR_MAX_BITS) throw new RangeError(`bits ${bits} is not ${HR_MIN_BITS}..${HR_MAX_BITS}`);
}

const hex4 = (v: number): string => `0x${v.toString(16).padStart(4, '0').toUpperCase()}`;
