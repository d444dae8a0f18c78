import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../bridge/core/clock.js';
import { MappingRuntime } from '../../bridge/core/mapping/runtime.js';
import { NO_MODES } from '../../bridge/core/mapping/spec.js';
import type { MidiFeedbackOut } from '../../bridge/core/midi/feedback-spec.js';
import type { MidiInterpretation, MidiSource } from '../../bridge/core/midi/spec.js';
import { sourceKey } from '../../bridge/core/midi/spec.js';
import { ParamStore } from '../../bridge/core/param/store.js';
import { midiKey } from '../../bridge/core/routing/key.js';
import { compileRouting, type ControlBinding } from '../../bridge/core/routing/table.js';
import { startMidiPath } from '../../bridge/daemon/midi-path.js';
import { FakeMidiBackend } from '../../bridge/drivers/midi/fake.js';
import { InputFeed } from '../../bridge/core/monitor/describe.js';
import { PARAMS } from '../core/fixtures.js';
import { known, map } from '../core/mapping-fixtures.js';
import { until } from '../drivers/midi-backend.contract.js';

const clock: Clock = { now: () => performance.now() };
const PORT = 'Fake Surface MIDI 1';

const midiBind = (control: string, source: MidiSource, as: MidiInterpretation, out: MidiFeedbackOut | null): ControlBinding => ({
  control,
  profile: 'surface',
  input: midiKey('surface', sourceKey(source)),
  decode: { kind: 'midi', source, as },
  feedback: out === null ? null : { kind: 'midi', outs: [out] },
});

function setup() {
  const store = new ParamStore(PARAMS, clock);
  const runtime = new MappingRuntime(store);
  const touch = { channel: 0, note: 0x68 };
  const bindings = [
    midiBind('fader/1', { kind: 'pitchbend', channel: 0 }, { kind: 'absolute', min: 0, max: 16383 }, { kind: 'pitchbend', channel: 0, min: 0, max: 16383, touch }),
    midiBind('touch/1', { kind: 'note', ...touch }, { kind: 'touch' }, null),
    midiBind('knob/1', { kind: 'cc14', channel: 0, controller: 1, lsbFirst: false }, { kind: 'absolute', min: 0, max: 16383 }, { kind: 'cc14', channel: 0, controller: 1, lsbFirst: false, min: 0, max: 16383 }),
    midiBind('knob/2', { kind: 'cc', channel: 0, controller: 16 }, { kind: 'relative', encoding: { kind: 'sign-magnitude' } }, { kind: 'cc', channel: 0, controller: 48, min: 0, max: 127, ring: 'auto' }),
  ];
  const { table } = compileRouting(bindings, [map('m1', 'fader/1', 'output.gain'), map('m2', 'knob/1', 'input.gain'), map('m3', 'knob/2', 'stereo.width')], known);
  runtime.load(table, NO_MODES);
  const backend = new FakeMidiBackend();
  backend.plug(PORT);
  const warnings: string[] = [];
  const log = pino({ level: 'silent' });
  log.warn = ((m: string) => void warnings.push(m)) as typeof log.warn;
  const monitor = new InputFeed();
  const path = startMidiPath({ backends: [backend], unavailable: [], rules: () => [{ profile: 'surface', input: '/^Fake Surface/', output: '/^Fake Surface/' }], store, runtime, clock, log, pollMs: 20, monitor });
  return { store, backend, path, warnings, monitor };
}

