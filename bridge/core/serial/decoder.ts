/**
 * Serial knob-box decoders: pure, stateful translators from the bytes a board sends to readings
 * of its channels. One decoder instance per open port; `reset()` on every (re)open, since a board
 * resets when the port opens (DTR) and half a frame from before must never be glued to the next.
 * Time comes in as clock ms, so handshakes with timeouts (Firmata) are testable without timers.
 */

/** What a decoder found in the bytes it was given. */
export type DecodeEvent =
  /** One channel's raw reading in ADC counts (0 .. 2^bits − 1), or an encoder's running count, or a button's 0/1. */
  | { readonly kind: 'reading'; readonly channel: string; readonly raw: number; readonly bits: number }
  /** One complete frame (line, packet, MIDI message) decoded; counted as `frames`. */
  | { readonly kind: 'frame' }
  /**
   * Bytes that could not be decoded; counted as `badFrames`. `offset` is the byte offset in the
   * port's stream since open (so a log names where), `reason` says what was wrong.
   */
  | { readonly kind: 'bad-frame'; readonly offset: number; readonly reason: string }
  /** Frames the sender numbered but that never arrived (Detent HR sequence gap); counted as `lost`. */
  | { readonly kind: 'lost'; readonly count: number }
  /** The board identified itself (Firmata version report and firmware name, Detent HR device id). */
  | { readonly kind: 'identified'; readonly what: string };

export interface DecodeResult {
  readonly events: readonly DecodeEvent[];
  /** Bytes to send to the board now (handshakes, queries); empty for one-way protocols. */
  readonly writes: readonly Uint8Array[];
}

export interface SerialDecoder {
  /** Forgets all partial state; returns what to send right after open (hello, queries). */
  reset(now: number): DecodeResult;
  /** Feeds received bytes, in order, with their receive time. */
  push(bytes: Uint8Array, now: number): DecodeResult;
  /** For handshakes with timeouts: the clock ms at which `tick` wants to run, or undefined. */
  nextDeadline(): number | undefined;
  /** Runs due timeouts (resend a query the board did not answer). */
  tick(now: number): DecodeResult;
}

export const NOTHING: DecodeResult = Object.freeze({ events: Object.freeze([]), writes: Object.freeze([]) });
