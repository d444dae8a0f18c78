/** The dashboard's learn banner text (pure; the browser part only renders it). */
import { describe, expect, it } from 'vitest';
import type { LearnState } from '../../bridge/learn/state.js';
import { learnBanner, secondsLeft } from '../../dashboard/src/learn/learn-text.js';

const names: Record<string, string> = { 'eq.band2.gain': 'Band 2 gain' };
const nameOf = (id: string): string | undefined => names[id];

describe('learn banner', () => {
  it.each<[LearnState, string | null, boolean]>([
    [{ state: 'idle' }, null, false],
    [{ state: 'listening', param: 'eq.band2.gain', timeoutMs: 30000 }, 'Turn a control for Band 2 gain\u2026', true],
    [{ state: 'learned', param: 'eq.band2.gain', control: 'knob/4', kind: 'absolute', input: 'osc /knob_4', mapping: 'm' }, 'Band 2 gain \u2190 knob/4 (fader or knob, osc /knob_4)', false],
    [{ state: 'timeout', param: 'x.y' }, 'No control moved for x.y: learn timed out.', false],
    [{ state: 'cancelled', param: 'eq.band2.gain' }, 'Learn for Band 2 gain cancelled.', false],
    [{ state: 'failed', param: 'eq.band2.gain', message: 'disk full' }, 'Learn for Band 2 gain failed: disk full', false],
  ])('%j', (state, text, cancellable) => {
    const b = learnBanner(state, nameOf);
    expect(b?.text ?? null).toBe(text);
    expect(b?.cancellable ?? false).toBe(cancellable);
  });

  it('counts down whole seconds, never below 0', () => {
    expect([secondsLeft(30000, 0), secondsLeft(30000, 100), secondsLeft(30000, 29001), secondsLeft(30000, 31000)]).toEqual([30, 30, 1, 0]);
  });
});
