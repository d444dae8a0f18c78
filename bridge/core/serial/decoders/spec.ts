/**
 * Which protocol a knob box speaks, as a firmware profile states it (validated by
 * bridge/config/firmware-profile-schema.ts; `createDecoder` in ./index.ts builds the decoder).
 */
export type DecoderSpec =
  /** deej lines `v0|v1|...|vN` (CRLF), channels `0`, `1`, ...; `bits`: ADC resolution (10 on an Uno). */
  | { readonly kind: 'deej'; readonly bits: number }
  /** StandardFirmata (Firmata protocol 2.x); `samplingIntervalMs`: analog report interval sent with SysEx 0x7A. */
  | { readonly kind: 'firmata'; readonly samplingIntervalMs: number }
  /** MIDI bytes over serial (the Hairless MIDI convention): channels `cc/<ch>/<n>`, `pb/<ch>`, `note/<ch>/<n>`. */
  | { readonly kind: 'midi' }
  /** Text lines `<name> <value>` or `<name>:<value>`; `bits`: resolution of the values. */
  | { readonly kind: 'text-lines'; readonly separator: 'space' | 'colon' | 'any'; readonly bits: number }
  /** Detent HR: SLIP frames with CRC (firmware-profiles/detent-hr/PROTOCOL.md). */
  | { readonly kind: 'detent-hr' };
