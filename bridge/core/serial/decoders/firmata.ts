import { assertNever } from '../../assert-never.js';
import { NOTHING, type DecodeEvent, type DecodeResult, type SerialDecoder } from '../decoder.js';
import { FirmataFramer, type FirmataItem } from './firmata-framer.js';
import * as sx from './firmata-sysex.js';

/** How long (ms) to wait for a version report before asking, between asks, and for the analog mapping. */
export const FIRMATA_TIMEOUT_MS = 2000;
/** Analog channels enabled when the board never answers the analog mapping query (an Uno's A0..A5). */
export const FALLBACK_CHANNELS = [0, 1, 2, 3, 4, 5] as const;
/** ADC bits when the capability response names none (StandardFirmata on AVR: 10). */
const DEFAULT_BITS = 10;

type Phase =
  /** No version report yet: at `deadline` ask for one (0xF9) and again every FIRMATA_TIMEOUT_MS. */
  | { readonly kind: 'version'; readonly deadline: number }
  /** Queries sent: at `deadline` without an analog mapping response, enable FALLBACK_CHANNELS. */
  | { readonly kind: 'mapping'; readonly deadline: number }
  | { readonly kind: 'running' };

/**
 * StandardFirmata (Firmata protocol 2.x, github.com/firmata/protocol protocol.md; 57600 baud).
 * Handshake: after reset nothing is sent, since an Uno resets when the port opens and sends
 * REPORT_VERSION (F9 maj min) and REPORT_FIRMWARE at boot; without either within 2 s the decoder
 * sends a version query (F9) and repeats it every 2 s. On a version report (every one: the board
 * may have rebooted) or a first firmware report it writes, one write each: capability query
 * (F0 6B F7), analog mapping query (F0 69 F7), sampling interval (F0 7A lsb msb F7); on the mapping
 * response, report analog (C0|ch 01) for each analog channel 0..15, or for A0..A5 after 2 s of silence.
 * Readings: analog message E0|ch LSB MSB → `A<ch>`; extended analog SysEx → `A<channel of that
 * pin>` (the number itself when the mapping has no such pin: FirmataMarshaller::sendAnalog puts
 * the analog channel there). bits: the pin's ANALOG_INPUT resolution from the capability response,
 * else 10 (14 for an extended value of 3+ groups). A value not below 2^bits is a bad frame.
 */
export class FirmataDecoder implements SerialDecoder {
  private readonly framer = new FirmataFramer();
  private phase: Phase = { kind: 'version', deadline: FIRMATA_TIMEOUT_MS };
  private version: string | undefined;
  /** pin → analog channel (analog mapping response); pin → ANALOG_INPUT bits (capability response). */
  private channelOf = new Map<number, number>();
  private bitsOfPin = new Map<number, number>();
  /** analog channel → ANALOG_INPUT bits, from the two maps above (rebuilt when either response arrives). */
  private bitsOfChannel = new Map<number, number>();

  /** `samplingIntervalMs`: analog report interval sent with SAMPLING_INTERVAL (StandardFirmata default 19). */
  constructor(private readonly samplingIntervalMs: number) {}

  reset(now: number): DecodeResult {
    this.framer.reset();
    this.phase = { kind: 'version', deadline: now + FIRMATA_TIMEOUT_MS };
    this.version = undefined;
    this.channelOf = new Map();
    this.bitsOfPin = new Map();
    this.bitsOfChannel = new Map();
    return NOTHING;
  }

  push(bytes: Uint8Array, now: number): DecodeResult {
    const events: DecodeEvent[] = [];
    const writes: Uint8Array[] = [];
    for (const item of this.framer.push(bytes)) this.item(item, now, events, writes);
    return events.length > 0 || writes.length > 0 ? { events, writes } : NOTHING;
  }

  nextDeadline(): number | undefined {
    return this.phase.kind === 'running' ? undefined : this.phase.deadline;
  }

  tick(now: number): DecodeResult {
    const p = this.phase;
    switch (p.kind) {
      case 'version':
        if (now < p.deadline) return NOTHING;
        this.phase = { kind: 'version', deadline: now + FIRMATA_TIMEOUT_MS };
        return { events: [], writes: [sx.versionQuery()] };
      case 'mapping':
        if (now < p.deadline) return NOTHING;
        this.phase = { kind: 'running' };
        return { events: [], writes: FALLBACK_CHANNELS.map(sx.reportAnalog) };
      case 'running':
        return NOTHING;
      default:
        return assertNever(p, 'Firmata phase');
    }
  }

