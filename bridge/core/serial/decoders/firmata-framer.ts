import { assertNever } from '../../assert-never.js';

/**
 * Byte framing of the Firmata protocol (github.com/firmata/protocol, protocol.md, "Message
 * Types"): MIDI-style messages, a status byte (bit 7 set) then a fixed number of 7-bit data bytes,
 * no running status; SysEx `F0 <id> <7-bit payload> F7` carries the extended commands.
 */
export const SYSEX_START = 0xf0;
export const SYSEX_END = 0xf7;

/** Longest SysEx body (bytes between F0 and F7) kept; StandardFirmata's own buffer is 64. */
export const FIRMATA_SYSEX_LIMIT = 1024;

/** Data bytes after each status the protocol defines (protocol.md, "Message Types"); undefined: not Firmata. */
export function dataLength(status: number): number | undefined {
  switch (status & 0xf0) {
    case 0x90: // digital I/O message: port, LSB, MSB
    case 0xe0: // analog I/O message: channel, LSB, MSB
      return 2;
    case 0xc0: // report analog pin (host → board)
    case 0xd0: // report digital port (host → board)
      return 1;
    default:
  }
  switch (status) {
    case 0xf4: // set pin mode
    case 0xf5: // set digital pin value
    case 0xf9: // protocol version: major, minor
      return 2;
    case 0xff: // system reset
      return 0;
    default:
      return undefined;
  }
}

/** One framed message (`data`: the 7-bit bytes after the status), a SysEx body (without F0 and F7), or bytes that were not Firmata; `offset`: stream offset where it began. */
export type FirmataItem =
  | { readonly kind: 'message'; readonly status: number; readonly data: readonly number[]; readonly offset: number }
  | { readonly kind: 'sysex'; readonly body: readonly number[]; readonly offset: number }
  | { readonly kind: 'bad'; readonly offset: number; readonly reason: string };

type State =
  | { readonly kind: 'idle' }
  /** After a bad byte: data bytes are dropped silently until the next status byte (resync). */
  | { readonly kind: 'skip' }
  | { readonly kind: 'message'; readonly status: number; readonly need: number; readonly data: number[]; readonly start: number }
  /** `overflow`: past the limit, already reported; the rest is dropped up to F7. */
  | { readonly kind: 'sysex'; readonly body: number[]; readonly start: number; overflow: boolean };

/**
 * Streaming Firmata framer. Errors, each one `bad` item, then resync on the next status byte: a
 * data byte where a status byte belongs (once per run), an unknown status, a message or SysEx cut
 * short by a status byte, a SysEx longer than FIRMATA_SYSEX_LIMIT.
 */
export class FirmataFramer {
  private offset = 0;
  private state: State = { kind: 'idle' };

  reset(): void {
    this.offset = 0;
    this.state = { kind: 'idle' };
  }

  push(bytes: Uint8Array): FirmataItem[] {
    const out: FirmataItem[] = [];
    for (const b of bytes) this.byte(b, this.offset++, out);
    return out;
  }

  private byte(b: number, at: number, out: FirmataItem[]): void {
    const s = this.state;
    if (b < 0x80) {
      switch (s.kind) {
        case 'idle':
          out.push({ kind: 'bad', offset: at, reason: `data byte ${hex(b)} where a status byte was expected` });
          this.state = { kind: 'skip' };
          return;
        case 'skip':
          return;
        case 'message':
          s.data.push(b);
          if (s.data.length === s.need) this.done({ kind: 'message', status: s.status, data: s.data, offset: s.start }, out);
          return;
        case 'sysex':
          if (s.overflow) return;
          if (s.body.length >= FIRMATA_SYSEX_LIMIT) {
            s.overflow = true;
            out.push({ kind: 'bad', offset: s.start, reason: `SysEx longer than ${FIRMATA_SYSEX_LIMIT} bytes` });
            return;
          }
          s.body.push(b);
          return;
        default:
          return assertNever(s, 'framer state');
      }
    }
    if (s.kind === 'sysex') {
      if (b === SYSEX_END) {
        if (s.overflow) this.state = { kind: 'idle' };
        else this.done({ kind: 'sysex', body: s.body, offset: s.start }, out);
        return;
      }
      if (!s.overflow) out.push({ kind: 'bad', offset: s.start, reason: `SysEx cut short by status byte ${hex(b)}` });
    } else if (s.kind === 'message') out.push({ kind: 'bad', offset: s.start, reason: `message ${hex(s.status)} cut short by status byte ${hex(b)}` });
    this.status(b, at, out);
  }

  private status(b: number, at: number, out: FirmataItem[]): void {
    if (b === SYSEX_START) {
      this.state = { kind: 'sysex', body: [], start: at, overflow: false };
      return;
    }
    const need = dataLength(b);
    if (need === undefined) {
      out.push({ kind: 'bad', offset: at, reason: `unknown status byte ${hex(b)}` });
      this.state = { kind: 'skip' };
      return;
    }
    this.state = { kind: 'message', status: b, need, data: [], start: at };
    if (need === 0) this.done({ kind: 'message', status: b, data: [], offset: at }, out);
  }

  private done(item: FirmataItem, out: FirmataItem[]): void {
    out.push(item);
    this.state = { kind: 'idle' };
  }
}

export const hex = (b: number): string => `0x${b.toString(16).padStart(2, '0').toUpperCase()}`;

