import type { ParamDescriptor, ParamId, ParamScale, ParamUnit } from '../../core/param/descriptor.js';

/**
 * The embedded chain's parameters, as data. These ids are a contract: mapping sets, sessions and
 * the dashboard name them, so they never change once released (README, "Engine parameters").
 * Order is signal order:
 *   input → hpf → eq (low shelf, bands 1–3, high shelf; each stereo, mid or side) → dyneq → comp →
 *   stereo (width, mono below) → output gain → limiter (true peak, last: nothing after it can
 *   exceed its ceiling).
 * Each processing module has `<module>.bypass` (on/off, crossfaded, never a click). Shelves have no
 * Q: the Web Audio shelving biquad ignores it (DESIGN.md), and no parameter may do nothing.
 * The defaults are a transparent chain (only the limiter's −1 dBTP ceiling can act), so a fresh
 * session sounds like the source.
 */

const p = (id: ParamId, name: string, unit: ParamUnit, min: number, max: number, def: number, scale: ParamScale, step = 0): ParamDescriptor => ({
  id,
  name,
  module: id.split('.')[0] ?? id,
  unit,
  min,
  max,
  default: def,
  scale,
  step,
});

const gain = (id: ParamId, name: string, range: number): ParamDescriptor => p(id, name, 'dB', -range, range, 0, 'db');
const hz = (id: ParamId, name: string, min: number, max: number, def: number): ParamDescriptor => p(id, name, 'Hz', min, max, def, 'log');
const ms = (id: ParamId, name: string, min: number, max: number, def: number): ParamDescriptor => p(id, name, 'ms', min, max, def, 'log');
const bypass = (module: string, name: string, def = 0): ParamDescriptor => p(`${module}.bypass`, `${name} bypass`, 'on/off', 0, 1, def, 'linear', 1);

/** The values of an EQ band's mode parameter, in order: 0 stereo, 1 mid, 2 side. */
export const EQ_MODES = ['stereo', 'mid', 'side'] as const;
export type EqMode = (typeof EQ_MODES)[number];
const mode = (id: ParamId, name: string): ParamDescriptor => ({ ...p(id, name, 'choice', 0, EQ_MODES.length - 1, 0, 'linear', 1), choices: EQ_MODES });

/** Range of the EQ gains, ±dB: a mastering EQ moves a few dB; ±12 leaves room for corrective work. */
const EQ_RANGE_DB = 12;
/** Range of input and output gain, ±dB. */
const TRIM_RANGE_DB = 24;

/** The EQ sections: shelves (no Q) and bells, by id prefix, with their frequency ranges. */
export const EQ_SECTIONS = [
  { key: 'low', type: 'lowshelf', min: 20, max: 500, def: 100, name: 'Low shelf' },
  { key: 'band1', type: 'peaking', min: 30, max: 1000, def: 200, name: 'Band 1' },
  { key: 'band2', type: 'peaking', min: 200, max: 5000, def: 1000, name: 'Band 2' },
  { key: 'band3', type: 'peaking', min: 1000, max: 16000, def: 4000, name: 'Band 3' },
  { key: 'high', type: 'highshelf', min: 2000, max: 20000, def: 10000, name: 'High shelf' },
] as const;

const eq = EQ_SECTIONS.flatMap((s) => [
  hz(`eq.${s.key}.freq`, `${s.name} frequency`, s.min, s.max, s.def),
  gain(`eq.${s.key}.gain`, `${s.name} gain`, EQ_RANGE_DB),
  ...(s.type === 'peaking' ? [p(`eq.${s.key}.q`, `${s.name} Q`, 'Q', 0.3, 10, 1, 'log')] : []),
  mode(`eq.${s.key}.mode`, `${s.name} mode`),
]);

const LIST: ParamDescriptor[] = [
  gain('input.gain', 'Input gain', TRIM_RANGE_DB),
  hz('hpf.freq', 'High-pass frequency', 10, 150, 30),
  p('hpf.slope', 'High-pass slope', 'dB/oct', 12, 24, 12, 'linear', 12),
  bypass('hpf', 'High-pass', 1),
  ...eq,
  bypass('eq', 'EQ'),
  hz('dyneq.freq', 'Dynamic EQ frequency', 40, 16000, 6000),
  p('dyneq.q', 'Dynamic EQ Q', 'Q', 0.5, 10, 2, 'log'),
  p('dyneq.threshold', 'Dynamic EQ threshold', 'dB', -60, 0, 0, 'linear'),
  p('dyneq.ratio', 'Dynamic EQ ratio', 'ratio', 1, 20, 4, 'log'),
  ms('dyneq.attack', 'Dynamic EQ attack', 0.1, 50, 1),
  ms('dyneq.release', 'Dynamic EQ release', 10, 1000, 100),
  bypass('dyneq', 'Dynamic EQ'),
  p('comp.threshold', 'Compressor threshold', 'dB', -60, 0, 0, 'linear'),
  p('comp.ratio', 'Compressor ratio', 'ratio', 1, 20, 2, 'log'),
  ms('comp.attack', 'Compressor attack', 0.1, 100, 10),
  ms('comp.release', 'Compressor release', 10, 2000, 200),
  p('comp.knee', 'Compressor knee', 'dB', 0, 24, 6, 'linear'),
  p('comp.makeup', 'Compressor make-up', 'dB', 0, 24, 0, 'linear'),
  hz('comp.sidechainHpf', 'Compressor side-chain high-pass', 20, 500, 20),
  p('comp.mix', 'Compressor mix', '%', 0, 100, 100, 'linear'),
  bypass('comp', 'Compressor'),
  p('stereo.width', 'Stereo width', '%', 0, 200, 100, 'linear'),
  hz('stereo.monoBelow', 'Mono below', 10, 500, 10),
  bypass('stereo', 'Stereo'),
  gain('output.gain', 'Output gain', TRIM_RANGE_DB),
  p('limiter.ceiling', 'Limiter ceiling (dBTP)', 'dB', -12, 0, -1, 'linear'),
  ms('limiter.release', 'Limiter release', 1, 1000, 100),
  p('limiter.lookahead', 'Limiter lookahead', 'ms', 0.5, 10, 5, 'linear'),
  bypass('limiter', 'Limiter'),
];

export const CHAIN_PARAMS: readonly ParamDescriptor[] = Object.freeze(LIST.map((d) => Object.freeze(d)));

const BY_ID: ReadonlyMap<ParamId, ParamDescriptor> = new Map(CHAIN_PARAMS.map((d) => [d.id, d]));

/** The descriptor of a chain parameter, or undefined for an id the chain does not have. */
export const chainParam = (id: ParamId): ParamDescriptor | undefined => BY_ID.get(id);

/** Every parameter at its default: the chain's neutral setting. */
export function defaultValues(): Map<ParamId, number> {
  return new Map(CHAIN_PARAMS.map((d) => [d.id, d.default]));
}
