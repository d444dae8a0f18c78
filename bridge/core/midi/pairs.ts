import { PAIR_WAIT_MS, valueEvent, type MidiEvent } from './event.js';
import type { MidiLayout } from './spec.js';

interface PairState {
  msb: number | undefined;
  lsb: number;
  /** Whether the device sends this pair's LSB: unknown until an LSB comes or an MSB's wait expires without one. */
  sendsLsb: boolean | undefined;
  /** Clock ms until which a half value is held, or undefined. */
  deadline: number | undefined;
}

/**
 * Assembles declared 14-bit CC pairs (CC n MSB with CC n+32 LSB, MIDI 1.0 spec "Control Change"),
 * one state per channel and pair, so other CCs interleaved between the halves do not break a pair.
 *
 * MSB first (the default): a new MSB resets the LSB to 0 and is held until its LSB arrives (or
 * PAIR_WAIT_MS passes, then it is emitted with LSB 0), so no half-updated value is ever emitted as
 * a jump; a device seen not to send LSBs (a wait expired before any LSB) gets its MSBs at once.
 * A lone LSB refines the cached MSB.
 * LSB first (a profile switch): the LSB is held until its MSB completes the value, or emitted as a
 * refinement of the cached MSB after PAIR_WAIT_MS.
 */
export class PairAssembler {
  private readonly state = new Map<string, PairState>();

  /** Handles CC `controller` if it belongs to a declared pair; undefined when it does not. */
  cc(layout: MidiLayout, channel: number, controller: number, value: number, t: number): MidiEvent[] | undefined {
    if (controller < 64) {
      const isLsb = controller >= 32;
      const msbCc = isLsb ? controller - 32 : controller;
      const pair = layout.pairs.get(`${channel} ${msbCc}`);
      if (pair !== undefined) {
        const key = `cc14 ${channel} ${msbCc}`;
        const s = this.get(key);
        return pair.lsbFirst ? this.lsbFirst(key, s, isLsb, value, t) : this.msbFirst(key, s, isLsb, value, t);
      }
    }
    return undefined;
  }

  private msbFirst(key: string, s: PairState, isLsb: boolean, value: number, t: number): MidiEvent[] {
    if (isLsb) {
      s.sendsLsb = true;
      s.lsb = value;
      s.deadline = undefined;
      return s.msb === undefined ? [] : [valueEvent(key, (s.msb << 7) | value, 16383)];
    }
    s.msb = value;
    s.lsb = 0;
    if (s.sendsLsb === false) return [valueEvent(key, value << 7, 16383)];
    s.deadline = t + PAIR_WAIT_MS;
    return [];
  }

  private lsbFirst(key: string, s: PairState, isLsb: boolean, value: number, t: number): MidiEvent[] {
    if (isLsb) {
      s.lsb = value;
      s.sendsLsb = true;
      s.deadline = t + PAIR_WAIT_MS;
      return [];
    }
    const lsb = s.deadline !== undefined ? s.lsb : 0;
    s.msb = value;
    s.lsb = lsb;
    s.deadline = undefined;
    return [valueEvent(key, (value << 7) | lsb, 16383)];
  }

  /** Emits the halves whose wait has expired by `now`. */
  flush(now: number): MidiEvent[] {
    const out: MidiEvent[] = [];
    for (const [key, s] of this.state) {
      if (s.deadline === undefined || s.deadline > now) continue;
      s.deadline = undefined;
      s.sendsLsb ??= false;
      if (s.msb !== undefined) out.push(valueEvent(key, (s.msb << 7) | s.lsb, 16383));
    }
    return out;
  }

  /** The earliest pending deadline, or undefined. */
  nextDeadline(): number | undefined {
    let next: number | undefined;
    for (const s of this.state.values()) if (s.deadline !== undefined && (next === undefined || s.deadline < next)) next = s.deadline;
    return next;
  }

  private get(key: string): PairState {
    let s = this.state.get(key);
    if (s === undefined) {
      s = { msb: undefined, lsb: 0, sendsLsb: undefined, deadline: undefined };
      this.state.set(key, s);
    }
    return s;
  }
}
