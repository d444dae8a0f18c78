import { MidiDeviceDecoder } from '../../bridge/core/midi/decoder.js';
import type { MidiEvent } from '../../bridge/core/midi/event.js';
import { MidiParser } from '../../bridge/core/midi/parser.js';
import { layoutOf, type MidiSource } from '../../bridge/core/midi/spec.js';

/** Bytes at clock times: `[t, bytes]` steps through one parser and one decoder; flushes at each step's time. */
export function decodeBytes(sources: MidiSource[], steps: [number, number[]][]): string[] {
  const layout = layoutOf(sources);
  const parser = new MidiParser();
  const dec = new MidiDeviceDecoder();
  const out: MidiEvent[] = [];
  for (const [t, bytes] of steps) {
    out.push(...dec.flush(t));
    for (const p of parser.push(bytes)) if (p.kind === 'message' && p.message.type !== 'sysex') out.push(...dec.push(layout, p.message, t));
  }
  return out.map(show);
}

export const show = (e: MidiEvent): string =>
  `${e.key} ${e.value.kind === 'value' ? `= ${e.value.raw}/${e.value.max}` : e.value.kind === 'step' ? `${e.value.steps > 0 ? '+' : ''}${e.value.steps}` : 'trigger'}`;

export const cc14 = (channel: number, controller: number, lsbFirst = false): MidiSource => ({ kind: 'cc14', channel, controller, lsbFirst });
export const nrpn = (channel: number, param: number, bits: 7 | 14, kind: 'nrpn' | 'rpn' = 'nrpn'): MidiSource => ({ kind, channel, param, bits });
