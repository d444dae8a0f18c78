import { describe, expect, it } from 'vitest';
import type { ControlValue } from '../../bridge/core/control.js';
import { clampUnit } from '../../bridge/core/unit.js';
import { IDENTITY_GLUE } from '../../bridge/core/glue/glue.js';
import { ManualClock } from '../../bridge/core/clock.js';
import { oscFeedbackFor } from '../../bridge/core/feedback/osc-feedback.js';
import { MappingRuntime } from '../../bridge/core/mapping/runtime.js';
import { ALWAYS, type Glue, type MappingSpec } from '../../bridge/core/mapping/spec.js';
import { ParamStore } from '../../bridge/core/param/store.js';
import { oscKey } from '../../bridge/core/routing/key.js';
import { compileRouting, type ControlBinding } from '../../bridge/core/routing/table.js';
import { encodeFloatMessage } from '../../bridge/drivers/osc/codec.js';
import { FakeOscTransport } from '../../bridge/drivers/osc/fake.js';
import { OscFeedbackSender } from '../../bridge/drivers/osc/feedback.js';
import { FakeEngine } from '../../bridge/engine/fake.js';
import type { AssistSource } from '../../bridge/session/recall/assist.js';
import { controlsFromRouting } from '../../bridge/session/sheet/controls.js';
import { API, PARAMS, sessionRig } from './fixtures.js';

const PICKUP: Glue = { ...IDENTITY_GLUE, takeover: { kind: 'pickup' } };
const OFF: Glue = { ...IDENTITY_GLUE, takeover: { kind: 'off' } };
const bind = (control: string, address: string): ControlBinding => ({
  control,
  profile: 'test',
  input: oscKey(address),
  decode: { kind: 'absolute', range: { min: 0, max: 1 } },
  feedback: { kind: 'osc', address, range: { min: 0, max: 1 }, text: null },
});
const map = (id: string, control: string, target: string, glue: Glue): MappingSpec => ({ id, control, target, glue, feedback: true, when: ALWAYS });
const abs = (v: number): ControlValue => ({ kind: 'absolute', value: clampUnit(v), resolution: Infinity });
const PEER = { host: '127.0.0.1', port: 9001 };
const KNOB = { kind: 'osc', peer: '127.0.0.1:9001', address: '/1/knob1' } as const;

/** The daemon's data path in miniature: store → engine, store → OSC feedback, a runtime with a fader and a pickup knob. */
async function world() {
  const clock = new ManualClock(1000);
  const store = new ParamStore(PARAMS, clock);
  const engine = new FakeEngine(PARAMS);
  store.subscribe((c) => engine.apply(c.id, c.value));
  const runtime = new MappingRuntime(store);
  const mappings = [map('fader', 'fader/1', 'input.gain', OFF), map('knob', 'knob/1', 'eq.band1.gain', PICKUP)];
  runtime.load(compileRouting([bind('fader/1', '/1/fader1'), bind('knob/1', '/1/knob1')], mappings, (id) => store.descriptor(id) !== undefined).table, { fine: null, pages: { names: [], next: null, previous: null, select: [] } });
  const transport = new FakeOscTransport();
  await transport.open();
  const feedback = new OscFeedbackSender(transport, [PEER], { clock, flushMs: 5, messagesFor: (c) => oscFeedbackFor(c, runtime, store), debug: () => {} });
  store.subscribe((c) => feedback.push(c));
  const views = (): AssistSource[] =>
    mappings.map((m) => ({ id: m.id, control: m.control, target: m.target, active: runtime.isActive(m), takeover: m.glue.takeover.kind, catch: runtime.status().find((s) => s.id === m.id)?.catch ?? null }));
  const rig = await sessionRig({ store, mappings: views, controlsFor: controlsFromRouting(() => runtime.routing, (id) => store.descriptor(id)) });
  return { ...rig, engine, runtime, transport, feedback, clock };
}

