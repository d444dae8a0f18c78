import { assertNever } from '../assert-never.js';
import type { MidiMessage } from '../input.js';
import { valueEvent, type MidiEvent } from './event.js';
import { NrpnDecoder } from './nrpn.js';
import { PairAssembler } from './pairs.js';
import type { MidiLayout } from './spec.js';

/**
 * The stateful decoder of one MIDI input device: channel messages in, source events out (keyed as
 * spec.ts `sourceKey`). Holds 14-bit pair and NRPN state; time is an input, and the owner calls
 * `flush(now)` at `nextDeadline()` so held halves are emitted. Pure: no timers, no I/O.
 */
export class MidiDeviceDecoder {
  private readonly pairs = new PairAssembler();
  private readonly nrpn = new NrpnDecoder();

  push(layout: MidiLayout, m: MidiMessage, t: number): MidiEvent[] {
    switch (m.type) {
      case 'cc':
        return this.nrpn.cc(layout, m.channel, m.controller, m.value, t) ?? this.pairs.cc(layout, m.channel, m.controller, m.value, t) ?? [valueEvent(`cc ${m.channel} ${m.controller}`, m.value, 127)];
      case 'noteon':
        return [valueEvent(`note ${m.channel} ${m.note}`, m.velocity, 127)];
      case 'noteoff':
        return [valueEvent(`note ${m.channel} ${m.note}`, 0, 127)];
      case 'pitchbend':
        return [valueEvent(`pb ${m.channel}`, m.value, 16383)];
      case 'poly-pressure':
        return [valueEvent(`pp ${m.channel} ${m.note}`, m.value, 127)];
      case 'channel-pressure':
        return [valueEvent(`cp ${m.channel}`, m.value, 127)];
      case 'program':
        return [{ key: `pc ${m.channel} ${m.number}`, value: { kind: 'trigger' } }];
      default:
        return assertNever(m, 'MIDI message');
    }
  }

  flush(now: number): MidiEvent[] {
    return [...this.pairs.flush(now), ...this.nrpn.flush(now)];
  }

  nextDeadline(): number | undefined {
    const a = this.pairs.nextDeadline();
    const b = this.nrpn.nextDeadline();
    return a === undefined ? b : b === undefined ? a : Math.min(a, b);
  }
}
