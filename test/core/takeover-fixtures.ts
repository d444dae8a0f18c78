/** Recorded event sequences for soft takeover (format and replay: takeover-replay.ts). */
import type { TakeoverMode } from '../../bridge/core/mapping/spec.js';
import type { Sequence } from './takeover-replay.js';

const PICKUP: TakeoverMode = { kind: 'pickup' };

export const SEQUENCES: readonly Sequence[] = [
  {
    name: 'recall moved param to 0.8, knob at 0.2: pickup ignores 0.25, 0.5, 0.79, catches at 0.81, follows to 0.9',
    mode: PICKUP,
    param: 0.2,
    steps: [
      { knob: 0.2, t: 0, want: 0.2 }, // lands on the parameter: caught at once
      { param: 0.8 }, // session recall
      { knob: 0.25, t: 5000, want: null },
      { knob: 0.5, t: 5020, want: null },
      { knob: 0.79, t: 5040, want: null },
      { knob: 0.81, t: 5060, want: 0.81 },
      { knob: 0.9, t: 5080, want: 0.9 },
      { knob: 0.7, t: 9000, want: 0.7 }, // caught survives a pause
    ],
  },
  {
    name: 'pickup: a crossing after a 200 ms pause does not catch; the next crossing within a gesture does',
    mode: PICKUP,
    param: 0.5,
    steps: [
      { knob: 0.4, t: 0, want: null },
      { knob: 0.45, t: 50, want: null },
      { knob: 0.55, t: 250, want: null }, // crossed 0.5, but the previous position is stale
      { knob: 0.6, t: 270, want: null },
      { knob: 0.45, t: 290, want: 0.45 }, // crossed back within the gesture
      { knob: 0.3, t: 310, want: 0.3 },
    ],
  },
  {
    name: 'pickup: the dashboard moves a caught parameter; the control lets go until it crosses again',
    mode: PICKUP,
    param: 0.5,
    steps: [
      { knob: 0.5, t: 0, want: 0.5 },
      { knob: 0.55, t: 20, want: 0.55 },
      { param: 0.7 }, // the dashboard
      { knob: 0.6, t: 40, want: null },
      { knob: 0.69, t: 60, want: null },
      { knob: 0.71, t: 80, want: 0.71 },
    ],
  },
  {
    name: 'pickup with fine: a caught control moves a tenth, lets go, and catches again by crossing back',
    mode: PICKUP,
    param: 0.5,
    steps: [
      { knob: 0.5, t: 0, want: 0.5 },
      { knob: 0.6, t: 20, gain: 0.1, want: 0.51 },
      { knob: 0.62, t: 40, want: null }, // fine released: 0.62 ≠ 0.51, no jump
      { knob: 0.55, t: 60, want: null },
      { knob: 0.5, t: 80, want: 0.5 }, // crossed 0.51 on the way down
    ],
  },
  {
    name: 'pickup through a quantising glue: a read-back within the slack stays caught',
    mode: PICKUP,
    param: 0.5,
    slack: 0.01,
    readBack: (x) => Math.round(x * 50) / 50, // steps of 0.02
    steps: [
      { knob: 0.503, t: 0, want: 0.503 },
      { knob: 0.507, t: 20, want: 0.507 },
      { knob: 0.515, t: 40, want: 0.515 },
      { knob: 0.6, t: 60, want: 0.6 },
    ],
  },
  {
    name: 'pickup-tolerant (0.05): catches within the tolerance on the first touch',
    mode: { kind: 'pickup-tolerant', tolerance: 0.05 },
    param: 0.5,
    steps: [
      { knob: 0.3, t: 0, want: null },
      { knob: 0.4, t: 500, want: null },
      { knob: 0.46, t: 2000, want: 0.46 },
      { knob: 0.3, t: 2020, want: 0.3 },
    ],
  },
  {
    name: 'long-time-no-see (0.05): approaches the knob a quarter of the gap per event, then follows',
    mode: { kind: 'long-time-no-see', tolerance: 0.05 },
    param: 0.8,
    steps: [
      { knob: 0.2, t: 0, want: 0.65 }, // 0.8 + 0.25·(0.2 − 0.8)
      { knob: 0.21, t: 10, want: 0.5475 }, // 0.21 − 0.75·(0.2 − 0.65)
      { knob: 0.22, t: 20, want: 0.473125 }, // 0.22 − 0.75·(0.21 − 0.5475)
      { knob: 0.22, t: 30, want: null }, // a repeat is not a move
      ...[0.23, 0.24, 0.25, 0.26, 0.27, 0.28, 0.29].map((knob, i) => ({ knob, t: 40 + 10 * i })),
      { knob: 0.3, t: 110, want: 0.3 }, // within the tolerance by now: follows
      { knob: 0.35, t: 120, want: 0.35 },
    ],
  },
  {
    name: 'catch-up moving up: parameter and knob meet at the top, then follow',
    mode: { kind: 'catch-up' },
    param: 0.8,
    steps: [
      { knob: 0.2, t: 0, want: null }, // first event: remembered only
      { knob: 0.4, t: 20, want: 0.85 }, // 0.8 + 0.2·(1 − 0.8)/(1 − 0.2)
      { knob: 0.6, t: 40, want: 0.9 },
      { knob: 0.8, t: 60, want: 0.95 },
      { knob: 1, t: 80, want: 1 },
      { knob: 0.9, t: 100, want: 0.9 },
    ],
  },
  {
    name: 'catch-up moving down: parameter and knob meet at the bottom',
    mode: { kind: 'catch-up' },
    param: 0.3,
    steps: [
      { knob: 0.6, t: 0, want: null },
      { knob: 0.4, t: 20, want: 0.2 }, // 0.3 − 0.2·0.3/0.6
      { knob: 0.2, t: 40, want: 0.1 },
      { knob: 0, t: 60, want: 0 },
      { knob: 0.1, t: 80, want: 0.1 },
    ],
  },
  {
    name: 'parallel: moves by the knob’s change from wherever the parameter is',
    mode: { kind: 'parallel' },
    param: 0.5,
    steps: [
      { knob: 0.2, t: 0, want: null },
      { knob: 0.3, t: 20, want: 0.6 },
      { param: 0.1 },
      { knob: 0.35, t: 40, want: 0.15 },
      { knob: 0, t: 60, want: 0 }, // clamped
      { knob: 0.1, t: 80, gain: 0.1, want: 0.01 },
    ],
  },
  {
    name: 'off: jumps to the knob; with fine it moves as parallel',
    mode: { kind: 'off' },
    param: 0.8,
    steps: [
      { knob: 0.2, t: 0, want: 0.2 },
      { param: 0.8 },
      { knob: 0.3, t: 20, gain: 0.1, want: 0.81 },
      { knob: 0.31, t: 40, want: 0.31 },
    ],
  },
];