describe('recall', () => {
  it('restores every parameter through the store: engine ramps and feedback bytes for every control', async () => {
    const w = await world();
    w.store.set('input.gain', -6, API);
    w.store.set('eq.band1.gain', 3, API);
    expect((await w.sessions.sessions.create({ name: 'Job' })).ok).toBe(true);
    w.store.set('input.gain', 6, API);
    w.store.set('eq.band1.gain', -3, API);
    w.store.set('eq.bypass', 1, API);
    w.feedback.flush();
    w.engine.applied.length = 0;
    w.transport.sent.length = 0;

    const r = await w.sessions.sessions.recall('job', 'A');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ session: 'job', snapshot: 'A', applied: PARAMS.length, changed: 3, defaulted: [], unknown: [], clamped: [] });
    // The engine is asked for every parameter once, at the snapshot's value (it ramps each: Engine.apply).
    expect(w.engine.applied).toEqual(PARAMS.map((d) => ({ id: d.id, value: d.id === 'input.gain' ? -6 : d.id === 'eq.band1.gain' ? 3 : d.default })));
    w.feedback.flush();
    const sent = w.transport.sent.map((s) => Buffer.from(s.data).toString('hex'));
    // The fader moves (its OSC position), the knob's ring shows the value, the Detent namespace echoes every value.
    expect(sent).toContain(Buffer.from(encodeFloatMessage('/1/fader1', 0.375)).toString('hex'));
    expect(sent).toContain(Buffer.from(encodeFloatMessage('/1/knob1', 0.625)).toString('hex'));
    for (const d of PARAMS) expect(sent).toContain(Buffer.from(encodeFloatMessage(`/detent/param/${d.id}`, d.id === 'input.gain' ? -6 : d.id === 'eq.band1.gain' ? 3 : d.default)).toString('hex'));
    expect(w.transport.sent.every((s) => s.to === PEER)).toBe(true);
  });

  it('recall assist: a pickup knob left elsewhere shows which way and how far to turn, then all caught', async () => {
    const w = await world();
    expect((await w.sessions.sessions.create({ name: 'Job' })).ok).toBe(true);
    // The knob catches at 0 dB and takes eq.band1.gain up to +12 dB; the snapshot has 0 dB (0.5).
    for (const v of [0.5, 0.7, 0.9, 1]) {
      w.clock.advance(20);
      w.runtime.handle({ control: 'knob/1', value: abs(v), t: w.clock.now(), origin: KNOB });
    }
    expect(w.store.get('eq.band1.gain')).toBe(12);
    const r = await w.sessions.sessions.recall('job', 'A');
    expect(r.ok && r.value.assist).toEqual({ allCaught: false, pending: [{ mapping: 'knob', control: 'knob/1', target: 'eq.band1.gain', direction: 'down', distance: 0.5 }], unseen: [] });
    // Turning down to the recalled position catches it.
    for (const v of [0.8, 0.6, 0.5]) {
      w.clock.advance(20);
      w.runtime.handle({ control: 'knob/1', value: abs(v), t: w.clock.now(), origin: KNOB });
    }
    expect(w.sessions.sessions.assist()).toEqual({ allCaught: true, pending: [], unseen: [] });
  });

  it('is one undo step; the hardware hook recalls on the open session', async () => {
    const w = await world();
    expect((await w.sessions.sessions.create({ name: 'Job' })).ok).toBe(true);
    w.clock.advance(1000);
    w.store.set('output.gain', -3, API);
    expect((await w.sessions.sessions.storeSnapshot('job', { name: 'B' })).ok).toBe(true);
    w.clock.advance(1000);
    const r = await w.sessions.sessions.recallSnapshot('A');
    expect(r.ok).toBe(true);
    expect(w.store.get('output.gain')).toBe(0);
    const steps = w.sessions.history.view().steps;
    expect(steps.at(-1)).toMatchObject({ label: 'recall A', changes: [{ id: 'output.gain', before: -3, after: 0 }] });
    w.sessions.history.undo();
    expect(w.store.get('output.gain')).toBe(-3);
    const none = await w.sessions.sessions.recallSnapshot('Z');
    expect(none.ok ? '' : none.error.code).toBe('SNAPSHOT_NOT_FOUND');
  });

  it('a snapshot from another chain: missing parameters default, unknown ones are ignored, out-of-range ones clamped', async () => {
    const w = await world();
    const { applyValues } = await import('../../bridge/session/recall/apply.js');
    w.store.set('output.gain', 5, API);
    const report = applyValues(w.store, { 'input.gain': 99, 'gone.param': 1, 'eq.band1.gain': 2 });
    expect(report).toMatchObject({ defaulted: ['eq.band1.freq', 'eq.bypass', 'output.gain'], unknown: ['gone.param'], clamped: ['input.gain'] });
    expect(w.store.get('input.gain')).toBe(24);
    expect(w.store.get('output.gain')).toBe(0);
  });
});