  private item(item: FirmataItem, now: number, events: DecodeEvent[], writes: Uint8Array[]): void {
    switch (item.kind) {
      case 'bad':
        events.push({ kind: 'bad-frame', offset: item.offset, reason: item.reason });
        return;
      case 'message':
        return this.message(item.status, item.data, item.offset, now, events, writes);
      case 'sysex':
        return this.sysex(item.body, item.offset, now, events, writes);
      default:
        return assertNever(item, 'Firmata item');
    }
  }

  private message(status: number, data: readonly number[], offset: number, now: number, events: DecodeEvent[], writes: Uint8Array[]): void {
    const [a = 0, b = 0] = data;
    if ((status & 0xf0) === 0xe0) return this.reading(status & 0x0f, a | (b << 7), undefined, offset, events);
    events.push({ kind: 'frame' });
    if (status !== sx.REPORT_VERSION) return;
    this.version = `${a}.${b}`;
    events.push({ kind: 'identified', what: `Firmata ${this.version}` });
    this.configure(now, writes);
  }

  private sysex(body: readonly number[], offset: number, now: number, events: DecodeEvent[], writes: Uint8Array[]): void {
    const [id, ...payload] = body;
    const bad = (reason: string): void => void events.push({ kind: 'bad-frame', offset, reason });
    switch (id) {
      case sx.SYSEX_ID.extendedAnalog: {
        const r = sx.parseExtendedAnalog(payload);
        if (!r.ok) return bad(r.error);
        return this.reading(this.channelOf.get(r.value.pin) ?? r.value.pin, r.value.value, r.value.groups, offset, events);
      }
      case sx.SYSEX_ID.reportFirmware: {
        const r = sx.parseFirmware(payload);
        if (!r.ok) return bad(r.error);
        const fw = `${r.value.name} ${r.value.major}.${r.value.minor}`;
        events.push({ kind: 'frame' }, { kind: 'identified', what: this.version === undefined ? fw : `Firmata ${this.version}, ${fw}` });
        if (this.phase.kind === 'version') this.configure(now, writes);
        return;
      }
      case sx.SYSEX_ID.capabilityResponse: {
        const r = sx.parseCapabilities(payload);
        if (!r.ok) return bad(r.error);
        this.bitsOfPin = r.value;
        this.rebuildBits();
        events.push({ kind: 'frame' });
        return;
      }
      case sx.SYSEX_ID.analogMappingResponse:
        this.channelOf = sx.parseAnalogMapping(payload);
        this.rebuildBits();
        events.push({ kind: 'frame' });
        if (this.phase.kind === 'version') return;
        this.phase = { kind: 'running' };
        for (const ch of [...new Set(this.channelOf.values())].filter((c) => c <= 15).sort((x, y) => x - y)) writes.push(sx.reportAnalog(ch));
        return;
      case undefined:
        return bad('empty SysEx');
      default:
        // STRING_DATA, pin state responses and the like: complete, valid, not readings.
        events.push({ kind: 'frame' });
    }
  }

  /** `groups`: 7-bit groups of an extended analog value, undefined for an analog message. */
  private reading(channel: number, raw: number, groups: number | undefined, offset: number, events: DecodeEvent[]): void {
    const bits = this.bitsOfChannel.get(channel) ?? (groups !== undefined && groups > 2 ? 14 : DEFAULT_BITS);
    if (raw >= 2 ** bits) {
      events.push({ kind: 'bad-frame', offset, reason: `A${channel} value ${raw} exceeds the ${bits}-bit maximum ${2 ** bits - 1}` });
      return;
    }
    events.push({ kind: 'frame' }, { kind: 'reading', channel: `A${channel}`, raw, bits });
  }

  /** Each analog channel's ANALOG_INPUT resolution, where both responses name its pin. */
  private rebuildBits(): void {
    this.bitsOfChannel = new Map();
    for (const [pin, ch] of this.channelOf) {
      const bits = this.bitsOfPin.get(pin);
      if (bits !== undefined) this.bitsOfChannel.set(ch, bits);
    }
  }

  private configure(now: number, writes: Uint8Array[]): void {
    writes.push(sx.capabilityQuery(), sx.analogMappingQuery(), sx.samplingInterval(this.samplingIntervalMs));
    this.phase = { kind: 'mapping', deadline: now + FIRMATA_TIMEOUT_MS };
  }
}
