/**
 * One decoded MIDI source value, keyed by `sourceKey` (spec.ts): a raw value with its full scale
 * (127 or 16383), a signed step (NRPN/RPN increment/decrement), or a trigger (program change).
 */
export type MidiEventValue =
  | { readonly kind: 'value'; readonly raw: number; readonly max: number }
  | { readonly kind: 'step'; readonly steps: number }
  | { readonly kind: 'trigger' };

export interface MidiEvent {
  readonly key: string;
  readonly value: MidiEventValue;
}

export const valueEvent = (key: string, raw: number, max: number): MidiEvent => ({ key, value: { kind: 'value', raw, max } });

/** How long (ms) a decoder holds half of a 14-bit value for its other half before emitting it alone. */
export const PAIR_WAIT_MS = 10;
