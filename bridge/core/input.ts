/**
 * What drivers emit: one raw message from one device, with the driver's receive time (clock ms).
 * Drivers only translate bytes into these; all decoding of meaning happens in the core.
 */

/** An OSC argument as carried on the wire (OSC 1.0 type tags; T/F carry no payload). */
export type OscArg =
  | { readonly type: 'f' | 'd' | 'i'; readonly value: number }
  | { readonly type: 'T' | 'F' }
  | { readonly type: 's'; readonly value: string }
  /** Any other OSC type (blob, int64, MIDI, ...): kept by tag so it can be reported, never used as a value. */
  | { readonly type: 'other'; readonly tag: string };

/** MIDI 1.0 channel voice messages; channel is 0..15, data bytes 0..127, pitch bend 0..16383. */
export type MidiMessage =
  | { readonly type: 'cc'; readonly channel: number; readonly controller: number; readonly value: number }
  | { readonly type: 'noteon' | 'noteoff'; readonly channel: number; readonly note: number; readonly velocity: number }
  | { readonly type: 'pitchbend'; readonly channel: number; readonly value: number }
  | { readonly type: 'program'; readonly channel: number; readonly number: number }
  | { readonly type: 'channel-pressure'; readonly channel: number; readonly value: number }
  | { readonly type: 'poly-pressure'; readonly channel: number; readonly note: number; readonly value: number };

export type RawInput =
  | {
      readonly kind: 'osc';
      /** The OSC input's device id (`osc`, or a configured name). */
      readonly device: string;
      /** The sender as `host:port`, for echo suppression and per-peer counters. */
      readonly peer: string;
      readonly address: string;
      readonly args: readonly OscArg[];
      readonly t: number;
    }
  | { readonly kind: 'midi'; readonly device: string; readonly message: MidiMessage; readonly t: number }
  | {
      readonly kind: 'serial';
      readonly device: string;
      /** The firmware profile's channel name (`A0`, `pot3`). */
      readonly channel: string;
      /** The raw reading before calibration, in ADC counts. */
      readonly raw: number;
      readonly t: number;
    };
