/**
 * The EBU loudness compliance signals that can be generated from their descriptions, at 48 kHz:
 * EBU Tech 3341 v4 (§4, Table 1 and the true-peak cases) and EBU Tech 3342 v4 (§4, Table 1).
 * Levels are the sine's peak in dBFS; "stereo" means the same sine on L and R.
 */
export const RATE = 48000;

export interface Segment {
  readonly seconds: number;
  readonly dbfs: number;
}

export interface EbuCase {
  readonly name: string;
  readonly channels: readonly Float32Array<ArrayBuffer>[];
  /** Expected values and tolerances (from the standard). */
  readonly expect: {
    readonly integrated?: number;
    readonly momentaryConst?: { value: number; after: number };
    readonly shortConst?: { value: number; after: number };
    readonly momentary?: number;
    readonly shortTerm?: number;
    readonly range?: number;
    /** True peak, dBTP, tolerance +0.2 / −0.4 (Tech 3341 §2.9). */
    readonly truePeak?: number;
  };
}

/** A 1 kHz sine through the segments, phase-continuous. */
export function steps(segments: readonly Segment[], hz = 1000): Float32Array<ArrayBuffer> {
  const total = segments.reduce((s, g) => s + Math.round(g.seconds * RATE), 0);
  const x = new Float32Array(total);
  let i = 0;
  for (const g of segments) {
    const a = 10 ** (g.dbfs / 20);
    const n = Math.round(g.seconds * RATE);
    for (let k = 0; k < n; k++, i++) x[i] = a * Math.sin((2 * Math.PI * hz * i) / RATE);
  }
  return x;
}

const stereo = (x: Float32Array<ArrayBuffer>): Float32Array<ArrayBuffer>[] => [x, x.slice()];
const repeat = (segs: readonly Segment[], n: number): Segment[] => Array.from({ length: n }, () => segs).flat();

/** Length of the raised-cosine fades at both ends of the true-peak cases, frames (50 ms). */
const TP_FADE = RATE / 20;

/**
 * A sine at `freq` Hz, amplitude `amp` (linear), starting phase `deg`, 5 s, with 50 ms fades: an
 * abrupt start is itself an overshoot of the band-limited reconstruction (+0.7 dB at fs/8), which
 * is not what the cases measure and which meters read differently (ffmpeg's resampler vs a FIR).
 */
function tpSine(freq: number, amp: number, deg: number): Float32Array<ArrayBuffer>[] {
  const x = new Float32Array(5 * RATE);
  for (let i = 0; i < x.length; i++) {
    const edge = Math.min(i, x.length - 1 - i);
    const fade = edge >= TP_FADE ? 1 : 0.5 - 0.5 * Math.cos((Math.PI * edge) / TP_FADE);
    x[i] = fade * amp * Math.sin((2 * Math.PI * freq * i) / RATE + (deg * Math.PI) / 180);
  }
  return stereo(x);
}

export const TECH_3341: readonly EbuCase[] = [
  { name: '3341 #1 stereo 1 kHz -23 dBFS 20 s', channels: stereo(steps([{ seconds: 20, dbfs: -23 }])), expect: { integrated: -23, momentary: -23, shortTerm: -23 } },
  { name: '3341 #2 stereo 1 kHz -33 dBFS 20 s', channels: stereo(steps([{ seconds: 20, dbfs: -33 }])), expect: { integrated: -33, momentary: -33, shortTerm: -33 } },
  {
    name: '3341 #3 -36 / -23 / -36 dBFS (10, 60, 10 s)',
    channels: stereo(steps([{ seconds: 10, dbfs: -36 }, { seconds: 60, dbfs: -23 }, { seconds: 10, dbfs: -36 }])),
    expect: { integrated: -23 },
  },
  {
    name: '3341 #4 -72 / -36 / -23 / -36 / -72 dBFS',
    channels: stereo(steps([{ seconds: 10, dbfs: -72 }, { seconds: 10, dbfs: -36 }, { seconds: 60, dbfs: -23 }, { seconds: 10, dbfs: -36 }, { seconds: 10, dbfs: -72 }])),
    expect: { integrated: -23 },
  },
  {
    name: '3341 #5 -26 / -20 / -26 dBFS (20, 20.1, 20 s)',
    channels: stereo(steps([{ seconds: 20, dbfs: -26 }, { seconds: 20.1, dbfs: -20 }, { seconds: 20, dbfs: -26 }])),
    expect: { integrated: -23 },
  },
  {
    name: '3341 #6 5.0 channels L/R -28, C -24, Ls/Rs -30 dBFS',
    channels: [-28, -28, -24, -30, -30].map((d) => steps([{ seconds: 20, dbfs: d }])),
    expect: { integrated: -23 },
  },
  {
    name: '3341 #9 (1.34 s -20 / 1.66 s -30) x 5: short-term constant',
    channels: stereo(steps(repeat([{ seconds: 1.34, dbfs: -20 }, { seconds: 1.66, dbfs: -30 }], 5))),
    expect: { shortConst: { value: -23, after: 3 } },
  },
  {
    name: '3341 #12 (0.18 s -20 / 0.22 s -30) x 25: momentary constant',
    channels: stereo(steps(repeat([{ seconds: 0.18, dbfs: -20 }, { seconds: 0.22, dbfs: -30 }], 25))),
    expect: { momentaryConst: { value: -23, after: 1 } },
  },
  { name: '3341 #15 fs/4 at 0.5 FS, phase 0', channels: tpSine(RATE / 4, 0.5, 0), expect: { truePeak: -6 } },
  { name: '3341 #16 fs/4 at 0.5 FS, phase 45', channels: tpSine(RATE / 4, 0.5, 45), expect: { truePeak: -6 } },
  { name: '3341 #17 fs/6 at 0.5 FS, phase 60', channels: tpSine(RATE / 6, 0.5, 60), expect: { truePeak: -6 } },
  { name: '3341 #18 fs/8 at 0.5 FS, phase 67.5', channels: tpSine(RATE / 8, 0.5, 67.5), expect: { truePeak: -6 } },
  { name: '3341 #19 fs/4 at 1.41 FS, phase 45', channels: tpSine(RATE / 4, 1.41, 45), expect: { truePeak: 3 } },
];

export const TECH_3342: readonly EbuCase[] = [
  { name: '3342 #1 -20 / -30 dBFS', channels: stereo(steps([{ seconds: 20, dbfs: -20 }, { seconds: 20, dbfs: -30 }])), expect: { range: 10 } },
  { name: '3342 #2 -20 / -15 dBFS', channels: stereo(steps([{ seconds: 20, dbfs: -20 }, { seconds: 20, dbfs: -15 }])), expect: { range: 5 } },
  { name: '3342 #3 -40 / -20 dBFS', channels: stereo(steps([{ seconds: 20, dbfs: -40 }, { seconds: 20, dbfs: -20 }])), expect: { range: 20 } },
  {
    name: '3342 #4 -50 / -35 / -20 / -35 / -50 dBFS',
    channels: stereo(steps([-50, -35, -20, -35, -50].map((dbfs) => ({ seconds: 20, dbfs })))),
    expect: { range: 15 },
  },
];
