/**
 * The demo loop: a short, music-like stereo groove generated in code, so the daemon makes sound
 * with no file and tests have a realistic, deterministic programme. Pure: the same sample rate
 * gives the same samples, bit for bit.
 *
 * 120 bpm, 4 bars (8 s) of Am – F – C – G: kick on every beat, snare on 2 and 4, an eighth-note
 * bass on the chord root, a detuned pad (different detune left and right, notes panned apart, so
 * width is audible) and hi-hats from seeded noise panned right. Normalised to a -6 dBFS peak.
 */

export const DEMO_BPM = 120;
export const DEMO_BARS = 4;
/** Peak level of the loop, dBFS. */
export const DEMO_PEAK_DB = -6;

const BEAT_S = 60 / DEMO_BPM;
const BAR_S = 4 * BEAT_S;
const CHORDS: readonly (readonly number[])[] = [
  [57, 60, 64], // A minor
  [53, 57, 60], // F major
  [60, 64, 67], // C major
  [55, 59, 62], // G major
];
const ROOTS = [33, 29, 36, 31];

const midiHz = (m: number): number => 440 * 2 ** ((m - 69) / 12);

/** A small seeded PRNG (mulberry32): deterministic noise in [-1, 1). */
function noise(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  };
}

/** A stereo buffer whose writes wrap around its end, so tails continue at the loop's start. */
class LoopMix {
  readonly l: Float32Array<ArrayBuffer>;
  readonly r: Float32Array<ArrayBuffer>;
  constructor(readonly rate: number, readonly length: number) {
    this.l = new Float32Array(length);
    this.r = new Float32Array(length);
  }
  /** Adds voice(t) for t in [0, dur) seconds from `start` seconds, with left/right gains. */
  voice(start: number, dur: number, gl: number, gr: number, voice: (t: number) => number): void {
    const i0 = Math.round(start * this.rate);
    const n = Math.round(dur * this.rate);
    for (let k = 0; k < n; k++) {
      const v = voice(k / this.rate);
      const i = (i0 + k) % this.length;
      this.l[i] = (this.l[i] ?? 0) + v * gl;
      this.r[i] = (this.r[i] ?? 0) + v * gr;
    }
  }
}

function kick(t: number): number {
  const phase = 2 * Math.PI * (48 * t + 110 * 0.035 * (1 - Math.exp(-t / 0.035)));
  return Math.sin(phase) * Math.exp(-t / 0.22);
}

function bassNote(hz: number, dur: number): (t: number) => number {
  return (t) => {
    let v = 0;
    for (let k = 1; k <= 6; k++) v += Math.sin(2 * Math.PI * hz * k * t) / (k * k);
    const env = Math.min(1, t / 0.005) * Math.min(1, (dur - t) / 0.02) * (0.6 + 0.4 * Math.exp(-t / 0.08));
    return v * env;
  };
}

function padNote(hz: number, cents: number, dur: number): (t: number) => number {
  const f = hz * 2 ** (cents / 1200);
  return (t) => {
    const env = Math.min(1, t / 0.25) * Math.min(1, (dur - t) / 0.3);
    return (Math.sin(2 * Math.PI * f * t) + 0.25 * Math.sin(2 * Math.PI * 3 * f * t)) * env;
  };
}

function filteredNoise(seed: number, decay: number): (t: number) => number {
  const rnd = noise(seed);
  let prev = 0;
  // A first difference: a gentle high-pass that leaves hiss, not rumble.
  return (t) => {
    const x = rnd();
    const y = x - prev;
    prev = x;
    return y * Math.exp(-t / decay);
  };
}

/** Renders the loop at `sampleRate`: [left, right], 8 s, peak at DEMO_PEAK_DB. */
export function demoLoop(sampleRate: number): [Float32Array<ArrayBuffer>, Float32Array<ArrayBuffer>] {
  const mix = new LoopMix(sampleRate, Math.round(DEMO_BARS * BAR_S * sampleRate));
  for (let bar = 0; bar < DEMO_BARS; bar++) {
    const t0 = bar * BAR_S;
    const chord = CHORDS[bar % CHORDS.length] ?? [];
    const root = ROOTS[bar % ROOTS.length] ?? 33;
    for (let beat = 0; beat < 4; beat++) {
      const tb = t0 + beat * BEAT_S;
      mix.voice(tb, 0.45, 1, 1, kick);
      if (beat % 2 === 1) {
        const snare = filteredNoise(1000 + bar * 4 + beat, 0.09);
        mix.voice(tb, 0.3, 0.3, 0.26, (t) => snare(t) + 0.6 * Math.sin(2 * Math.PI * 185 * t) * Math.exp(-t / 0.05));
      }
    }
    for (let e = 0; e < 8; e++) {
      const te = t0 + (e * BEAT_S) / 2;
      mix.voice(te, BEAT_S / 2 - 0.01, 0.35, 0.35, bassNote(midiHz(e % 4 === 3 ? root + 12 : root), BEAT_S / 2 - 0.01));
      const hat = filteredNoise(bar * 16 + e, e % 2 === 1 ? 0.04 : 0.015);
      mix.voice(te, 0.15, 0.06, e % 2 === 1 ? 0.2 : 0.1, hat);
    }
    chord.forEach((m, k) => {
      const pan = (k - 1) * 0.6; // -0.6 left … +0.6 right
      const gl = 0.12 * (1 - pan);
      const gr = 0.12 * (1 + pan);
      mix.voice(t0, BAR_S + 0.2, gl, 0, padNote(midiHz(m), -7, BAR_S + 0.2));
      mix.voice(t0, BAR_S + 0.2, 0, gr, padNote(midiHz(m), 7, BAR_S + 0.2));
    });
  }
  normalise(mix.l, mix.r, 10 ** (DEMO_PEAK_DB / 20));
  return [mix.l, mix.r];
}

function normalise(l: Float32Array, r: Float32Array, peak: number): void {
  let max = 0;
  for (let i = 0; i < l.length; i++) max = Math.max(max, Math.abs(l[i] ?? 0), Math.abs(r[i] ?? 0));
  if (max === 0) return;
  const k = peak / max;
  for (let i = 0; i < l.length; i++) {
    l[i] = (l[i] ?? 0) * k;
    r[i] = (r[i] ?? 0) * k;
  }
}
