import { err, ok, type Result } from '../../result.js';
import { SYSEX_END, SYSEX_START } from './firmata-framer.js';

/**
 * The Firmata SysEx commands and queries the knob-box decoder uses (github.com/firmata/protocol,
 * protocol.md, "Sysex Message Format" and the sections it names).
 */
export const SYSEX_ID = {
  analogMappingQuery: 0x69,
  analogMappingResponse: 0x6a,
  capabilityQuery: 0x6b,
  capabilityResponse: 0x6c,
  extendedAnalog: 0x6f,
  stringData: 0x71,
  reportFirmware: 0x79,
  samplingInterval: 0x7a,
} as const;

/** REPORT_VERSION (0xF9): the board's protocol version; sent alone, it asks for one (protocol.md, "Request version report"). */
export const REPORT_VERSION = 0xf9;
/** Capability response mode ANALOG_INPUT, followed by its resolution in bits (protocol.md, "Capability Query"). */
const MODE_ANALOG = 0x02;
/** Separator after each pin's modes (capability response); "not analog" (analog mapping response). */
const NONE = 0x7f;

export const versionQuery = (): Uint8Array => Uint8Array.of(REPORT_VERSION);
export const capabilityQuery = (): Uint8Array => Uint8Array.of(SYSEX_START, SYSEX_ID.capabilityQuery, SYSEX_END);
export const analogMappingQuery = (): Uint8Array => Uint8Array.of(SYSEX_START, SYSEX_ID.analogMappingQuery, SYSEX_END);

/** SAMPLING_INTERVAL `F0 7A lsb7 msb7 F7`, ms clamped to what 14 bits carry (1..16383). */
export function samplingInterval(ms: number): Uint8Array {
  const v = Math.min(0x3fff, Math.max(1, Math.round(ms)));
  return Uint8Array.of(SYSEX_START, SYSEX_ID.samplingInterval, v & 0x7f, v >> 7, SYSEX_END);
}

/** Toggle analogIn reporting `0xC0|channel, 1` (protocol.md; only channels 0..15 fit the status nibble). */
export const reportAnalog = (channel: number): Uint8Array => Uint8Array.of(0xc0 | (channel & 0x0f), 1);

/** ANALOG_MAPPING_RESPONSE body after its id: one byte per pin, 0x7F not analog, else its analog channel. Returns pin → channel. */
export function parseAnalogMapping(payload: readonly number[]): Map<number, number> {
  const map = new Map<number, number>();
  payload.forEach((ch, pin) => {
    if (ch !== NONE) map.set(pin, ch);
  });
  return map;
}

/**
 * CAPABILITY_RESPONSE body after its id: per pin, (mode, resolution) pairs then 0x7F. Returns
 * pin → ANALOG_INPUT resolution in bits (only plausible 1..16), or why the body is malformed.
 */
export function parseCapabilities(payload: readonly number[]): Result<Map<number, number>, string> {
  const bits = new Map<number, number>();
  let pin = 0;
  for (let i = 0; i < payload.length; ) {
    const mode = payload[i] as number;
    if (mode === NONE) {
      pin++;
      i++;
      continue;
    }
    const res = payload[i + 1];
    if (res === undefined) return err(`capability response: pin ${pin} mode ${mode} has no resolution byte`);
    if (mode === MODE_ANALOG && res >= 1 && res <= 16) bits.set(pin, res);
    i += 2;
  }
  return ok(bits);
}

/** REPORT_FIRMWARE body after its id: major, minor, name as 7-bit LSB/MSB pairs. Non-printable chars become `?`. */
export function parseFirmware(payload: readonly number[]): Result<{ major: number; minor: number; name: string }, string> {
  const [major, minor] = payload;
  if (major === undefined || minor === undefined) return err('firmware report without its version');
  let name = '';
  for (let i = 2; i + 1 < payload.length; i += 2) {
    const c = (payload[i] as number) | ((payload[i + 1] as number) << 7);
    name += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '?';
  }
  return ok({ major, minor, name });
}

/**
 * EXTENDED_ANALOG body after its id: pin, then the value in 7-bit groups, least significant first
 * (protocol.md, "Extended Analog"). At most 4 groups (28 bits) are taken as a value.
 */
export function parseExtendedAnalog(payload: readonly number[]): Result<{ pin: number; value: number; groups: number }, string> {
  const [pin, ...groups] = payload;
  if (pin === undefined || groups.length === 0) return err('extended analog message without a value');
  if (groups.length > 4) return err(`extended analog value of ${groups.length} 7-bit groups is too wide`);
  const value = groups.reduceRight((v, g) => v * 128 + g, 0);
  return ok({ pin, value, groups: groups.length });
}
