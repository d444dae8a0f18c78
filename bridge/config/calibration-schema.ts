import { Type, type Static } from '@sinclair/typebox';
import type { Frozen } from './freeze.js';
import { SchemaRef, SchemaVersion } from './names.js';

/**
 * A serial knob box's calibration (`<stateDir>/calibration/<profile>--<device>.json`), written by
 * `detent calibrate` and the dashboard, read whenever that box is opened with that profile. It
 * replaces the profile's calibration and filter settings for the channels it names.
 */
const ChannelCalibration = Type.Object(
  {
    min: Type.Number({ description: 'Raw counts at one end of travel.' }),
    max: Type.Number({ description: 'Raw counts at the other end.' }),
    taper: Type.Union([Type.Array(Type.Number({ minimum: 0, maximum: 1 }), { minItems: 3, maxItems: 101 }), Type.Null()], { default: null }),
    noise: Type.Optional(
      Type.Object(
        { sd: Type.Number({ minimum: 0 }), peakToPeak: Type.Number({ minimum: 0 }) },
        { additionalProperties: false, description: 'Measured at rest, in raw counts.' },
      ),
    ),
    filter: Type.Optional(
      Type.Object(
        {
          minCutoff: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
          beta: Type.Optional(Type.Number({ minimum: 0 })),
          dCutoff: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
          sleep: Type.Optional(Type.Number({ minimum: 0 })),
          hysteresis: Type.Optional(Type.Number({ minimum: 0 })),
          resolution: Type.Optional(Type.Integer({ minimum: 2, maximum: 65536 })),
        },
        { additionalProperties: false, description: 'Filter settings suggested from the measured noise.' },
      ),
    ),
  },
  // The `{}` default only makes TypeBox's Value.Default visit the channels (it skips a Record's
  // values whose schema has no default), so a channel without `taper` gets its null; a channel is
  // never missing, and `min` and `max` stay required.
  { additionalProperties: false, default: {} },
);

export const CalibrationFileSchema = Type.Object(
  {
    $schema: SchemaRef,
    schemaVersion: SchemaVersion,
    profile: Type.String({ minLength: 1 }),
    device: Type.String({ minLength: 1, description: 'The box: USB serial number, by-id name or port path.' }),
    measuredAt: Type.String({ description: 'ISO 8601 time of the measurement.' }),
    // Closed: a key outside the pattern is refused, not passed on unchecked.
    channels: Type.Record(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_./-]*$' }), ChannelCalibration, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

export type CalibrationFile = Frozen<Static<typeof CalibrationFileSchema>>;
