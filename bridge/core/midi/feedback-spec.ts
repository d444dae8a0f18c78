/**
 * How a control shows its parameter on a MIDI device. Positions 0..1 map to raw `min`..`max`
 * (min > max runs backwards; a calibrated motor fader tops out below 16383).
 * - cc: a 7-bit CC, optionally as a Mackie V-Pot LED ring (`ring`);
 * - cc14: a declared 14-bit pair, MSB then LSB (or LSB first);
 * - nrpn/rpn: parameter select (99/98 or 101/100) then data (6, and 38 for 14-bit);
 * - pitchbend: a motor fader; `touch` names its touch note: never moved while touched;
 * - note: a button LED, velocity `on` when the position is ≥ 0.5, else `off` (device LED values:
 *   Mackie 0x7F/0, X-Touch Mini 1/0, a Launch Control XL colour byte);
 * - lcd: a Mackie Control scribble strip cell: the parameter's name or its value as text.
 */
export type MidiFeedbackOut =
  | { readonly kind: 'cc'; readonly channel: number; readonly controller: number; readonly min: number; readonly max: number; readonly ring: RingMode | null }
  | { readonly kind: 'cc14'; readonly channel: number; readonly controller: number; readonly lsbFirst: boolean; readonly min: number; readonly max: number }
  | { readonly kind: 'nrpn' | 'rpn'; readonly channel: number; readonly param: number; readonly bits: 7 | 14; readonly min: number; readonly max: number }
  | { readonly kind: 'pitchbend'; readonly channel: number; readonly min: number; readonly max: number; readonly touch: TouchNote | null }
  | { readonly kind: 'note'; readonly channel: number; readonly note: number; readonly on: number; readonly off: number }
  | { readonly kind: 'lcd'; readonly strip: number; readonly line: 0 | 1; readonly show: 'name' | 'value' };

export interface TouchNote {
  readonly channel: number;
  readonly note: number;
}

/**
 * Mackie Control V-Pot ring modes (CC 0x30–0x37 value `0 c mm vvvv`, mm: 0 dot, 1 boost/cut,
 * 2 wrap, 3 spread); `auto` picks boost/cut for a parameter whose range spans zero (gains), wrap
 * otherwise (frequencies, times, amounts).
 */
export type RingMode = 'dot' | 'boost-cut' | 'wrap' | 'spread' | 'auto';
