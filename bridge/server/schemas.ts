/**
 * TypeBox schemas of what the HTTP API returns. Each mirrors a TypeScript type owned elsewhere
 * (core, engine, messages); the `satisfies`-style checks at the bottom fail to compile when the
 * two drift apart.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { DeviceSnapshot } from '../core/devices.js';
import type { MeterFrame } from '../engine/interface.js';
import type { MappingView, ParamState } from './messages.js';

export const ParamUnitSchema = Type.Union(
  (['dB', 'Hz', 'ratio', 'ms', '%', 'Q', 'dB/oct', 'x', 'on/off', 'choice'] as const).map((u) => Type.Literal(u)),
);

export const ParamStateSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  module: Type.String(),
  unit: ParamUnitSchema,
  min: Type.Number(),
  max: Type.Number(),
  default: Type.Number(),
  scale: Type.Union([Type.Literal('linear'), Type.Literal('log'), Type.Literal('db')]),
  step: Type.Number(),
  choices: Type.Optional(Type.Array(Type.String())),
  value: Type.Number(),
  norm: Type.Number({ minimum: 0, maximum: 1 }),
});

export const MappingViewSchema = Type.Object({
  id: Type.String(),
  control: Type.String(),
  input: Type.Union([Type.String(), Type.Null()]),
  target: Type.String(),
  feedback: Type.Boolean(),
  glue: Type.Unknown(),
  active: Type.Boolean(),
  takeover: Type.String(),
  catch: Type.Union([
    Type.Object({
      caught: Type.Boolean(),
      knob: Type.Union([Type.Number(), Type.Null()]),
      direction: Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Null()]),
      distance: Type.Union([Type.Number(), Type.Null()]),
    }),
    Type.Null(),
  ]),
  source: Type.Union([Type.Literal('set'), Type.Literal('edited'), Type.Literal('added')]),
});

export const RemovedMappingViewSchema = Type.Object({ id: Type.String(), control: Type.String(), target: Type.String() });

export const DeviceStatusSchema = Type.Union([
  Type.Object({ state: Type.Literal('up') }),
  Type.Object({ state: Type.Literal('down'), reason: Type.String() }),
  Type.Object({ state: Type.Literal('unavailable'), reason: Type.String() }),
]);

export const DeviceSnapshotSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union(
    (['osc-in', 'osc-out', 'midi-in', 'midi-out', 'serial', 'engine'] as const).map((k) => Type.Literal(k)),
  ),
  name: Type.String(),
  status: DeviceStatusSchema,
  endpoint: Type.String(),
  lastActivity: Type.Union([Type.Number(), Type.Null()]),
  counters: Type.Record(Type.String(), Type.Number()),
  lastError: Type.Union([Type.String(), Type.Null()]),
});

export const LoudnessFrameSchema = Type.Object({
  momentary: Type.Number(),
  shortTerm: Type.Number(),
  integrated: Type.Number(),
  range: Type.Number(),
  maxMomentary: Type.Number(),
  maxShortTerm: Type.Number(),
  truePeakDb: Type.Array(Type.Number()),
  truePeakMaxDb: Type.Number(),
  correlation: Type.Number(),
  reductionDb: Type.Object({ dyneq: Type.Number(), comp: Type.Number(), limiter: Type.Number() }),
});

export const MeterFrameSchema = Type.Object({
  t: Type.Number(),
  peakDb: Type.Array(Type.Number()),
  rmsDb: Type.Array(Type.Number()),
  loudness: Type.Optional(LoudnessFrameSchema),
  /** 1/6-octave band levels, dB, in SPECTRUM_CENTRES_HZ order (`GET /api/meters/spectrum-bands`). */
  spectrumDb: Type.Optional(Type.Array(Type.Number())),
});

/** The spectrum's bands, constant: what `MeterFrame.spectrumDb[i]` is the level of. */
export const SpectrumBandsSchema = Type.Object({
  bandsPerOctave: Type.Number(),
  /** Exact mid-band frequencies, Hz (ISO 266 base-10 series: 1000 · 10^(x/20)). */
  centresHz: Type.Array(Type.Number()),
  /** Nominal frequencies for labels, Hz (20, 22.4, 25, ... 20000). */
  nominalHz: Type.Array(Type.Number()),
  /** Lower and upper edge of each band, Hz. */
  edgesHz: Type.Array(Type.Tuple([Type.Number(), Type.Number()])),
});

export const HealthSchema = Type.Object({ ok: Type.Literal(true), version: Type.String() });

// Compile-time drift checks: each schema's static type and the owning type must agree both ways
// (readonly aside), so a field added on one side only is a compile error here.
type Loose<T> = T extends readonly (infer E)[]
  ? Loose<E>[]
  : T extends object
    ? { -readonly [K in keyof T]: Loose<T[K]> }
    : T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const drift: [
  Same<Static<typeof ParamStateSchema>, Loose<ParamState>>,
  Same<Static<typeof DeviceSnapshotSchema>, Loose<DeviceSnapshot>>,
  Same<Static<typeof MeterFrameSchema>, Loose<MeterFrame>>,
  Same<Static<typeof MappingViewSchema>, Loose<MappingView>>,
] = [true, true, true, true];
void drift;
