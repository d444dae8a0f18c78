import { Type, type Static } from '@sinclair/typebox';
import type { Frozen } from './freeze.js';
import { ControlName, Id, OscAddress, SchemaRef, SchemaVersion, Text } from './names.js';

/**
 * Controller profile (`mappings/controllers/*.json`): names a device's physical controls as virtual
 * controls (`fader/1`) and says where each one's input arrives. Mapping sets name only the virtual
 * controls, so swapping a controller never touches a mapping set.
 *
 * Open for extension: `kind` discriminates the control (relative encoders and buttons come later
 * as more variants of a union) and `osc` is one input among future siblings (`midi`, `serial`).
 */

const OscInput = Type.Object(
  {
    address: OscAddress,
    feedback: Type.Boolean({ default: true, description: 'Send the mapped value back to this address (motor faders, rings, screens).' }),
  },
  { additionalProperties: false },
);

/** A control that reports an absolute position (fader, pot, rotary): OSC float 0..1. */
export const AbsoluteControl = Type.Object(
  { id: ControlName, kind: Type.Literal('absolute'), osc: OscInput },
  { additionalProperties: false },
);

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
      },
      { additionalProperties: false, default: {}, description: 'Which connected device the profile applies to.' },
    ),
    controls: Type.Array(AbsoluteControl),
  },
  { additionalProperties: false },
);

/** A loaded profile: validated, defaults filled, deep-frozen. */
export type ControllerProfile = Frozen<Static<typeof ControllerProfileSchema>>;
export type ProfileControl = ControllerProfile['controls'][number];
