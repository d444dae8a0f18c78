import { Type } from '@sinclair/typebox';
import { names } from './glue-shape-schema.js';

/**
 * How relative controls, buttons and soft takeover act, in the friendly JSON forms of
 * mapping-set files (compiled to core RelativeGlue, ButtonAction and TakeoverMode by glue.ts).
 */

export const RelativeSchema = Type.Object(
  {
    step: Type.Number({ minimum: 0, default: 0, description: 'Plain units per detent; 0 (default) = 1 % of the parameter range.' }),
    speed: Type.Number({ exclusiveMinimum: 0, default: 1, description: 'Multiplies the step (default 1).' }),
    acceleration: Type.Number({
      minimum: 0,
      default: 0,
      description: 'Step × (1 + acceleration × detents per second / 10); 0 (default) = none.',
    }),
    wrap: Type.Boolean({ default: false, description: 'At an end, jump to the other end (default false: stay).' }),
  },
  {
    additionalProperties: false,
    default: {},
    description: 'Relative controls (encoders): {"step": 0.1, "speed": 1, "acceleration": 1, "wrap": false}.',
  },
);

const SIMPLE_BUTTONS = ['momentary', 'toggle', 'reset'] as const;
const STEP_BUTTONS = ['increment', 'decrement'] as const;

export const ButtonSchema = Type.Union(
  [
    names(SIMPLE_BUTTONS),
    Type.Union([
      ...SIMPLE_BUTTONS.map((kind) => Type.Object({ kind: Type.Literal(kind) }, { additionalProperties: false })),
      ...STEP_BUTTONS.map((kind) =>
        Type.Object({ kind: Type.Literal(kind), step: Type.Number({ exclusiveMinimum: 0, description: 'Plain units per press.' }) }, { additionalProperties: false }),
      ),
      Type.Object({ kind: Type.Literal('set'), value: Type.Number({ description: 'Plain value set on press.' }) }, { additionalProperties: false }),
    ]),
  ],
  {
    default: 'momentary',
    description:
      'Buttons: "momentary" (default: the target range max while held, its min on release), "toggle" (flips between them on each press), "reset" (the parameter default on press); {"kind": "increment", "step": 0.5} / {"kind": "decrement", "step": 0.5} (plain units per press); {"kind": "set", "value": -1} (plain value on press).',
  },
);

const SIMPLE_TAKEOVER = ['off', 'pickup', 'catch-up', 'parallel'] as const;
const TOLERANT_TAKEOVER = ['pickup-tolerant', 'long-time-no-see'] as const;
/** Takeover tolerance (positions, 0..1) when a file names a tolerant mode without one. */
export const DEFAULT_TAKEOVER_TOLERANCE = 0.05;

export const TakeoverSchema = Type.Union(
  [
    names([...SIMPLE_TAKEOVER, ...TOLERANT_TAKEOVER]),
    Type.Union([
      ...SIMPLE_TAKEOVER.map((kind) => Type.Object({ kind: Type.Literal(kind) }, { additionalProperties: false })),
      ...TOLERANT_TAKEOVER.map((kind) =>
        Type.Object(
          {
            kind: Type.Literal(kind),
            tolerance: Type.Number({ exclusiveMinimum: 0, maximum: 1, default: DEFAULT_TAKEOVER_TOLERANCE, description: 'Control travel, 0..1 (default 0.05).' }),
          },
          { additionalProperties: false },
        ),
      ),
    ]),
  ],
  {
    default: 'pickup',
    description:
      'Soft takeover for absolute controls, so that recalling a session or switching a page or layer never makes a parameter jump: "pickup" (default: the control takes over once it passes the parameter\'s position), "off" (jump), "catch-up" (scale to meet at the end moved towards), "parallel" (move by the control\'s change); {"kind": "pickup-tolerant", "tolerance": 0.05} (also take over within the tolerance), {"kind": "long-time-no-see", "tolerance": 0.05} (approach gradually when further away).',
  },
);
