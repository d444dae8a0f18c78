import { STATUS, SYSEX_END, SYSEX_START, type MidiOut } from './wire.js';
import type { MidiMessage } from '../input.js';

/**
 * What the byte parser yields: a channel message, a complete SysEx body, a system real-time byte
 * (0xF8..0xFF, clock/start/stop/active sensing/reset) or a system common message (MTC quarter
 * frame, song position, song select, tune request), which Detent does not use but reports.
 */
export type ParsedMidi =
  | { readonly kind: 'message'; readonly message: MidiOut }
  | { readonly kind: 'realtime'; readonly status: number }
  | { readonly kind: 'common'; readonly status: number; readonly data: readonly number[] };

/** Counters a parser keeps (the devices page shows them). */
export interface ParserCounters {
  /** Data bytes with no status to attach to (garbage, or a stream joined mid-message). */
  strayData: number;
  /** Messages cut short by a new status byte (their bytes are dropped). */
  truncated: number;
  /** SysEx messages dropped for exceeding the size limit. */
  sysexOverflow: number;
}

/** Data bytes that follow each channel status nibble (MIDI 1.0 spec, table I). */
const channelLength = (status: number): number => ((status & 0xf0) === STATUS.program || (status & 0xf0) === STATUS.channelPressure ? 1 : 2);

/** Data bytes after system common statuses: F1 MTC quarter frame 1, F2 song position 2, F3 song select 1, F6 tune request 0. */
const COMMON_LENGTH: Readonly<Record<number, number>> = { 0xf1: 1, 0xf2: 2, 0xf3: 1, 0xf6: 0 };

/** Default SysEx size limit in body bytes: a Mackie LCD line is 64; 4 KiB leaves room for any display. */
export const DEFAULT_SYSEX_LIMIT = 4096;

/**
 * A pure, incremental MIDI 1.0 byte-stream parser (for MIDI over serial and for tests): running
 * status for channel messages, real-time bytes yielded wherever they appear (also inside a SysEx
 * or between a message's data bytes, without disturbing it), SysEx reassembled across chunks up to
 * `sysexLimit` body bytes (longer ones are dropped whole), and resync after garbage: data bytes
 * with no status are skipped until the next status byte. Never throws; any byte values are fine
 * (values above 255 are taken modulo 256).
 */
export class MidiParser {
  readonly counters: ParserCounters = { strayData: 0, truncated: 0, sysexOverflow: 0 };
  /** Running status (a channel status), or 0 when none applies. */
  private running = 0;
  /** The status of the message being assembled (channel, common or F0), or 0. */
  private status = 0;
  private data: number[] = [];
  private sysex: number[] | null = null;
  private sysexDropping = false;

  constructor(private readonly sysexLimit = DEFAULT_SYSEX_LIMIT) {}

  /** Feeds bytes; returns every message they complete, in order. */
  push(bytes: ArrayLike<number>): ParsedMidi[] {
    const out: ParsedMidi[] = [];
    for (let i = 0; i < bytes.length; i++) this.byte((bytes[i] ?? 0) & 0xff, out);
    return out;
  }

  private byte(b: number, out: ParsedMidi[]): void {
    if (b >= 0xf8) {
      // System real-time: one byte, may appear anywhere, changes no state (MIDI 1.0 spec, "Real Time").
      out.push({ kind: 'realtime', status: b });
      return;
    }
    if (b >= 0x80) return this.statusByte(b, out);
    if (this.sysex !== null || this.sysexDropping) return this.sysexByte(b);
    if (this.status === 0) {
      if (this.running === 0) {
        this.counters.strayData++;
        return;
      }
      this.status = this.running;
    }
    this.data.push(b);
    const need = this.status < 0xf0 ? channelLength(this.status) : (COMMON_LENGTH[this.status] ?? 0);
    if (this.data.length === need) this.complete(out);
  }

  private statusByte(b: number, out: ParsedMidi[]): void {
    if (b === SYSEX_END) {
      if (this.sysex !== null) out.push({ kind: 'message', message: { type: 'sysex', body: this.sysex } });
      this.sysex = null;
      this.sysexDropping = false;
      this.status = 0;
      return;
    }
    if (this.sysex !== null || this.sysexDropping) {
      // A status byte ends an unterminated SysEx (spec: any status but real-time terminates it): dropped.
      this.counters.truncated++;
      this.sysex = null;
      this.sysexDropping = false;
    } else if (this.status !== 0 && this.data.length > 0) this.counters.truncated++;
    this.data = [];
    this.status = 0;
    if (b === SYSEX_START) {
      this.running = 0;
      this.sysex = [];
      return;
    }
    if (b >= 0xf0) {
      // System common cancels running status (MIDI 1.0 spec, "Running Status").
      this.running = 0;
      if (COMMON_LENGTH[b] === undefined) return; // F4, F5: undefined, ignored
      this.status = b;
      if (COMMON_LENGTH[b] === 0) this.complete(out);
      return;
    }
    this.running = b;
    this.status = b;
  }

  private sysexByte(b: number): void {
    if (this.sysex === null) return;
    if (this.sysex.length >= this.sysexLimit) {
      this.counters.sysexOverflow++;
      this.sysex = null;
      this.sysexDropping = true;
      return;
    }
    this.sysex.push(b);
  }

  private complete(out: ParsedMidi[]): void {
    const s = this.status;
    const d = this.data;
    this.data = [];
    this.status = 0;
    if (s >= 0xf0) out.push({ kind: 'common', status: s, data: d });
    else out.push({ kind: 'message', message: channelMessage(s, d[0] ?? 0, d[1] ?? 0) });
  }
}

/** One channel voice message from its status and data bytes; note-on velocity 0 stays a note-on (decoders treat it as a release). */
export function channelMessage(status: number, a: number, b: number): MidiMessage {
  const channel = status & 0x0f;
  switch (status & 0xf0) {
    case STATUS.noteoff:
      return { type: 'noteoff', channel, note: a, velocity: b };
    case STATUS.noteon:
      return { type: 'noteon', channel, note: a, velocity: b };
    case STATUS.polyPressure:
      return { type: 'poly-pressure', channel, note: a, value: b };
    case STATUS.cc:
      return { type: 'cc', channel, controller: a, value: b };
    case STATUS.program:
      return { type: 'program', channel, number: a };
    case STATUS.channelPressure:
      return { type: 'channel-pressure', channel, value: a };
    default:
      // 0xE0: pitch bend, LSB first (MIDI 1.0 spec, "Pitch Bend Change").
      return { type: 'pitchbend', channel, value: a | (b << 7) };
  }
}
