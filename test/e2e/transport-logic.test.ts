import { describe, expect, it } from 'vitest';
import { formatTime, positionAfter, sourceLabel } from '../../dashboard/src/transport/transport-logic.js';

const state = (playing: boolean, position: number, loop = true, duration = 10) => ({ playing, loop, position, duration, source: '/mixes/song.wav' });

describe('transport bar logic', () => {
  it.each([
    [state(false, 3), 5, 3],
    [state(true, 3), 2, 5],
    [state(true, 9), 2, 1], // looped
    [state(true, 9, false), 2, 10], // at the end
    [state(true, 3), -1, 3], // a clock that went back: no move
  ])('positionAfter(%o, %d s) = %d', (s, dt, want) => {
    expect(positionAfter(s, dt)).toBeCloseTo(want, 9);
  });

  it.each([
    [0, '0:00.0'],
    [9.96, '0:09.9'],
    [62.5, '1:02.5'],
    [3599.9, '59:59.9'],
    [3723, '1:02:03'],
    [-4, '0:00.0'],
    [NaN, '0:00.0'],
  ])('formatTime(%d) = %s', (s, want) => {
    expect(formatTime(s)).toBe(want);
  });

  it.each([
    ['demo', 'demo loop'],
    ['input', 'live input'],
    ['/mixes/album/02 song.flac', '02 song.flac'],
    ['C:\\mixes\\a.wav', 'a.wav'],
  ])('sourceLabel(%s) = %s', (s, want) => {
    expect(sourceLabel(s)).toBe(want);
  });
});
