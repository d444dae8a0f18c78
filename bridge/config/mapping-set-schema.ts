import { SNAPSHOT_NAME_PATTERN } from '../session/model/names.js';
import { Type, type Static } from '@sinclair/typebox';
import type { Frozen } from './freeze.js';
import { GlueSchema } from './glue-schema.js';
import { ControlName, Id, PageName, ParamName, SchemaRef, SchemaVersion, Text } from './names.js';

/**
 * Mapping set (`mappings/sets/*.json`): virtual controls → chain parameters through glue. It never
 * names an OSC address, MIDI message or serial channel: that is the controller profile's job.
 */

/** A modifier: a button's name (held) or `{ "control": ..., "held": false }`. */
const Modifier = Type.Union([
  ControlName,
  Type.Object({ control: ControlName, held: Type.Boolean({ default: true }) }, { additionalProperties: false }),
]);

export const ConditionSchema = Type.Object(
  {
    modifiers: Type.Array(Modifier, {
      default: [],
      description: 'Buttons that must be held ("button/shift") or not held ({"control": "button/shift", "held": false}).',
    }),
    page: Type.Optional(PageName),
  },
  {
    additionalProperties: false,
    description: 'When the mapping is active: every modifier in its state and, when set, the current page is `page`. Absent: always.',
  },
);

export const MappingSchema = Type.Object(
  {
    id: Type.Optional(
      Id('out-trim', "Stable id; default '<control>:<target>', plus '@<page>' and '+<modifier>' / '-<modifier>' for each condition."),
    ),
    control: ControlName,
    target: ParamName,
    feedback: Type.Boolean({ default: true, description: "Send the parameter's value back to the control." }),
    when: Type.Optional(ConditionSchema),
    glue: GlueSchema,
    enabled: Type.Boolean({
      default: true,
      description: 'false: kept in the file but not used. In the learned overlay, removes the configured set\'s mapping with the same id (what the dashboard\'s Delete writes).',
    }),
  },
  { additionalProperties: false },
);

export const ModesSchema = Type.Object(
  {
    fine: Type.Optional(
      Type.Object(
        {
          control: ControlName,
          factor: Type.Number({ exclusiveMinimum: 0, maximum: 1, default: 0.1, description: 'Fraction of the normal movement while held (default 0.1).' }),
        },
        { additionalProperties: false, description: 'The fine modifier: while its button is held, absolute and relative controls move `factor` as far.' },
      ),
    ),
    pages: Type.Optional(
      Type.Object(
        {
          names: Type.Array(PageName, { minItems: 1, description: 'The pages, the first active at start.' }),
          next: Type.Optional(ControlName),
          previous: Type.Optional(ControlName),
          select: Type.Array(Type.Object({ control: ControlName, page: PageName }, { additionalProperties: false }), {
            default: [],
            description: 'Buttons that each select one page.',
          }),
        },
        {
          additionalProperties: false,
          description: 'Pages switch which parameters a group of controls drives: mappings with `when.page` are active on their page only.',
        },
      ),
    ),
    recall: Type.Array(
      Type.Object(
        {
          control: ControlName,
          snapshot: Type.String({ pattern: SNAPSHOT_NAME_PATTERN, examples: ['A'], description: "A snapshot of the current session ('A', 'loud-master')." }),
        },
        { additionalProperties: false },
      ),
      {
        default: [],
        description:
          'Hardware recall: a press of the button recalls the snapshot in the current session (every parameter at once, with feedback to the controllers). A MIDI program change works through a profile control with a `program` source.',
      },
    ),
  },
  { additionalProperties: false, default: {}, description: 'Set-wide modes: the fine modifier, pages and recall buttons.' },
);

export const MappingSetSchema = Type.Object(
  {
    $schema: SchemaRef,
    schemaVersion: SchemaVersion,
    name: Text,
    description: Type.Optional(Type.String()),
    modes: ModesSchema,
    mappings: Type.Array(MappingSchema, { default: [] }),
  },
  { additionalProperties: false },
);

/** A loaded set as written (ids may be absent): validated, defaults filled, deep-frozen. */
export type MappingSet = Frozen<Static<typeof MappingSetSchema>>;
export type MappingEntry = MappingSet['mappings'][number];
export type ConditionFile = NonNullable<MappingEntry['when']>;
