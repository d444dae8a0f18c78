import { Type } from '@sinclair/typebox';

/**
 * The glue's shape on the way from control position to plain value, in the friendly JSON forms of
 * mapping-set files (compiled to core Curve, Taper and Step by glue.ts). Every option with
 * parameters is an object `{ "kind": name, ... }`; options without (or with defaults for all of
 * them) may also be written as the bare name.
 */

const kindObject = <K extends string>(kind: K) => Type.Object({ kind: Type.Literal(kind) }, { additionalProperties: false });
export const names = <K extends string>(ks: readonly K[]) => Type.Union(ks.map((k) => Type.Literal(k)));

export const CURVE_KINDS = ['exponential', 'log', 's-curve'] as const;
/** Curve strength when a file names a curve without `k`. */
export const DEFAULT_CURVE_K = 4;

export const CurveSchema = Type.Union(
  [
    names(['none', 'exponential', 'log', 's-curve'] as const),
    Type.Union([
      kindObject('none'),
      ...CURVE_KINDS.map((kind) =>
        Type.Object(
          { kind: Type.Literal(kind), k: Type.Number({ exclusiveMinimum: 0, maximum: 50, default: DEFAULT_CURVE_K, description: 'Strength k > 0 (default 4).' }) },
          { additionalProperties: false },
        ),
      ),
    ]),
  ],
  {
    default: 'none',
    description:
      'The feel of the travel, before the taper: "none" (default), "exponential" (slow start), "log" (fast start, like an audio-taper pot) or "s-curve" (slow at both ends); as an object with a strength: {"kind": "s-curve", "k": 3} (k > 0, default 4).',
  },
);

export const TAPER_KINDS = ['scale', 'linear', 'log', 'db'] as const;

/** One breakpoint: [control position 0..1, plain parameter value]. */
const TablePoint = Type.Tuple([Type.Number({ minimum: 0, maximum: 1 }), Type.Number()], {
  description: '[position 0..1, plain value in the parameter unit]',
});

export const TaperSchema = Type.Union(
  [
    names(TAPER_KINDS),
    Type.Union([
      ...TAPER_KINDS.map(kindObject),
      Type.Object(
        { kind: Type.Literal('table'), points: Type.Array(TablePoint, { minItems: 2 }) },
        { additionalProperties: false },
      ),
    ]),
  ],
  {
    default: 'scale',
    description:
      'Position to plain value: "scale" (default: the parameter\'s own scale, log for Hz, dB-linear for levels), "linear" (even plain steps), "log" (even ratios, for Hz and ms), "db" (dB-linear); or a breakpoint table {"kind": "table", "points": [[0, -24], [0.5, -6], [1, 6]]}: [position, plain value] pairs, positions ascending from 0 to 1, linear between points; the target range does not apply to a table.',
  },
);

export const StepSchema = Type.Union(
  [
    Type.Number({ minimum: 0 }),
    Type.Literal('none'),
    Type.Union([
      kindObject('none'),
      Type.Object({ kind: Type.Literal('plain'), size: Type.Number({ exclusiveMinimum: 0 }) }, { additionalProperties: false }),
      Type.Object(
        { kind: Type.Literal('octave'), fraction: Type.Integer({ minimum: 1, maximum: 48, description: 'Steps of 1/fraction octave: 3 = 1/3 octave.' }) },
        { additionalProperties: false },
      ),
    ]),
  ],
  {
    default: 'none',
    description:
      'Quantisation of the plain value: "none" (default; the parameter\'s own step still applies); a number of plain units, 0.5 = half-dB steps like a stepped attenuator (0 = none), same as {"kind": "plain", "size": 0.5}; or {"kind": "octave", "fraction": 3}: 1/3-octave steps on the ISO centres (…, 800, 1000, 1250, … Hz).',
  },
);
