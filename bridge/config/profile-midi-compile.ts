import { assertNever } from '../core/assert-never.js';
import type { MidiFeedbackOut } from '../core/midi/feedback-spec.js';
import { sourceKey, sourceMax, type MidiInterpretation, type MidiSource, type RelativeEncoding } from '../core/midi/spec.js';
import { midiKey } from '../core/routing/key.js';
import type { ControlBinding } from '../core/routing/table.js';
import type { ControllerProfile, ProfileControl } from './profile-schema.js';
import type { MidiPortRule } from '../drivers/midi/match.js';

type MidiBlock = NonNullable<ProfileControl['midi']>;
type Encoding = NonNullable<MidiBlock['encoding']>;

/** The one source a `midi` block names, or a message saying what is wrong. Channels 1..16 → 0..15. */
export function midiSource(m: MidiBlock): MidiSource | string {
  const channel = m.channel - 1;
  const found: MidiSource[] = [];
  if (m.cc !== undefined) found.push({ kind: 'cc', channel, controller: m.cc });
  if (m.cc14 !== undefined) found.push({ kind: 'cc14', channel, controller: m.cc14, lsbFirst: m.lsbFirst ?? false });
  if (m.nrpn !== undefined) found.push({ kind: 'nrpn', channel, param: m.nrpn, bits: m.bits ?? 14 });
  if (m.rpn !== undefined) found.push({ kind: 'rpn', channel, param: m.rpn, bits: m.bits ?? 14 });
  if (m.pitchbend === true) found.push({ kind: 'pitchbend', channel });
  if (m.note !== undefined) found.push({ kind: 'note', channel, note: m.note });
  if (m.polyPressure !== undefined) found.push({ kind: 'poly-pressure', channel, note: m.polyPressure });
  if (m.channelPressure === true) found.push({ kind: 'channel-pressure', channel });
  if (m.program !== undefined) found.push({ kind: 'program', channel, number: m.program });
  const [one] = found;
  if (found.length !== 1 || one === undefined) return `exactly one MIDI source is needed (cc, cc14, nrpn, rpn, pitchbend, note, polyPressure, channelPressure, program); found ${found.length}`;
  return one;
}

function encoding(e: Encoding | undefined): RelativeEncoding {
  if (e === undefined) return { kind: 'binary-offset' };
  if (typeof e === 'string') return { kind: e };
  return { kind: 'table', steps: new Map(Object.entries(e.table).map(([v, n]) => [Number(v), n])) };
}

function interpretation(c: ProfileControl, m: MidiBlock, s: MidiSource): MidiInterpretation {
  switch (c.kind) {
    case 'absolute':
      return { kind: 'absolute', min: m.range?.min ?? 0, max: m.range?.max ?? sourceMax(s) };
    case 'relative':
      return { kind: 'relative', encoding: encoding(m.encoding) };
    case 'button':
      return m.touch === true ? { kind: 'touch' } : { kind: 'button' };
    default:
      return assertNever(c, 'profile control');
  }
}

/** Feedback outputs: `true` = back to the input source; an object retargets (cc, note), rescales or adds a Mackie LCD strip. */
function feedbackOuts(m: MidiBlock, s: MidiSource): MidiFeedbackOut[] {
  if (m.feedback === false) return [];
  const o = m.feedback === true ? {} : m.feedback;
  const channel = (o.channel ?? m.channel) - 1;
  const range = o.range ?? m.range ?? { min: 0, max: sourceMax(s) };
  const outs: MidiFeedbackOut[] = [];
  const touch = o.touchNote === undefined ? null : { channel: (o.touchChannel ?? m.channel) - 1, note: o.touchNote };
  if (o.cc !== undefined) outs.push({ kind: 'cc', channel, controller: o.cc, ...(o.range ?? { min: 0, max: 127 }), ring: o.ring ?? null });
  else if (o.note !== undefined) outs.push({ kind: 'note', channel, note: o.note, on: o.on ?? 127, off: o.off ?? 0 });
  else if (s.kind === 'cc') outs.push({ kind: 'cc', channel, controller: s.controller, ...range, ring: o.ring ?? null });
  else if (s.kind === 'cc14') outs.push({ kind: 'cc14', channel, controller: s.controller, lsbFirst: s.lsbFirst, ...range });
  else if (s.kind === 'nrpn' || s.kind === 'rpn') outs.push({ kind: s.kind, channel, param: s.param, bits: s.bits, ...range });
  else if (s.kind === 'pitchbend') outs.push({ kind: 'pitchbend', channel, ...range, touch });
  else if (s.kind === 'note') outs.push({ kind: 'note', channel, note: s.note, on: o.on ?? 127, off: o.off ?? 0 });
  if (o.lcd !== undefined) outs.push({ kind: 'lcd', strip: o.lcd.strip, line: 0, show: 'name' }, { kind: 'lcd', strip: o.lcd.strip, line: 1, show: 'value' });
  return outs;
}

/** A control's MIDI binding, or a message saying why it has none. */
export function compileMidiControl(c: ProfileControl, profile: string): ControlBinding | string {
  const m = c.midi;
  if (m === undefined) return 'no midi block';
  const source = midiSource(m);
  if (typeof source === 'string') return source;
  const outs = feedbackOuts(m, source);
  return Object.freeze({
    control: c.id,
    profile,
    input: midiKey(profile, sourceKey(source)),
    decode: Object.freeze({ kind: 'midi', source: Object.freeze(source), as: Object.freeze(interpretation(c, m, source)) }),
    feedback: outs.length === 0 ? null : Object.freeze({ kind: 'midi', outs: Object.freeze(outs) }),
  });
}

/** The profile's MIDI port rule, or undefined when it names no MIDI ports. */
export function midiPortRule(p: ControllerProfile): MidiPortRule | undefined {
  const m = p.match.midi;
  if (m === undefined) return undefined;
  return { profile: p.id, input: m.input ?? null, output: m.output ?? null };
}
