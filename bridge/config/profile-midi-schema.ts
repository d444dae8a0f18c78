import { Type } from '@sinclair/typebox';

/**
 * The `midi` block of a controller profile's control: where its value arrives and how feedback is
 * encoded. Channels are 1..16 as printed on devices and in factory maps (the wire carries 0..15).
 * Exactly one source: `cc`, `cc14`, `nrpn`, `rpn`, `pitchbend`, `note`, `polyPressure`,
 * `channelPressure` or `program` (checked by profile-midi-compile.ts).
 */
const Channel = Type.Integer({ minimum: 1, maximum: 16, default: 1, description: 'MIDI channel 1..16.' });
/** A channel with no default: absent means "the control's own channel" (a filled-in default would hide that). */
const OptionalChannel = (description: string) => Type.Optional(Type.Integer({ minimum: 1, maximum: 16, description }));
const D7 = (description: string) => Type.Integer({ minimum: 0, maximum: 127, description });

const RawRange = Type.Object(
  { min: Type.Integer({ minimum: 0, maximum: 16383 }), max: Type.Integer({ minimum: 0, maximum: 16383 }) },
  {
    additionalProperties: false,
    description: 'Raw values for positions 0 and 1 (default the full 7- or 14-bit range); a fader topping out below 16383 (X-Touch 0x7C7F = 15999) is calibrated here.',
  },
);

export const RelativeEncodingSchema = Type.Union(
  [
    Type.Union([Type.Literal('twos-complement'), Type.Literal('binary-offset'), Type.Literal('sign-magnitude'), Type.Literal('sign-magnitude-inverted'), Type.Literal('offset-16')]),
    // Closed: a key like "1.0" or " 7" would otherwise pass with any value and compile to raw value 1 or 7.
    Type.Object({ table: Type.Record(Type.String({ pattern: '^[0-9]+$' }), Type.Integer(), { additionalProperties: false }) }, { additionalProperties: false }),
  ],
  {
    description:
      'Relative encoding, named by its maths: twos-complement (1/127), binary-offset (65/63), sign-magnitude (1/65, Mackie V-Pot), sign-magnitude-inverted (65/1, HUI), offset-16 (17/15), or {table: {value: steps}}.',
  },
);

const RingMode = Type.Union([Type.Literal('dot'), Type.Literal('boost-cut'), Type.Literal('wrap'), Type.Literal('spread'), Type.Literal('auto')], {
  description: 'Send the position as a Mackie V-Pot ring value in this mode (auto: boost-cut for gains, wrap otherwise).',
});

export const MidiFeedbackSchema = Type.Union(
  [
    Type.Boolean(),
    Type.Object(
      {
        channel: OptionalChannel("Feedback channel 1..16; default the control's channel."),
        cc: Type.Optional(D7('Feedback CC (LED ring), instead of the input source.')),
        note: Type.Optional(D7('Feedback note (button LED).')),
        range: Type.Optional(RawRange),
        ring: Type.Optional(RingMode),
        on: Type.Optional(D7('Note velocity for a lit LED (Mackie 127, X-Touch Mini 1, a Launch Control XL colour byte); default 127.')),
        off: Type.Optional(D7('Note velocity for an unlit LED; default 0.')),
        touchNote: Type.Optional(D7('A motor fader\'s touch note: no move while it is held.')),
        touchChannel: OptionalChannel("The touch note's channel 1..16; default the control's channel (Mackie Control sends every fader's touch note on channel 1)."),
        lcd: Type.Optional(Type.Object({ strip: Type.Integer({ minimum: 0, maximum: 7 }) }, { additionalProperties: false, description: 'Also show name and value on this Mackie scribble strip.' })),
      },
      { additionalProperties: false },
    ),
  ],
  { default: true, description: 'Feedback: true (default) sends the position back to the input source; false none; an object changes the target or encoding.' },
);

export const MidiControlSchema = Type.Object(
  {
    channel: Channel,
    cc: Type.Optional(D7('7-bit CC number.')),
    cc14: Type.Optional(Type.Integer({ minimum: 0, maximum: 31, description: '14-bit CC pair: this CC is the MSB, CC+32 the LSB. Declare pairs explicitly; never assumed.' })),
    lsbFirst: Type.Optional(Type.Boolean({ description: 'The device sends a 14-bit pair LSB first.' })),
    nrpn: Type.Optional(Type.Integer({ minimum: 0, maximum: 16383, description: 'NRPN parameter number (CC 99/98).' })),
    rpn: Type.Optional(Type.Integer({ minimum: 0, maximum: 16383, description: 'RPN parameter number (CC 101/100).' })),
    bits: Type.Optional(Type.Union([Type.Literal(7), Type.Literal(14)], { description: 'NRPN/RPN data: 7-bit (CC 6) or 14-bit (CC 6 + 38, default).' })),
    pitchbend: Type.Optional(Type.Literal(true)),
    note: Type.Optional(D7('Note number (buttons, touch sensors).')),
    polyPressure: Type.Optional(D7('Poly aftertouch note.')),
    channelPressure: Type.Optional(Type.Literal(true)),
    program: Type.Optional(D7('Program change number (a button: recall or page).')),
    range: Type.Optional(RawRange),
    encoding: Type.Optional(RelativeEncodingSchema),
    touch: Type.Optional(Type.Boolean({ description: 'A button that is a fader\'s touch sensor.' })),
    feedback: MidiFeedbackSchema,
  },
  { additionalProperties: false },
);

/** Port names a profile applies to: exact, or `/regex/flags`. */
export const MidiMatchSchema = Type.Object(
  {
    input: Type.Optional(Type.String({ minLength: 1, examples: ['/^X-TOUCH MINI/'], description: 'Input port name, exact or /regex/.' })),
    output: Type.Optional(Type.String({ minLength: 1, description: 'Output port name, exact or /regex/ (feedback).' })),
  },
  { additionalProperties: false },
);
