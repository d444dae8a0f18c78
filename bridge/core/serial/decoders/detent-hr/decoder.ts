import { assertNever } from '../../../assert-never.js';
import { NOTHING, type DecodeEvent, type DecodeResult, type SerialDecoder } from '../../decoder.js';
import { decodePacket, encodeRequest, type HrPacket } from './packet.js';
import { slipEncode, SlipDecoder } from './slip.js';

/**
 * Detent HR receiver (firmware-profiles/detent-hr/PROTOCOL.md, "Receiver rules"):
 * - reset() writes one SLIP-framed request (`C0 01 10 00 00 <crc> C0`) so a native-USB board
 *   that did not reset on open answers with a hello and all its values;
 * - values → `frame` and one `reading` per entry, channel `"0"`..`"31"`, bits from the packet;
 * - hello → `frame` and `identified` (`detent-hr device 7 "knobs", 8 channels, 12 bits`), and the
 *   hello's sequence becomes the reference (the device restarted);
 * - any other device packet: a sequence not previous + 1 (mod 256) → `lost` with the gap; the
 *   first packet after reset sets the reference;
 * - bad SLIP, CRC, version, length or range → one `bad-frame` at the frame's first byte, nothing used;
 * - unknown types with a good CRC → `frame` only (they still count for the sequence);
 * - a request packet (host → device; seen only on a loopback) → `frame` only, no sequence.
 */
export class DetentHrDecoder implements SerialDecoder {
  private readonly slip = new SlipDecoder();
  /** Sequence of the last packet the device sent, or undefined before the first one. */
  private seq: number | undefined;

  reset(_now: number): DecodeResult {
    this.slip.reset();
    this.seq = undefined;
    return { events: [], writes: [slipEncode(encodeRequest())] };
  }

  push(bytes: Uint8Array, _now: number): DecodeResult {
    const events: DecodeEvent[] = [];
    for (const item of this.slip.push(bytes)) {
      switch (item.kind) {
        case 'bad':
          events.push({ kind: 'bad-frame', offset: item.offset, reason: item.reason });
          break;
        case 'frame': {
          const p = decodePacket(item.bytes);
          if (p.ok) this.packet(p.value, events);
          else events.push({ kind: 'bad-frame', offset: item.offset, reason: p.error });
          break;
        }
        default:
          assertNever(item, 'SLIP item');
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

  private packet(p: HrPacket, events: DecodeEvent[]): void {
    switch (p.type) {
      case 'values':
        this.sequence(p.seq, events);
        events.push({ kind: 'frame' });
        for (const e of p.entries) events.push({ kind: 'reading', channel: String(e.channel), raw: e.value, bits: p.bits });
        return;
      case 'hello':
        this.seq = p.seq;
        events.push({ kind: 'frame' }, { kind: 'identified', what: `detent-hr device ${p.deviceId} ${JSON.stringify(p.name)}, ${p.channels} channels, ${p.bits} bits` });
        return;
      case 'unknown':
        this.sequence(p.seq, events);
        events.push({ kind: 'frame' });
        return;
      case 'request':
        events.push({ kind: 'frame' });
        return;
      default:
        assertNever(p, 'Detent HR packet');
    }
  }

  /** Counts the packets missing before `seq` (PROTOCOL.md: the difference minus one, mod 256). */
  private sequence(seq: number, events: DecodeEvent[]): void {
    if (this.seq !== undefined) {
      const lost = (seq - this.seq - 1 + 256) % 256;
      if (lost > 0) events.push({ kind: 'lost', count: lost });
    }
    this.seq = seq;
  }
}
