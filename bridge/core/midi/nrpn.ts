import { PAIR_WAIT_MS, valueEvent, type MidiEvent } from './event.js';
import type { MidiLayout } from './spec.js';

/** Controller numbers of parameter-number selection and data entry (MIDI 1.0 spec, "Registered and Non-Registered Parameter Numbers"; RP-018). */
export const NRPN_CC = { dataMsb: 6, dataLsb: 38, increment: 96, decrement: 97, nrpnLsb: 98, nrpnMsb: 99, rpnLsb: 100, rpnMsb: 101 } as const;

interface ChannelState {
  kind: 'nrpn' | 'rpn' | undefined;
  msb: number | undefined;
  lsb: number | undefined;
  dataMsb: number | undefined;
  deadline: number | undefined;
}

/**
 * NRPN/RPN state per channel. CC 99/98 (NRPN) or 101/100 (RPN) select a parameter, in either
 * order; CC 6 is the data MSB (a whole 7-bit value for 7-bit parameters), CC 38 completes a 14-bit
 * value (ignored without a CC 6 for the current parameter); CC 96/97 step it by ±1. 127/127 is the
 * null parameter: data entry is ignored until a new selection. Until a channel has selected any
 * parameter, CC 6/38/96/97 are ordinary controllers (`cc` returns undefined for them).
 * A 14-bit parameter's CC 6 is held PAIR_WAIT_MS for its CC 38, so no half value jumps.
 */
export class NrpnDecoder {
  private readonly channels = new Map<number, ChannelState>();

  cc(layout: MidiLayout, channel: number, controller: number, value: number, t: number): MidiEvent[] | undefined {
    const selectKind = controller === NRPN_CC.nrpnMsb || controller === NRPN_CC.nrpnLsb ? 'nrpn' : controller === NRPN_CC.rpnMsb || controller === NRPN_CC.rpnLsb ? 'rpn' : undefined;
    if (selectKind !== undefined) {
      const s = this.get(channel);
      if (s.kind !== selectKind) Object.assign(s, { kind: selectKind, msb: undefined, lsb: undefined });
      if (controller === NRPN_CC.nrpnMsb || controller === NRPN_CC.rpnMsb) s.msb = value;
      else s.lsb = value;
      s.dataMsb = undefined;
      s.deadline = undefined;
      return [];
    }
    const isData = controller === NRPN_CC.dataMsb || controller === NRPN_CC.dataLsb || controller === NRPN_CC.increment || controller === NRPN_CC.decrement;
    const s = this.channels.get(channel);
    if (!isData || s === undefined || s.kind === undefined) return undefined;
    if (s.msb === undefined || s.lsb === undefined || (s.msb === 127 && s.lsb === 127)) return [];
    const key = `${s.kind} ${channel} ${(s.msb << 7) | s.lsb}`;
    const wide = layout.wide.has(key);
    switch (controller) {
      case NRPN_CC.increment:
        return [{ key, value: { kind: 'step', steps: 1 } }];
      case NRPN_CC.decrement:
        return [{ key, value: { kind: 'step', steps: -1 } }];
      case NRPN_CC.dataMsb:
        s.dataMsb = value;
        if (!wide) return [valueEvent(key, value, 127)];
        s.deadline = t + PAIR_WAIT_MS;
        return [];
      default:
        if (!wide || s.dataMsb === undefined) return [];
        s.deadline = undefined;
        return [valueEvent(key, (s.dataMsb << 7) | value, 16383)];
    }
  }

  flush(now: number): MidiEvent[] {
    const out: MidiEvent[] = [];
    for (const [channel, s] of this.channels) {
      if (s.deadline === undefined || s.deadline > now) continue;
      s.deadline = undefined;
      if (s.kind !== undefined && s.msb !== undefined && s.lsb !== undefined && s.dataMsb !== undefined) {
        out.push(valueEvent(`${s.kind} ${channel} ${(s.msb << 7) | s.lsb}`, s.dataMsb << 7, 16383));
      }
    }
    return out;
  }

  nextDeadline(): number | undefined {
    let next: number | undefined;
    for (const s of this.channels.values()) if (s.deadline !== undefined && (next === undefined || s.deadline < next)) next = s.deadline;
    return next;
  }

  private get(channel: number): ChannelState {
    let s = this.channels.get(channel);
    if (s === undefined) {
      s = { kind: undefined, msb: undefined, lsb: undefined, dataMsb: undefined, deadline: undefined };
      this.channels.set(channel, s);
    }
    return s;
  }
}
