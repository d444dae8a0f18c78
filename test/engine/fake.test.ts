import { describe, expect, it } from 'vitest';
import { FakeEngine } from '../../bridge/engine/fake.js';
import type { MeterFrame } from '../../bridge/engine/interface.js';

describe('FakeEngine', () => {
  it('records every applied value in order, and the last per id', () => {
    const e = new FakeEngine();
    e.apply('input.gain', 1);
    e.apply('input.gain', 2);
    e.apply('stereo.width', 50);
    expect(e.applied).toEqual([
      { id: 'input.gain', value: 1 },
      { id: 'input.gain', value: 2 },
      { id: 'stereo.width', value: 50 },
    ]);
    expect(e.last('input.gain')).toBe(2);
    expect(e.last('output.gain')).toBeUndefined();
  });

  it('emits frames on demand only while running, on the none sink', async () => {
    const e = new FakeEngine();
    const got: MeterFrame[] = [];
    e.onMeters((f) => got.push(f));
    const frame = { t: 1, peakDb: [-1, -2], rmsDb: [-10, -11] };
    e.emitMeters(frame);
    expect(got).toEqual([]);
    expect(await e.start()).toMatchObject({ state: 'running', sink: 'none' });
    e.emitMeters(frame);
    expect(got).toEqual([frame]);
  });
});
