import { assertNever } from '../assert-never.js';
import type { Unit } from '../unit.js';
import type { MidiFeedbackOut, RingMode } from './feedback-spec.js';
import { NRPN_CC } from './nrpn.js';
import type { MidiOut } from './wire.js';

/** What a feedback encoding may show besides the position. */
export interface FeedbackContext {
  /** Short parameter name (scribble strips). */
  readonly name: string;
  /** The value as text with its unit ("-6.0 dB"). */
  readonly text: string;
  /** The parameter's range spans zero (a gain): `auto` rings show boost/cut. */
  readonly bipolar: boolean;
}

const scale = (pos: Unit, min: number, max: number): number => Math.round(min + pos * (max - min));

/** Mackie ring mode bits `mm` (Mackie Control protocol; Ardour libs/surfaces/mackie/pot.cc). */
function ringBits(mode: RingMode, bipolar: boolean): number {
  switch (mode) {
    case 'dot':
      return 0;
    case 'boost-cut':
      return 1;
    case 'wrap':
      return 2;
    case 'spread':
      return 3;
    case 'auto':
      return bipolar ? 1 : 2;
    default:
      return assertNever(mode, 'ring mode');
  }
}

/** Mackie LCD: `F0 00 00 66 14 12 <offset> <ascii...> F7`, offset `line*0x38 + strip*7` (Mackie Control protocol, LCD message). */
export function mackieLcd(strip: number, line: 0 | 1, text: string): MidiOut {
  const cell = text.replace(/[^\x20-\x7e]/g, '?').slice(0, 6).padEnd(7, ' ');
  return { type: 'sysex', body: [0x00, 0x00, 0x66, 0x14, 0x12, line * 0x38 + strip * 7, ...[...cell].map((c) => c.charCodeAt(0))] };
}

/** The messages that set a control to a position. */
export function encodeFeedback(out: MidiFeedbackOut, pos: Unit, ctx: FeedbackContext): MidiOut[] {
  switch (out.kind) {
    case 'cc': {
      if (out.ring === null) return [{ type: 'cc', channel: out.channel, controller: out.controller, value: scale(pos, out.min, out.max) }];
      // Ring value `0 c mm vvvv`, v 1..11 lit LEDs (0 = off): Mackie Control protocol.
      const v = 1 + Math.round(pos * 10);
      return [{ type: 'cc', channel: out.channel, controller: out.controller, value: (ringBits(out.ring, ctx.bipolar) << 4) | v }];
    }
    case 'cc14': {
      const v = scale(pos, out.min, out.max);
      const msb: MidiOut = { type: 'cc', channel: out.channel, controller: out.controller, value: v >> 7 };
      const lsb: MidiOut = { type: 'cc', channel: out.channel, controller: out.controller + 32, value: v & 0x7f };
      return out.lsbFirst ? [lsb, msb] : [msb, lsb];
    }
    case 'nrpn':
    case 'rpn': {
      const v = scale(pos, out.min, out.max);
      const [m, l] = out.kind === 'nrpn' ? [NRPN_CC.nrpnMsb, NRPN_CC.nrpnLsb] : [NRPN_CC.rpnMsb, NRPN_CC.rpnLsb];
      const cc = (controller: number, value: number): MidiOut => ({ type: 'cc', channel: out.channel, controller, value });
      const select = [cc(m, out.param >> 7), cc(l, out.param & 0x7f)];
      return out.bits === 14 ? [...select, cc(NRPN_CC.dataMsb, v >> 7), cc(NRPN_CC.dataLsb, v & 0x7f)] : [...select, cc(NRPN_CC.dataMsb, v)];
    }
    case 'pitchbend':
      return [{ type: 'pitchbend', channel: out.channel, value: scale(pos, out.min, out.max) }];
    case 'note':
      return [{ type: 'noteon', channel: out.channel, note: out.note, velocity: pos >= 0.5 ? out.on : out.off }];
    case 'lcd':
      return [mackieLcd(out.strip, out.line, out.show === 'name' ? ctx.name : ctx.text)];
    default:
      return assertNever(out, 'MIDI feedback');
  }
}

/** The coalescing key of a feedback output on its port: one pending value per key. */
export function feedbackKey(out: MidiFeedbackOut): string {
  switch (out.kind) {
    case 'cc':
    case 'cc14':
      return `${out.kind} ${out.channel} ${out.controller}`;
    case 'nrpn':
    case 'rpn':
      return `${out.kind} ${out.channel} ${out.param}`;
    case 'pitchbend':
      return `pb ${out.channel}`;
    case 'note':
      return `note ${out.channel} ${out.note}`;
    case 'lcd':
      return `lcd ${out.strip} ${out.line}`;
    default:
      return assertNever(out, 'MIDI feedback');
  }
}
