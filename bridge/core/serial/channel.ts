/**
 * A firmware profile's channel after validation: which virtual control it is, what kind of
 * physical part it is, and how its raw readings are conditioned into control values. All numbers
 * are in the units named; the schema (bridge/config/firmware-profile-schema.ts) fills defaults.
 */

export type ChannelKind = 'pot' | 'fader' | 'switch' | 'encoder' | 'button';

export interface Calibration {
  /** Raw counts at the physical ends of travel (min > max for a part wired backwards). */
  readonly min: number;
  readonly max: number;
  /**
   * Taper correction for audio-taper (log) pots: raw fraction (0..1, after min/max) measured at
   * evenly spaced rotations, first 0 and last 1, strictly increasing; linear interpolation between
   * points maps the raw fraction back to rotation. Null: linear.
   */
  readonly taper: readonly number[] | null;
}

export interface FilterSpec {
  /** 1€ filter (Casiez, Roussel, Vogel, CHI 2012): minimum cut-off (Hz) at rest. */
  readonly minCutoff: number;
  /** 1€ speed coefficient (cut-off rises by beta per unit/s of speed, in normalised units). */
  readonly beta: number;
  /** Cut-off (Hz) of the derivative's low-pass. */
  readonly dCutoff: number;
  /**
   * Sleep threshold in raw counts (ResponsiveAnalogRead): while asleep, readings whose recent
   * average stays within this of where the knob came to rest (and no single reading beyond twice
   * it) emit nothing; 0 disables sleep. See condition/sleep.ts.
   */
  readonly sleep: number;
  /**
   * Hysteresis in output steps: the output moves only when the filtered value is more than this
   * past the last output step (below ½ acts as ½, plain rounding). See condition/hysteresis.ts.
   */
  readonly hysteresis: number;
  /** Output resolution in steps over the full range (e.g. 1024 for a 10-bit pot, 4096 for 12 bits). */
  readonly resolution: number;
}

interface Base {
  /** The name the decoder reports (`0`, `A3`, `gain`, `cc/1/7`). */
  readonly name: string;
  /** The virtual control it appears as to the mapping engine (`knob/1`). */
  readonly control: string;
  /** ADC bits of the raw reading (10 for an Uno, 12 with 16× oversampling). */
  readonly bits: number;
}

export type ChannelSpec =
  | (Base & { readonly kind: 'pot' | 'fader'; readonly calibration: Calibration; readonly filter: FilterSpec })
  /** A stepped rotary switch on a resistor ladder: decoded to a step index, never smoothed. */
  | (Base & { readonly kind: 'switch'; readonly positions: number; readonly calibration: Calibration; readonly hysteresis: number })
  /** An encoder whose raw reading is a running count (wrapping at 2^bits); emits signed steps per detent. */
  | (Base & { readonly kind: 'encoder'; readonly countsPerStep: number })
  /** A button: raw above half scale is pressed. */
  | (Base & { readonly kind: 'button' });
