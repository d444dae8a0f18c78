import { assertNever } from '../assert-never.js';

/**
 * Where a MIDI control's value arrives, after the per-device decoder has assembled multi-message
 * values. Channels are 0..15. `cc14` is a declared 14-bit pair: `controller` (0..31) carries the
 * MSB and `controller + 32` the LSB (never paired automatically: see DESIGN.md, MIDI 1.0).
 */
export type MidiSource =
  | { readonly kind: 'cc'; readonly channel: number; readonly controller: number }
  | { readonly kind: 'cc14'; readonly channel: number; readonly controller: number; readonly lsbFirst: boolean }
  /** NRPN (CC 99/98 select) or RPN (CC 101/100); data 7-bit (CC 6 alone) or 14-bit (CC 6 then 38). */
  | { readonly kind: 'nrpn' | 'rpn'; readonly channel: number; readonly param: number; readonly bits: 7 | 14 }
  | { readonly kind: 'pitchbend'; readonly channel: number }
  | { readonly kind: 'note'; readonly channel: number; readonly note: number }
  | { readonly kind: 'poly-pressure'; readonly channel: number; readonly note: number }
  | { readonly kind: 'channel-pressure'; readonly channel: number }
  | { readonly kind: 'program'; readonly channel: number; readonly number: number };

/**
 * Relative encodings, named by their maths (DESIGN.md table): two's complement 1/127, binary
 * offset 65/63, sign-magnitude with bit 6 meaning negative (Mackie V-Pot) 1/65 or positive (HUI)
 * 65/1, offset 16 17/15; or a table from value to steps for anything else.
 */
export type RelativeEncoding =
  | { readonly kind: 'twos-complement' | 'binary-offset' | 'sign-magnitude' | 'sign-magnitude-inverted' | 'offset-16' }
  | { readonly kind: 'table'; readonly steps: ReadonlyMap<number, number> };

/**
 * How a source's value becomes a control value:
 * - absolute: raw `min`..`max` map to 0..1 (clamped: a pitch-bend fader calibrated to top at
 *   0x7C7F reads 1 above it); default the source's full range;
 * - relative: the value is encoder steps in `encoding` (NRPN increment/decrement are ±1 step);
 * - button: value > 0 pressed (note-on velocity 0 and note-off release; program change presses
 *   and releases at once);
 * - touch: a touch-sensitive fader's touch note, decoded as a button; feedback also holds back
 *   motor moves while it is held.
 */
export type MidiInterpretation =
  | { readonly kind: 'absolute'; readonly min: number; readonly max: number }
  | { readonly kind: 'relative'; readonly encoding: RelativeEncoding }
  | { readonly kind: 'button' }
  | { readonly kind: 'touch' };

/** The largest raw value of a source: 127 for 7-bit, 16383 for 14-bit. */
export function sourceMax(s: MidiSource): number {
  switch (s.kind) {
    case 'cc14':
    case 'pitchbend':
      return 16383;
    case 'nrpn':
    case 'rpn':
      return s.bits === 14 ? 16383 : 127;
    case 'cc':
    case 'note':
    case 'poly-pressure':
    case 'channel-pressure':
    case 'program':
      return 127;
    default:
      return assertNever(s, 'MIDI source');
  }
}

/** The decoder's key for a source: `cc 0 7`, `cc14 0 7`, `nrpn 0 1234`, `pb 0`, `note 0 60`. */
export function sourceKey(s: MidiSource): string {
  switch (s.kind) {
    case 'cc':
    case 'cc14':
      return `${s.kind} ${s.channel} ${s.controller}`;
    case 'nrpn':
    case 'rpn':
      return `${s.kind} ${s.channel} ${s.param}`;
    case 'pitchbend':
      return `pb ${s.channel}`;
    case 'note':
      return `note ${s.channel} ${s.note}`;
    case 'poly-pressure':
      return `pp ${s.channel} ${s.note}`;
    case 'channel-pressure':
      return `cp ${s.channel}`;
    case 'program':
      return `pc ${s.channel} ${s.number}`;
    default:
      return assertNever(s, 'MIDI source');
  }
}

/**
 * What the per-device decoder needs to know of a profile: which CCs form declared 14-bit pairs
 * (and in which order they arrive) and which NRPN/RPN parameters carry 14-bit data.
 */
export interface MidiLayout {
  /** Keyed `${channel} ${msbController}`. */
  readonly pairs: ReadonlyMap<string, { readonly lsbFirst: boolean }>;
  /** Keys `nrpn ${channel} ${param}` / `rpn ...` of 14-bit data parameters. */
  readonly wide: ReadonlySet<string>;
}

export const EMPTY_LAYOUT: MidiLayout = Object.freeze({ pairs: new Map<string, { lsbFirst: boolean }>(), wide: new Set<string>() });

export function layoutOf(sources: Iterable<MidiSource>): MidiLayout {
  const pairs = new Map<string, { lsbFirst: boolean }>();
  const wide = new Set<string>();
  for (const s of sources) {
    if (s.kind === 'cc14') pairs.set(`${s.channel} ${s.controller}`, { lsbFirst: s.lsbFirst });
    if ((s.kind === 'nrpn' || s.kind === 'rpn') && s.bits === 14) wide.add(sourceKey(s));
  }
  return Object.freeze({ pairs, wide });
}
