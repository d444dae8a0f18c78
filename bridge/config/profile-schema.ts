import { Type, type Static } from '@sinclair/typebox';
import type { Frozen } from './freeze.js';
import { ControlName, Id, OscAddress, SchemaRef, SchemaVersion, Text } from './names.js';
import { MidiControlSchema, MidiMatchSchema } from './profile-midi-schema.js';

/**
 * Controller profile (`mappings/controllers/*.json`): names a device's physical controls as virtual
 * controls (`fader/1`, `button/shift`), says where each one's input arrives and how it is decoded,
 * and how feedback is encoded. Mapping sets name only the virtual controls, so swapping a
 * controller never touches a mapping set. Each control has an `osc` and/or a `midi` input (one at
 * least; `serial` follows); compiled to core ControlBindings by profile.ts.
 */

/** The values a control sends or receives: `min` maps to position 0, `max` to 1 (min > max runs backwards). */
const ValueRange = (description: string, dflt?: { min: number; max: number }) =>
  Type.Object({ min: Type.Number(), max: Type.Number() }, { additionalProperties: false, description, ...(dflt === undefined ? {} : { default: dflt }) });

const Feedback = Type.Union(
  [
    Type.Boolean(),
    Type.Object(
      {
        address: Type.Optional(OscAddress),
        range: Type.Optional(ValueRange('Values sent for positions 0..1; default the control\'s input range (0..1 for relative controls and buttons).')),
        text: Type.Optional(
          Type.Union([OscAddress, Type.Null()], { description: 'Address that gets the value as text with its unit ("-6.0 dB"), for a label; default none.' }),
        ),
      },
      { additionalProperties: false },
    ),
  ],
  {
    default: true,
    description:
      'Feedback (motor faders, LED rings, toggle states, labels): true (default) sends the position to the input address in the input range; false sends none; an object changes the address, the range or adds a text label.',
  },
);

/** The OSC input of a relative control or a button: no range, the values have fixed meanings. */
const OscNoRange = Type.Object({ address: OscAddress, feedback: Feedback }, { additionalProperties: false });

/** A control reporting an absolute position (fader, pot): a number in `range` (default 0..1). */
const AbsoluteControl = Type.Object(
  {
    id: ControlName,
    kind: Type.Literal('absolute'),
    midi: Type.Optional(MidiControlSchema),
    osc: Type.Optional(Type.Object(
      {
        address: OscAddress,
        range: ValueRange('Values the control sends, scaled to positions 0..1; default 0..1 (TouchOSC), 0..127 for some apps.', { min: 0, max: 1 }),
        feedback: Feedback,
      },
      { additionalProperties: false },
    )),
  },
  { additionalProperties: false },
);

/** An endless encoder: each message carries a signed number of steps (+ clockwise). */
const RelativeControl = Type.Object({ id: ControlName, kind: Type.Literal('relative'), osc: Type.Optional(OscNoRange), midi: Type.Optional(MidiControlSchema) }, { additionalProperties: false });

/** A button: a number > 0 or T is a press, 0 or F a release (a latching toggle sends 1 on, 0 off). */
const ButtonControl = Type.Object({ id: ControlName, kind: Type.Literal('button'), osc: Type.Optional(OscNoRange), midi: Type.Optional(MidiControlSchema) }, { additionalProperties: false });

export const ControlSchema = Type.Union([AbsoluteControl, RelativeControl, ButtonControl]);

export const ControllerProfileSchema = Type.Object(
  {
    $schema: SchemaRef,
    schemaVersion: SchemaVersion,
    id: Id('touchosc-simple', 'Stable profile id, unique among the loaded profiles.'),
    name: Text,
    description: Type.Optional(Type.String()),
    match: Type.Object(
      {
        osc: Type.Optional(
          Type.Object(
            {
              peers: Type.Optional(
                Type.Array(Type.String({ minLength: 1, examples: ['192.168.1.20', '192.168.1.20:9000'] }), {
                  description: "Senders this profile applies to, as 'host' or 'host:port'; absent = any sender on the OSC input.",
                }),
              ),
            },
            { additionalProperties: false },
          ),
        ),
        midi: Type.Optional(MidiMatchSchema),
      },
      { additionalProperties: false, default: {}, description: 'Which connected device the profile applies to; empty = any.' },
    ),
    controls: Type.Array(ControlSchema),
  },
  { additionalProperties: false },
);

/** A loaded profile: validated, defaults filled, deep-frozen. */
export type ControllerProfile = Frozen<Static<typeof ControllerProfileSchema>>;
export type ProfileControl = ControllerProfile['controls'][number];
