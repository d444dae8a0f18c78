import { Type, type Static } from '@sinclair/typebox';

/**
 * Delivery targets: the loudness and true-peak a master is made for, shown on the meters and on
 * the recall sheet. Figures are the services' published normalisation levels (DESIGN.md,
 * "Delivery targets"). `lufs` null: no loudness normalisation applies (CD, vinyl), only the peak
 * ceiling. A session stores the resolved figures, not just the preset id, so a later change of
 * this table never changes an old job.
 */
export interface DeliveryPreset {
  readonly name: string;
  /** Integrated loudness target, LUFS; null when the medium does not normalise. */
  readonly lufs: number | null;
  /** True-peak ceiling, dBTP. */
  readonly truePeakDb: number;
  readonly note: string;
}

export const DELIVERY_PRESETS = {
  spotify: { name: 'Spotify', lufs: -14, truePeakDb: -1, note: 'Masters louder than -14 LUFS: keep true peak at or below -2 dBTP (loud -11, quiet -19).' },
  'apple-music': { name: 'Apple Music', lufs: -16, truePeakDb: -1, note: 'Sound Check normalises to -16 LUFS.' },
  youtube: { name: 'YouTube', lufs: -14, truePeakDb: -1, note: 'Turns louder uploads down, never quieter ones up.' },
  amazon: { name: 'Amazon Music', lufs: -14, truePeakDb: -2, note: '' },
  tidal: { name: 'Tidal', lufs: -14, truePeakDb: -1, note: '' },
  deezer: { name: 'Deezer', lufs: -15, truePeakDb: -1, note: '' },
  'ebu-r128': { name: 'EBU R128 broadcast', lufs: -23, truePeakDb: -1, note: 'Integrated -23 LUFS within ±0.2 LU (±1 LU live).' },
  // Detent's choice for CD: no normalisation; -0.3 dBTP keeps inter-sample overs out of
  // consumer DACs and of a later lossy encode.
  cd: { name: 'CD', lufs: null, truePeakDb: -0.3, note: 'No loudness normalisation: loudness is an artistic choice; watch inter-sample peaks.' },
  vinyl: {
    name: 'Vinyl-friendly',
    lufs: null,
    truePeakDb: -1,
    note: 'No loudness standard: leave dynamics, keep the low end mono (stereo.monoBelow about 100-150 Hz), tame sibilance and extreme highs.',
  },
  custom: { name: 'Custom', lufs: -14, truePeakDb: -1, note: 'Figures set by hand.' },
} as const satisfies Record<string, DeliveryPreset>;

export type DeliveryPresetId = keyof typeof DELIVERY_PRESETS;
export const DELIVERY_PRESET_IDS = Object.keys(DELIVERY_PRESETS) as DeliveryPresetId[];

/** The stored figures; `options` adds schema options (a default) where it is used. */
export const deliverySchema = (options: { default?: unknown } = {}) =>
  Type.Object(
    {
      preset: Type.Union(
        DELIVERY_PRESET_IDS.map((id) => Type.Literal(id)),
        { description: 'Preset the figures came from; custom when set by hand.' },
      ),
      lufs: Type.Union([Type.Number({ minimum: -70, maximum: 0 }), Type.Null()], { description: 'Integrated loudness target, LUFS; null: none.' }),
      truePeakDb: Type.Number({ minimum: -20, maximum: 0, description: 'True-peak ceiling, dBTP.' }),
    },
    { additionalProperties: false, ...options },
  );
export const DeliverySchema = deliverySchema();
export type Delivery = Static<typeof DeliverySchema>;

/** The stored figures of a preset. `custom` takes the figures given (or the preset's placeholders). */
export function delivery(preset: DeliveryPresetId, custom?: { lufs?: number | null; truePeakDb?: number }): Delivery {
  const p: DeliveryPreset = DELIVERY_PRESETS[preset];
  if (preset !== 'custom') return { preset, lufs: p.lufs, truePeakDb: p.truePeakDb };
  return { preset, lufs: custom?.lufs === undefined ? p.lufs : custom.lufs, truePeakDb: custom?.truePeakDb ?? p.truePeakDb };
}

export const DEFAULT_DELIVERY: Delivery = Object.freeze(delivery('spotify'));
