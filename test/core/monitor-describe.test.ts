import { describe, expect, it } from 'vitest';
import type { MidiMessage } from '../../bridge/core/input.js';
import { describeMidi, describeOsc, describeReading, InputFeed, type InputEntry } from '../../bridge/core/monitor/describe.js';

describe('the monitor describes incoming messages', () => {
  it.each([
    ['/1/fader1', [{ type: 'f', value: 0.5 }], '/1/fader1 f 0.5'],
    ['/detent/param/output.gain', [{ type: 'f', value: -6.123456789 }], '/detent/param/output.gain f -6.12346'],
    ['/x', [{ type: 'i', value: 3 }, { type: 'T' }, { type: 's', value: 'hi' }, { type: 'other', tag: 'b' }], '/x i 3 T s "hi" b'],
    ['/ping', [], '/ping'],
  ] as const)('OSC %s', (address, args, want) => expect(describeOsc(address, args)).toBe(want));

  it.each<[MidiMessage, string]>([
    [{ type: 'cc', channel: 0, controller: 7, value: 100 }, 'CC 7 = 100 · ch 1'],
    [{ type: 'noteon', channel: 15, note: 60, velocity: 127 }, 'note on 60 vel 127 · ch 16'],
    [{ type: 'noteoff', channel: 1, note: 60, velocity: 0 }, 'note off 60 vel 0 · ch 2'],
    [{ type: 'pitchbend', channel: 8, value: 8192 }, 'pitch bend 8192 (+0) · ch 9'],
    [{ type: 'pitchbend', channel: 0, value: 0 }, 'pitch bend 0 (-8192) · ch 1'],
    [{ type: 'program', channel: 0, number: 4 }, 'program 4 · ch 1'],
    [{ type: 'channel-pressure', channel: 0, value: 9 }, 'channel pressure 9 · ch 1'],
    [{ type: 'poly-pressure', channel: 0, note: 61, value: 9 }, 'poly pressure 61 = 9 · ch 1'],
  ])('MIDI %o', (m, want) => expect(describeMidi(m)).toBe(want));

  it('serial readings', () => expect(describeReading('A0', 512, 10)).toBe('A0 = 512 (10-bit)'));
});

describe('InputFeed', () => {
  const entry = (t: number): InputEntry => ({ t, kind: 'osc', source: 'x', text: '/a', outcome: 'applied' });
  it('makes nothing while nobody watches', () => {
    const feed = new InputFeed(2);
    let made = 0;
    feed.push(() => (made++, entry(0)));
    expect(made).toBe(0);
    expect(feed.take()).toBeUndefined();
  });
  it('keeps up to its capacity, counts the rest, and starts afresh after a take', () => {
    const feed = new InputFeed(2);
    feed.active = true;
    for (let t = 0; t < 5; t++) feed.push(() => entry(t));
    expect(feed.take()).toEqual({ entries: [entry(0), entry(1)], dropped: 3 });
    expect(feed.take()).toBeUndefined();
    feed.push(() => entry(9));
    expect(feed.take()).toEqual({ entries: [entry(9)], dropped: 0 });
  });
});
