import type { ParamDescriptor, ParamId } from '../../core/param/descriptor.js';

/**
 * The embedded chain's parameters, as data. These ids are a contract: mapping sets, sessions and
 * the dashboard name them, so they never change once released.
 * Order is signal order: input → EQ (low shelf, three peaking bands, high shelf) → width → output.
 */

const dbParam = (id: ParamId, name: string, module: string, range: number, def = 0): ParamDescriptor => ({
  id,
  name,
  module,
  unit: 'dB',
  min: -range,
  max: range,
  default: def,
  scale: 'db',
  step: 0,
});

const hzParam = (id: ParamId, name: string, min: number, max: number, def: number): ParamDescriptor => ({
  id,
  name,
  module: 'eq',
  unit: 'Hz',
  min,
  max,
  default: def,
  scale: 'log',
  step: 0,
});

const qParam = (id: ParamId, name: string): ParamDescriptor => ({
  id,
  name,
  module: 'eq',
  unit: 'Q',
  min: 0.3,
  max: 10,
  default: 1,
  scale: 'log',
  step: 0,
});

/** Range of the EQ gains, ±dB: a mastering EQ moves a few dB; ±12 leaves room for corrective work. */
const EQ_RANGE_DB = 12;
/** Range of input and output gain, ±dB. */
const TRIM_RANGE_DB = 24;

const band = (n: 1 | 2 | 3, min: number, max: number, def: number): ParamDescriptor[] => [
  hzParam(`eq.band${n}.freq`, `Band ${n} frequency`, min, max, def),
  dbParam(`eq.band${n}.gain`, `Band ${n} gain`, 'eq', EQ_RANGE_DB),
  qParam(`eq.band${n}.q`, `Band ${n} Q`),
];

const LIST: ParamDescriptor[] = [
  dbParam('input.gain', 'Input gain', 'input', TRIM_RANGE_DB),
  hzParam('eq.low.freq', 'Low shelf frequency', 20, 500, 100),
  dbParam('eq.low.gain', 'Low shelf gain', 'eq', EQ_RANGE_DB),
  ...band(1, 30, 1000, 200),
  ...band(2, 200, 5000, 1000),
  ...band(3, 1000, 16000, 4000),
  hzParam('eq.high.freq', 'High shelf frequency', 2000, 20000, 10000),
  dbParam('eq.high.gain', 'High shelf gain', 'eq', EQ_RANGE_DB),
  {
    id: 'stereo.width',
    name: 'Stereo width',
    module: 'stereo',
    unit: '%',
    min: 0,
    max: 200,
    default: 100,
    scale: 'linear',
    step: 0,
  },
  dbParam('output.gain', 'Output gain', 'output', TRIM_RANGE_DB),
];

export const CHAIN_PARAMS: readonly ParamDescriptor[] = Object.freeze(LIST.map((d) => Object.freeze(d)));

const BY_ID: ReadonlyMap<ParamId, ParamDescriptor> = new Map(CHAIN_PARAMS.map((d) => [d.id, d]));

/** The descriptor of a chain parameter, or undefined for an id the chain does not have. */
export const chainParam = (id: ParamId): ParamDescriptor | undefined => BY_ID.get(id);

/** Every parameter at its default: the chain's neutral setting. */
export function defaultValues(): Map<ParamId, number> {
  return new Map(CHAIN_PARAMS.map((d) => [d.id, d.default]));
}
