import { assertNever } from '../../core/assert-never.js';
import { valueOf, type Binder, type Values } from './binder.js';
import { biquad, crossfade, msDecode, msEncode } from './nodes.js';
import { EQ_MODES, EQ_SECTIONS, type EqMode } from './params.js';

/**
 * The built-in-node stages of the chain. Each takes a stereo node and returns its stereo output;
 * the bypass crossfade is inside.
 */

/** Butterworth Q (1/√2) in dB, as Web Audio's high-pass takes its Q (DESIGN.md). */
const BUTTERWORTH_Q_DB = 20 * Math.log10(Math.SQRT1_2);

/**
 * High-pass, 12 or 24 dB/oct: one Butterworth biquad, or two in cascade (Linkwitz-Riley, −6 dB at
 * the frequency). The slope switch crossfades the two outputs (the `hpf.slope` value 12 → 0, 24 →
 * 1), so it never clicks; the frequency moves in log-frequency on both biquads.
 */
export function highPass(ctx: BaseAudioContext, b: Binder, input: AudioNode): AudioNode {
  const one = biquad(ctx, 'highpass', 2);
  const two = biquad(ctx, 'highpass', 2);
  for (const f of [one, two]) {
    f.Q.value = BUTTERWORTH_Q_DB;
    b.direct(f.frequency, 'filter-hz', 'hpf.freq');
  }
  input.connect(one).connect(two);
  const sum = ctx.createGain();
  const g12 = ctx.createGain();
  const g24 = ctx.createGain();
  one.connect(g12).connect(sum);
  two.connect(g24).connect(sum);
  const steep = (v: Values): number => (valueOf(v, 'hpf.slope') >= 18 ? 1 : 0);
  b.bind(g12.gain, 'fade', ['hpf.slope'], (v) => 1 - steep(v));
  b.bind(g24.gain, 'fade', ['hpf.slope'], steep);
  return crossfade(ctx, b, input, sum, 'hpf.bypass');
}

/** Whether an EQ band in `mode` acts on the mid (M) or side (S) signal. */
function acts(mode: EqMode, on: 'mid' | 'side'): boolean {
  switch (mode) {
    case 'stereo':
      return true;
    case 'mid':
    case 'side':
      return mode === on;
    default:
      return assertNever(mode, 'eq mode');
  }
}

const modeOf = (v: Values, id: string): EqMode => EQ_MODES[Math.round(valueOf(v, id))] ?? 'stereo';

/**
 * The five-band EQ in the mid/side domain: one biquad per band on M and one on S (the same
 * frequency and Q). Filtering M and S alike equals filtering L and R alike (linearity), so mode
 * `stereo` gives each the band's gain, `mid` or `side` only one; a mode change ramps the two gains
 * (in dB) rather than switching anything.
 */
export function equaliser(ctx: BaseAudioContext, b: Binder, input: AudioNode): AudioNode {
  let { mid, side } = msEncode(ctx, input);
  for (const s of EQ_SECTIONS) {
    for (const on of ['mid', 'side'] as const) {
      const f = biquad(ctx, s.type);
      b.direct(f.frequency, 'filter-hz', `eq.${s.key}.freq`);
      if (s.type === 'peaking') b.direct(f.Q, 'filter-q', `eq.${s.key}.q`);
      const [g, m] = [`eq.${s.key}.gain`, `eq.${s.key}.mode`];
      b.bind(f.gain, 'filter-db', [g, m], (v) => (acts(modeOf(v, m), on) ? valueOf(v, g) : 0));
      if (on === 'mid') mid = mid.connect(f);
      else side = side.connect(f);
    }
  }
  return crossfade(ctx, b, input, msDecode(ctx, mid, side), 'eq.bypass');
}

/**
 * Width and mono-below in mid/side: side → Butterworth high-pass at `stereo.monoBelow` → side gain
 * (width / 100) → decode. 0 % is mono, 100 % unchanged (at the lowest mono-below frequency, 10 Hz),
 * 200 % side doubled.
 */
export function stereo(ctx: BaseAudioContext, b: Binder, input: AudioNode): AudioNode {
  const { mid, side } = msEncode(ctx, input);
  const hp = biquad(ctx, 'highpass');
  hp.Q.value = BUTTERWORTH_Q_DB;
  b.direct(hp.frequency, 'filter-hz', 'stereo.monoBelow');
  const width = ctx.createGain();
  width.channelCount = 1;
  width.channelCountMode = 'explicit';
  b.direct(width.gain, 'width-pct', 'stereo.width');
  side.connect(hp).connect(width);
  return crossfade(ctx, b, input, msDecode(ctx, mid, width), 'stereo.bypass');
}
