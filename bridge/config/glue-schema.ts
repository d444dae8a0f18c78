import { Type, type Static } from '@sinclair/typebox';
import type { Frozen } from './freeze.js';
import { ButtonSchema, RelativeSchema, TakeoverSchema } from './glue-action-schema.js';
import { CurveSchema, StepSchema, TaperSchema } from './glue-shape-schema.js';

/** A position 0..1 (normalised, not plain units). */
const UnitNumber = (dflt: number) => Type.Number({ minimum: 0, maximum: 1, default: dflt });

/** A part of 0..1; min > max is allowed and runs the range backwards. */
const UnitRange = (description: string) =>
  Type.Object({ min: UnitNumber(0), max: UnitNumber(1) }, { additionalProperties: false, default: {}, description });

/**
 * A mapping's glue as a file writes it; every field is optional and the defaults pass the control
 * straight through (full ranges, clamp, no reverse, no curve, the parameter's scale, no extra
 * step), with soft takeover `pickup` so that nothing jumps on recall. Absolute controls go:
 * source range → reverse → curve → taper → target range → step (core Glue, bridge/core/mapping).
 */
export const GlueSchema = Type.Object(
  {
    source: UnitRange('The part of the control travel used, 0..1 (default all of it).'),
    target: UnitRange("The part of the parameter's normalised range reached, 0..1 (default all of it); min > max runs it backwards."),
    outOfRange: Type.Union([Type.Literal('ignore'), Type.Literal('clamp'), Type.Literal('min-or-max')], {
      default: 'clamp',
      description: 'Control positions outside the source range: ignore them, or pin to the nearer end (default clamp).',
    }),
    reverse: Type.Boolean({ default: false, description: 'Run the control backwards.' }),
    curve: CurveSchema,
    taper: TaperSchema,
    step: StepSchema,
    relative: RelativeSchema,
    button: ButtonSchema,
    takeover: TakeoverSchema,
  },
  { additionalProperties: false, default: {}, description: 'How the control drives the parameter; every field optional.' },
);

export type GlueFile = Frozen<Static<typeof GlueSchema>>;
