import { Type } from '@sinclair/typebox';
import { Text } from './names.js';

/**
 * Which engine the parameters drive: the embedded chain (default), or an external engine over OSC
 * (bridge/engine/osc-target): Reaper (`/track/<n>/fx/<m>/fxparam/<p>/value`, normalised), Ardour
 * (`/strip/plugin/parameter`, native range, after `/set_surface`), or a generic
 * `/detent/engine/<id> <plain>` for anything else that listens.
 */
const Peer = {
  host: Text,
  port: Type.Integer({ minimum: 1, maximum: 65535, description: "The engine's OSC port." }),
  listenPort: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535, description: 'Local port for its feedback (Reaper: the device port in its OSC settings); 0 or absent: any.' })),
};
const ParamNumbers = Type.Optional(
  Type.Record(Type.String(), Type.Integer({ minimum: 1 }), { description: "Plugin parameter number per Detent parameter id; default the id's position in the chain (1-based)." }),
);

const Template = Type.Union([
  Type.Object({ kind: Type.Literal('reaper'), ...Peer, track: Type.Integer({ minimum: 1 }), fx: Type.Integer({ minimum: 1 }), params: ParamNumbers }, { additionalProperties: false }),
  Type.Object(
    {
      kind: Type.Literal('ardour'),
      ...Peer,
      ssid: Type.Integer({ minimum: 1, description: 'Strip id.' }),
      piid: Type.Integer({ minimum: 1, description: 'Plugin id on the strip.' }),
      params: ParamNumbers,
      stripTypes: Type.Optional(Type.Integer({ minimum: 0 })),
      feedback: Type.Optional(Type.Integer({ minimum: 0 })),
    },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('generic'), ...Peer, prefix: Type.Optional(Type.String({ pattern: '^/' })) }, { additionalProperties: false }),
]);

export const EngineSchema = Type.Union(
  [Type.Object({ kind: Type.Literal('embedded') }, { additionalProperties: false }), Type.Object({ kind: Type.Literal('osc'), template: Template }, { additionalProperties: false })],
  { default: { kind: 'embedded' }, description: 'The embedded mastering chain (default) or an external engine over OSC.' },
);
