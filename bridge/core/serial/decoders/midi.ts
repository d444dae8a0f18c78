import { assertNever } from '../../assert-never.js';
import { MidiParser, type ParsedMidi } from '../../midi/parser.js';
import { NOTHING, type DecodeEvent, type DecodeResult, type SerialDecoder } from '../decoder.js';

/**
 * MIDI bytes over a serial port (the Hairless MIDI convention: raw MIDI 1.0 bytes at 115200 baud,
 * e.g. an Arduino sketch with the MIDI library on `Serial`), through the core MIDI byte parser.
 * Every parsed message (channel, SysEx, system common, real-time) is one `frame`; channels:
 *   CC                → `cc/<channel 1-16>/<controller>`, raw 0..127, bits 7
 *   pitch bend        → `pb/<channel 1-16>`, raw 0..16383, bits 14
 *   note on / off     → `note/<channel 1-16>/<note>`, raw 1 (note on, velocity > 0) or 0, bits 1
 * The parser's counters are its error reports: stray data bytes (one `bad-frame` per run of them),
 * messages cut short by a status byte and over-long SysEx (one `bad-frame` each, at the offset
 * where the message started). One-way: nothing is written.
 */
export class MidiSerialDecoder implements SerialDecoder {
  private parser = new MidiParser();
  /** Stream offset of the next byte, from reset. */
  private offset = 0;
  /** Offset where the message being assembled began (a status byte, or the first data byte under running status). */
  private start: number | null = null;
  /** Inside a run of stray data bytes (already reported once). */
  private stray = false;
  /** An over-long SysEx was reported and the parser drops its rest: its end is not a second error. */
  private dropping = false;

  reset(_now: number): DecodeResult {
    this.parser = new MidiParser();
    this.offset = 0;
    this.start = null;
    this.stray = false;
    this.dropping = false;
    return NOTHING;
  }

  push(bytes: Uint8Array, _now: number): DecodeResult {
    const events: DecodeEvent[] = [];
    const c = this.parser.counters;
    const one = new Uint8Array(1);
    for (const b of bytes) {
      const at = this.offset++;
      const strayBefore = c.strayData;
      const truncatedBefore = c.truncated;
      const overflowBefore = c.sysexOverflow;
      one[0] = b;
      const parsed = this.parser.push(one);
      if (c.strayData > strayBefore) {
        if (!this.stray) events.push({ kind: 'bad-frame', offset: at, reason: `data byte ${hex(b)} with no status byte before it` });
        this.stray = true;
        continue;
      }
      if (b < 0xf8) this.stray = false;
      if (c.truncated > truncatedBefore && !this.dropping)
        events.push({ kind: 'bad-frame', offset: this.start ?? at, reason: `message cut short by status byte ${hex(b)}` });
      if (c.sysexOverflow > overflowBefore) {
        events.push({ kind: 'bad-frame', offset: this.start ?? at, reason: 'SysEx longer than the parser limit; dropped' });
        this.start = null;
        this.dropping = true;
      } else if (b >= 0x80 && b < 0xf8) this.dropping = false;
      // Real-time bytes (F8..FF) may sit inside a message and start nothing (MIDI 1.0 spec, "Real Time").
      if (b >= 0x80 && b < 0xf8) this.start = b === 0xf7 ? null : at;
      else if (b < 0x80 && this.start === null) this.start = at;
      for (const p of parsed) {
        if (p.kind !== 'realtime') this.start = null;
        events.push({ kind: 'frame' }, ...readings(p));
      }
    }
    return events.length > 0 ? { events, writes: [] } : NOTHING;
  }

  nextDeadline(): number | undefined {
    return undefined;
  }

  tick(_now: number): DecodeResult {
    return NOTHING;
  }
}

/** The readings a parsed item carries (none for most). */
function readings(p: ParsedMidi): DecodeEvent[] {
  switch (p.kind) {
    case 'realtime':
    case 'common':
      return [];
    case 'message': {
      const m = p.message;
      switch (m.type) {
        case 'cc':
          return [{ kind: 'reading', channel: `cc/${m.channel + 1}/${m.controller}`, raw: m.value, bits: 7 }];
        case 'pitchbend':
          return [{ kind: 'reading', channel: `pb/${m.channel + 1}`, raw: m.value, bits: 14 }];
        case 'noteon':
        case 'noteoff': {
          const raw = m.type === 'noteon' && m.velocity > 0 ? 1 : 0;
          return [{ kind: 'reading', channel: `note/${m.channel + 1}/${m.note}`, raw, bits: 1 }];
        }
        case 'program':
        case 'channel-pressure':
        case 'poly-pressure':
        case 'sysex':
          return [];
        default:
          return assertNever(m, 'MIDI message');
      }
    }
    default:
      return assertNever(p, 'parsed MIDI');
  }
}

const hex = (b: number): string => `0x${b.toString(16).padStart(2, '0').toUpperCase()}`;
