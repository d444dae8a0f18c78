/** The learn detector on recorded-style sequences: what moves, what only jitters, and what kind it is. */
import { describe, expect, it } from 'vitest';
import { inferRange, LearnDetector, type Detection } from '../../bridge/learn/detect.js';

type Step = readonly [key: string, value: number, t: number];

/** Feeds a sequence, then settles at the end + 1 s; returns the first detection and when it came. */
function run(seq: readonly Step[]): { d: Detection | undefined; at: number | 'settle' | undefined } {
  const det = new LearnDetector();
  for (const [i, [key, v, t]] of seq.entries()) {
    const d = det.observe({ key, values: [v], t });
    if (d !== undefined) return { d, at: i };
  }
  const d = det.settle((seq[seq.length - 1]?.[2] ?? 0) + 1000);
  return { d, at: d === undefined ? undefined : 'settle' };
}

const at = (key: string, values: readonly number[], dt = 10, t0 = 0): Step[] => values.map((v, i) => [key, v, t0 + i * dt] as const);

/** TouchOSC Mk1 fader sweep (floats 0..1, about every 16 ms). */
const SWEEP = at('osc /1/fader1', [0.5, 0.503, 0.51, 0.522, 0.54, 0.57, 0.61], 16);
/** A fader under a resting hand: values within ±0.4 % of 0.5. */
const RESTING = at('osc /1/fader2', [0.5, 0.502, 0.498, 0.501, 0.499, 0.503, 0.497, 0.5, 0.502, 0.499], 16);
/** Open Stage Control encoder, back -1 / forth 1. */
const TICKS_CW = at('osc /encoder_1', [1, 1, 1, 1], 40);
const TICKS_BOTH = at('osc /encoder_1', [1, -1, -1], 40);
const TICKS_ACCEL = at('osc /encoder_1', [-1, -2, -4, -8], 20);
/** A push button: press (1), release (0) 120 ms later; a TouchOSC toggle switched on (1 only). */
const PRESS = at('osc /1/push1', [1, 0], 120);
const TOGGLE_ON = at('osc /1/toggle1', [1]);
/** A 0..127 integer fader (MIDI-like values over OSC) rising from the bottom. */
const INT_FADER = at('osc /fader_7bit', [0, 1, 2, 3, 4], 16);
const INT_FADER_MID = at('osc /fader_7bit', [64, 65, 66, 67], 16);

describe('learn detector', () => {
  it.each([
    ['TouchOSC fader sweep → absolute 0..1', SWEEP, { kind: 'absolute', key: 'osc /1/fader1', range: { min: 0, max: 1 } }, 3],
    ['fader at rest (jitter under 2 %) → nothing', RESTING, undefined, undefined],
    ['encoder ticks one way → relative', TICKS_CW, { kind: 'relative', key: 'osc /encoder_1' }, 2],
    ['encoder ticks both ways → relative', TICKS_BOTH, { kind: 'relative', key: 'osc /encoder_1' }, 2],
    ['accelerating encoder, negative steps → relative', TICKS_ACCEL, { kind: 'relative', key: 'osc /encoder_1' }, 2],
    ['button press and release → button once quiet', PRESS, { kind: 'button', key: 'osc /1/push1' }, 'settle'],
    ['toggle switched on → button once quiet', TOGGLE_ON, { kind: 'button', key: 'osc /1/toggle1' }, 'settle'],
    ['7-bit fader from the bottom is not a button: absolute 0..127', INT_FADER, { kind: 'absolute', key: 'osc /fader_7bit', range: { min: 0, max: 127 } }, 3],
    ['7-bit fader mid-travel → absolute 0..127 once it moved 2 %', INT_FADER_MID, { kind: 'absolute', key: 'osc /fader_7bit', range: { min: 0, max: 127 } }, 3],
  ] as const)('%s', (_name, seq, expected, when) => {
    const r = run(seq);
    expect(r.d).toEqual(expected);
    expect(r.at).toBe(when);
  });

  it('the moving control wins over a jittering one sending at the same time', () => {
    const mixed: Step[] = [];
    for (let i = 0; i < 10; i++) mixed.push(RESTING[i]!, ['osc /1/fader3', 0.2 + i * 0.01, i * 16 + 1]);
    expect(run(mixed).d).toEqual({ kind: 'absolute', key: 'osc /1/fader3', range: { min: 0, max: 1 } });
  });

  it('a button waits until quiet: not before settleMs after its last message', () => {
    const det = new LearnDetector();
    det.observe({ key: 'osc /b', values: [1], t: 1000 });
    det.observe({ key: 'osc /b', values: [0], t: 1100 });
    expect(det.nextSettle()).toBe(1500);
    expect(det.settle(1499)).toBeUndefined();
    expect(det.settle(1500)).toEqual({ kind: 'button', key: 'osc /b' });
  });

  it('ignores messages without a number, and forgets everything on reset', () => {
    const det = new LearnDetector();
    expect(det.observe({ key: 'osc /label', values: [], t: 0 })).toBeUndefined();
    expect(det.observe({ key: 'osc /x', values: [Number.NaN], t: 0 })).toBeUndefined();
    det.observe({ key: 'osc /f', values: [0.1], t: 0 });
    det.reset();
    expect(det.observe({ key: 'osc /f', values: [0.2], t: 10 })).toBeUndefined(); // 0.1 was forgotten
    expect(det.observe({ key: 'osc /f', values: [0.25], t: 20 })).toEqual({ kind: 'absolute', key: 'osc /f', range: { min: 0, max: 1 } });
    det.reset();
    expect(det.nextSettle()).toBeUndefined();
  });

  it('a custom jitter threshold', () => {
    const det = new LearnDetector({ jitter: 0.1, settleMs: 400, maxRelativeStep: 8, minRelative: 3 });
    expect(det.observe({ key: 'k', values: [0.5], t: 0 })).toBeUndefined();
    expect(det.observe({ key: 'k', values: [0.55], t: 1 })).toBeUndefined();
    expect(det.observe({ key: 'k', values: [0.61], t: 2 })?.kind).toBe('absolute');
  });

  it.each([
    [0.2, 0.7, false, { min: 0, max: 1 }],
    [-0.5, 0.5, false, { min: -1, max: 1 }],
    [10, 100, true, { min: 0, max: 127 }],
    [100, 900, true, { min: 0, max: 1023 }],
    [100, 9000, true, { min: 0, max: 16383 }],
    [2.5, 40.5, false, { min: 2.5, max: 40.5 }],
  ])('inferRange(%s, %s, ints %s)', (min, max, ints, range) => {
    expect(inferRange(min, max, ints)).toEqual(range);
  });
});