describe('MIDI path: ports → decoders → runtime → store → feedback', () => {
  it('a 14-bit CC pair, a pitch-bend fader and a relative V-Pot reach their parameters', async () => {
    const { store, backend, path } = setup();
    backend.deliver(PORT, { type: 'cc', channel: 0, controller: 1, value: 96 });
    backend.deliver(PORT, { type: 'cc', channel: 0, controller: 33, value: 0 });
    backend.deliver(PORT, { type: 'pitchbend', channel: 0, value: 0 });
    backend.deliver(PORT, { type: 'cc', channel: 0, controller: 16, value: 3 });
    expect(store.get('input.gain' as never)).toBeCloseTo(-24 + (96 * 128 / 16383) * 48, 3);
    expect(store.get('output.gain' as never)).toBe(-24);
    expect(store.get('stereo.width' as never)).toBeGreaterThan(100);
    expect(path.devices().find((d) => d.id === `midi-in:${PORT}`)?.counter('applied')).toBe(3);
    path.close();
  });

  it('tells the monitor what came in, decoded, and what the routing did with it', () => {
    const { backend, path, monitor } = setup();
    monitor.active = true;
    backend.deliver(PORT, { type: 'pitchbend', channel: 0, value: 0 });
    backend.deliver(PORT, { type: 'cc', channel: 3, controller: 99, value: 5 });
    const batch = monitor.take();
    expect(batch?.dropped).toBe(0);
    expect(batch?.entries.map((e) => [e.kind, e.source, e.text, e.outcome])).toEqual([
      ['midi', PORT, 'pitch bend 0 (-8192) · ch 1', 'applied'],
      ['midi', PORT, 'CC 99 = 5 · ch 4', 'unmapped'],
    ]);
    path.close();
  });

  it('feedback goes out encoded per profile (14-bit pair, Mackie ring) and is resent on replug', async () => {
    const { store, backend, path } = setup();
    // The first poll opened the output and resent every parameter.
    await until(() => backend.sent.length >= 4);
    backend.sent.length = 0;
    store.set('input.gain' as never, 0, { kind: 'api' });
    store.set('stereo.width' as never, 200, { kind: 'api' });
    await until(() => backend.sent.length >= 3);
    expect(backend.sent.map((s) => s.message)).toEqual([
      { type: 'cc', channel: 0, controller: 1, value: 64 },
      { type: 'cc', channel: 0, controller: 33, value: 0 },
      // Ring `0 c mm vvvv`: wrap (width is not bipolar), 11 LEDs.
      { type: 'cc', channel: 0, controller: 48, value: 0x2b },
    ]);
    backend.unplug(PORT);
    await until(() => path.devices().some((d) => d.status.state === 'down'));
    backend.sent.length = 0;
    backend.plug(PORT);
    await until(() => backend.sent.length >= 4);
    expect(path.devices().find((d) => d.id === `midi-out:${PORT}`)?.counter('reconnects')).toBe(1);
    path.close();
  });

  it('never moves a touched motor fader; sends the final value on release', async () => {
    const { store, backend, path } = setup();
    await until(() => backend.sent.length > 0);
    await new Promise((r) => setTimeout(r, 30));
    backend.sent.length = 0;
    backend.deliver(PORT, { type: 'noteon', channel: 0, note: 0x68, velocity: 127 });
    store.set('output.gain' as never, 6, { kind: 'api' });
    store.set('output.gain' as never, 12, { kind: 'api' });
    await new Promise((r) => setTimeout(r, 30));
    expect(backend.sent.filter((s) => s.message.type === 'pitchbend')).toEqual([]);
    backend.deliver(PORT, { type: 'noteon', channel: 0, note: 0x68, velocity: 0 });
    await until(() => backend.sent.some((s) => s.message.type === 'pitchbend'));
    expect(backend.sent.filter((s) => s.message.type === 'pitchbend').map((s) => s.message)).toEqual([{ type: 'pitchbend', channel: 0, value: Math.round((36 / 48) * 16383) }]);
    path.close();
  });

  it('a backend without MIDI is said once and shown unavailable with its reason', () => {
    const store = new ParamStore(PARAMS, clock);
    const backend = new FakeMidiBackend();
    backend.unavailable = 'Failed to initialise RtMidi';
    const warnings: string[] = [];
    const log = pino({ level: 'silent' });
    log.warn = ((m: string) => void warnings.push(m)) as typeof log.warn;
    const path = startMidiPath({ backends: [backend], unavailable: [], rules: () => [], store, runtime: new MappingRuntime(store), clock, log });
    expect(warnings).toEqual(['MIDI (fake) unavailable: Failed to initialise RtMidi; running on without it']);
    expect(path.devices().map((d) => d.snapshot().status)).toEqual([{ state: 'unavailable', reason: 'Failed to initialise RtMidi' }]);
    path.close();
  });
});
