import { Type, type Static } from '@sinclair/typebox';
import type { Frozen } from './freeze.js';
import { ControlName, Id, ParamName, SchemaRef, SchemaVersion, Text } from './names.js';

/**
 * Mapping set (`mappings/sets/*.json`): virtual controls → chain parameters through glue. It never
 * names an OSC address, MIDI message or serial channel: that is the controller profile's job.
 */

/** A position 0..1 (normalised, not plain units). */
const UnitNumber = (dflt: number) => Type.Number({ minimum: 0, maximum: 1, default: dflt });

/** A part of 0..1; min > max is allowed and runs the range backwards. */
const UnitRange = (description: string) =>
  Type.Object({ min: UnitNumber(0), max: UnitNumber(1) }, { additionalProperties: false, default: {}, description });

const Curve = Type.Number({ exclusiveMinimum: 0, default: 4, description: 'Curvature k > 0; 4 spreads the bottom of the travel over about a decade.' });

export const TaperSchema = Type.Union(
  [
    Type.Object({ kind: Type.Literal('linear') }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal('log'), curve: Curve }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal('exponential'), curve: Curve }, { additionalProperties: false }),
  ],
  { default: { kind: 'linear' }, description: 'How the control feels: linear, log (fast start, audio-taper feel) or exponential (slow start).' },
);

/** Applied in this order: source range → reverse → taper → target range → step (core Glue). */
export const GlueSchema = Type.Object(
  {
    source: UnitRange('The part of the control travel used.'),
    target: UnitRange("The part of the parameter's normalised range reached."),
    outOfRange: Type.Union([Type.Literal('ignore'), Type.Literal('clamp'), Type.Literal('min-or-max')], {
      default: 'clamp',
      description: 'Control positions outside the source range: ignore them, or pin to the nearer end.',
    }),
    reverse: Type.Boolean({ default: false }),
    taper: TaperSchema,
    step: Type.Number({
      minimum: 0,
      default: 0,
      description: "Step in the target parameter's plain units (0.5 = half-dB steps, like a stepped attenuator); 0 = the parameter's own step.",
    }),
  },
  { additionalProperties: false, default: {} },
);

export const MappingSchema = Type.Object(
  {
    id: Type.Optional(Id('out-trim', "Stable id; default '<control>:<target>'.")),
    control: ControlName,
    target: ParamName,
    feedback: Type.Boolean({ default: true, description: "Send the parameter's value back to the control." }),
    glue: GlueSchema,
  },
  { additionalProperties: false },
);

export const MappingSetSchema = Type.Object(
  {
    $schema: SchemaRef,
    schemaVersion: SchemaVersion,
    name: Text,
    description: Type.Optional(Type.String()),
    mappings: Type.Array(MappingSchema, { default: [] }),
  },
  { additionalProperties: false },
);

/** A loaded set as written (ids may be absent): validated, defaults filled, deep-frozen. */
export type MappingSet = Frozen<Static<typeof MappingSetSchema>>;
export type MappingEntry = MappingSet['mappings'][number];
