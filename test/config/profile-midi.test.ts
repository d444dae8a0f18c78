import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadControllerProfile } from '../../bridge/config/profile.js';
import { put, tempDir } from './temp.js';

/** A Mackie-style motor fader on channel 3: pitch bend there, its touch note on channel 1. */
const PROFILE = {
  schemaVersion: 1,
  id: 'mackie-like',
  name: 'Mackie-like',
  controls: [
    { id: 'fader/3', kind: 'absolute', midi: { channel: 3, pitchbend: true, feedback: { touchNote: 106, touchChannel: 1 } } },
    { id: 'knob/1', kind: 'absolute', midi: { channel: 5, cc: 16, feedback: { ring: 'dot' } } },
  ],
};

describe('MIDI profile compile', () => {
  it("feedback goes out on the control's channel unless the profile names another; touch notes on their own channel", async () => {
    const dir = await tempDir();
    const file = join(dir, 'p.json');
    await put(file, JSON.stringify(PROFILE));
    const r = await loadControllerProfile(file);
    expect(r.problems).toEqual([]);
    const fb = r.profile?.bindings.map((b) => b.feedback);
    // Channels are 0-based on the wire (MIDI 1.0 status nibble): channel 3 is 2, channel 1 is 0.
    expect(fb?.[0]).toMatchObject({ kind: 'midi', outs: [{ kind: 'pitchbend', channel: 2, touch: { channel: 0, note: 106 } }] });
    expect(fb?.[1]).toMatchObject({ kind: 'midi', outs: [{ kind: 'cc', channel: 4, controller: 16 }] });
  });
});
