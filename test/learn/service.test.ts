import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadMappingSetWithOverlay } from '../../bridge/config/overlay.js';
import { learnedControllersDir, learnedProfilePath, learnedSetPath } from '../../bridge/config/paths.js';
import { loadControllerProfileDirs } from '../../bridge/config/profile.js';
import { LearnService, type LearnDeps } from '../../bridge/learn/service.js';
import type { LearnResult, LearnState } from '../../bridge/learn/state.js';
import { FakeLearnClock, osc, stateDir } from './fakes.js';

const PARAMS = ['eq.band2.gain', 'input.gain', 'output.gain', 'stereo.width'];
const SHIPPED = new URL('../../mappings/', import.meta.url).pathname;

async function setup(over: Partial<LearnDeps> = {}) {
  const dir = await stateDir();
  const clock = new FakeLearnClock();
  const reload = vi.fn(async () => undefined);
  const service = new LearnService({ stateDir: dir, paramExists: (id) => PARAMS.includes(id), controlFor: () => undefined, reload, clock, ...over });
  const states: LearnState[] = [];
  service.onState((s) => states.push(s));
  return { dir, clock, reload, service, states };
}

/** Moves a fader from 0.40 to 0.47 in 0.01 steps, 16 ms apart. */
function sweep(s: LearnService, clock: FakeLearnClock, address = '/1/fader1'): void {
  for (let i = 0; i <= 7; i++) {
    s.observe(osc(address, 0.4 + i / 100));
    clock.advance(16);
  }
}

/** What the daemon would load: shipped + learned profiles, shipped default set + overlay. */
async function loadAll(dir: string) {
  const profiles = await loadControllerProfileDirs([{ path: join(SHIPPED, 'controllers') }, { path: learnedControllersDir(dir), optional: true }]);
  const set = await loadMappingSetWithOverlay(join(SHIPPED, 'sets/default.json'), learnedSetPath(dir));
  return { profiles, set };
}

describe('learn service', () => {
  it('learns a fader no profile names: writes a learned control and an overlay mapping that the loaders load, then reloads', async () => {
    const { dir, clock, reload, service, states } = await setup();
    const done = service.start('eq.band2.gain', 30_000);
    expect(service.state()).toEqual({ state: 'listening', param: 'eq.band2.gain', timeoutMs: 30_000 });
    sweep(service, clock);
    const r = await done;
    expect(r).toEqual({
      outcome: 'learned',
      learned: { param: 'eq.band2.gain', control: 'learned/1-fader1', kind: 'absolute', input: 'osc /1/fader1', createdControl: true, mapping: { id: 'learned:eq.band2.gain', control: 'learned/1-fader1', target: 'eq.band2.gain' } },
    });
    expect(reload).toHaveBeenCalledTimes(1);
    expect(states.map((s) => s.state)).toEqual(['listening', 'learned']);
    expect(service.state()).toEqual({ state: 'learned', param: 'eq.band2.gain', control: 'learned/1-fader1', kind: 'absolute', input: 'osc /1/fader1', mapping: 'learned:eq.band2.gain' });

    const { profiles, set } = await loadAll(dir);
    expect(profiles.problems).toEqual([]);
    const learned = profiles.profiles.find((p) => p.profile.id === 'detent-learned');
    expect(learned?.file).toBe(learnedProfilePath(dir));
    expect(learned?.bindings).toEqual([{ control: 'learned/1-fader1', profile: 'detent-learned', input: 'osc /1/fader1', decode: { kind: 'absolute', range: { min: 0, max: 1 } }, feedback: { kind: 'osc', address: '/1/fader1', range: { min: 0, max: 1 }, text: null } }]);
    expect(set.problems).toEqual([]);
    expect(set.set?.mappings.find((m) => m.id === 'learned:eq.band2.gain')).toMatchObject({ control: 'learned/1-fader1', target: 'eq.band2.gain', glue: { takeover: { kind: 'pickup' } } });
    expect(clock.pending).toBe(0);
  });

  it('uses the profile control when one is bound, and writes no profile', async () => {
    const { dir, clock, service } = await setup({ controlFor: (k) => (k === 'osc /1/fader1' ? 'fader/1' : undefined) });
    const done = service.start('input.gain', 30_000);
    sweep(service, clock);
    const r = await done;
    expect(r.outcome === 'learned' && r.learned).toMatchObject({ control: 'fader/1', createdControl: false, mapping: { control: 'fader/1', target: 'input.gain' } });
    await expect(readFile(learnedProfilePath(dir))).rejects.toThrow(/ENOENT/);
  });

  it('replaces the mapping the control runs now: same id, same condition', async () => {
    const { dir, clock, service } = await setup({
      controlFor: () => 'fader/2',
      replaces: (c) => (c === 'fader/2' ? { id: 'fader/2:eq.low.gain-button/shift', when: { modifiers: [{ control: 'button/shift', held: false }], page: null } } : undefined),
    });
    const done = service.start('input.gain', 30_000);
    sweep(service, clock, '/1/fader2');
    const r = await done;
    expect(r.outcome === 'learned' && r.learned.mapping).toEqual({ id: 'fader/2:eq.low.gain-button/shift', control: 'fader/2', target: 'input.gain', when: { modifiers: [{ control: 'button/shift', held: false }] } });
    const { set } = await loadAll(dir);
    expect(set.problems).toEqual([]);
    expect(set.set?.mappings.filter((m) => m.control === 'fader/2').map((m) => [m.id, m.target])).toEqual([
      ['fader/2:eq.low.gain-button/shift', 'input.gain'],
      ['fader/2:eq.low.freq+button/shift', 'eq.low.freq'],
    ]);
  });

  it('learns a button (toggle glue) and an encoder (relative, no feedback), with their kinds', async () => {
    const { dir, clock, service } = await setup();
    const b = service.start('stereo.width', 30_000);
    service.observe(osc('/1/push1', true));
    clock.advance(120);
    service.observe(osc('/1/push1', false));
    clock.advance(399);
    expect(service.state().state).toBe('listening');
    clock.advance(1);
    const rb = await b;
    expect(rb.outcome === 'learned' && rb.learned).toMatchObject({ kind: 'button', control: 'learned/1-push1', mapping: { glue: { button: 'toggle' } } });

    const e = service.start('output.gain', 30_000);
    for (const v of [1, 1, 1]) service.observe(osc('/encoder_9', v));
    const re = await e;
    expect(re.outcome === 'learned' && re.learned).toMatchObject({ kind: 'relative', control: 'learned/encoder_9' });
    const { profiles, set } = await loadAll(dir);
    expect(profiles.problems).toEqual([]);
    expect(profiles.profiles.find((p) => p.profile.id === 'detent-learned')?.bindings.map((x) => [x.control, x.decode.kind, x.feedback === null])).toEqual([
      ['learned/1-push1', 'button', false],
      ['learned/encoder_9', 'relative', true],
    ]);
    expect(set.set?.mappings.find((m) => m.target === 'stereo.width' && m.id.startsWith('learned'))?.glue.button).toEqual({ kind: 'toggle' });
  });

  it('a settle timer that fires early (timers and clock disagree) re-arms instead of missing the button', async () => {
    const clock = new FakeLearnClock();
    const early = { now: () => clock.now(), setTimer: (ms: number, fn: () => void) => clock.setTimer(Math.max(0, ms - 5), fn) };
    const { service } = await setup({ clock: early });
    const done = service.start('stereo.width', 30_000);
    service.observe(osc('/1/push1', 1));
    clock.advance(100);
    service.observe(osc('/1/push1', 0));
    clock.advance(396);
    expect(service.state().state).toBe('listening');
    clock.advance(10);
    expect(await done).toMatchObject({ outcome: 'learned', learned: { kind: 'button' } });
  });

  it('learns a 0..127 control with its range', async () => {
    const { dir, service } = await setup();
    const done = service.start('input.gain', 30_000);
    for (const v of [60, 61, 62, 63, 64]) service.observe(osc('/midi/cc7', v));
    expect((await done).outcome).toBe('learned');
    const profile = JSON.parse(await readFile(learnedProfilePath(dir), 'utf8')) as { controls: unknown[] };
    expect(profile.controls).toEqual([{ id: 'learned/midi-cc7', kind: 'absolute', osc: { address: '/midi/cc7', range: { min: 0, max: 127 } } }]);
  });

  it('ignores jitter, Detent namespace addresses and non-numeric messages, then times out with nothing written', async () => {
    const { dir, clock, reload, service, states } = await setup();
    const done = service.start('input.gain', 5000);
    for (let i = 0; i < 100; i++) {
      service.observe(osc('/1/fader1', 0.5 + (i % 3) * 0.004));
      service.observe(osc('/detent/param/input.gain', i));
      service.observe(osc('/label', 'text'));
      clock.advance(40);
    }
    clock.advance(1000);
    expect(await done).toEqual({ outcome: 'timeout', param: 'input.gain' });
    expect(states.map((s) => s.state)).toEqual(['listening', 'timeout']);
    expect(reload).not.toHaveBeenCalled();
    await expect(readFile(learnedSetPath(dir))).rejects.toThrow(/ENOENT/);
    service.observe(osc('/1/fader1', 0.9)); // after the end: ignored
    expect(service.state().state).toBe('timeout');
  });

  it('cancel, a second start, and an aborted signal each cancel the learn that listens', async () => {
    const { clock, service, states } = await setup();
    const first = service.start('input.gain', 30_000);
    expect(service.cancel()).toBe(true);
    expect(service.cancel()).toBe(false);
    expect(await first).toEqual({ outcome: 'cancelled', param: 'input.gain' });

    const a = service.start('input.gain', 30_000);
    const b = service.start('output.gain', 30_000);
    expect(await a).toEqual({ outcome: 'cancelled', param: 'input.gain' });
    expect(service.state()).toEqual({ state: 'listening', param: 'output.gain', timeoutMs: 30_000 });
    const gone = new AbortController();
    const c = service.start('stereo.width', 30_000, gone.signal);
    expect(await b).toEqual({ outcome: 'cancelled', param: 'output.gain' });
    gone.abort();
    expect(await c).toEqual({ outcome: 'cancelled', param: 'stereo.width' });
    expect(states.map((s) => s.state)).toEqual(['listening', 'cancelled', 'listening', 'cancelled', 'listening', 'cancelled', 'listening', 'cancelled']);
    expect(clock.pending).toBe(0);
  });

  it('an unknown parameter never starts a learn', async () => {
    const { service, states } = await setup();
    expect(await service.start('nope.gain', 1000)).toEqual({ outcome: 'unknown-param', param: 'nope.gain' });
    expect(states).toEqual([]);
    expect(service.state()).toEqual({ state: 'idle' });
  });

  it('keeps one learned mapping per parameter and one learned parameter per control', async () => {
    const { dir, clock, service } = await setup();
    const learn = async (param: string, address: string) => {
      const done = service.start(param, 30_000);
      sweep(service, clock, address);
      return done;
    };
    await learn('input.gain', '/a');
    await learn('input.gain', '/b'); // the parameter moves to /b
    await learn('output.gain', '/b'); // /b now drives output.gain
    await learn('stereo.width', '/a');
    const overlay = JSON.parse(await readFile(learnedSetPath(dir), 'utf8')) as { mappings: { control: string; target: string }[] };
    expect(overlay.mappings.map((m) => `${m.control} ${m.target}`)).toEqual(['learned/b output.gain', 'learned/a stereo.width']);
    expect((await loadAll(dir)).set.problems).toEqual([]);
  });

  it('keeps what the engineer wrote in the overlay, and refuses to touch a file that is invalid', async () => {
    const { dir, clock, service } = await setup();
    await mkdir(join(dir, 'learned'), { recursive: true });
    await writeFile(learnedSetPath(dir), JSON.stringify({ schemaVersion: 1, name: 'mine', mappings: [{ control: 'knob/1', target: 'output.gain', glue: { step: 0.5 } }] }));
    let done = service.start('input.gain', 30_000);
    sweep(service, clock);
    await done;
    const kept = JSON.parse(await readFile(learnedSetPath(dir), 'utf8')) as { name: string; mappings: unknown[] };
    expect(kept.name).toBe('mine');
    expect(kept.mappings[0]).toEqual({ control: 'knob/1', target: 'output.gain', glue: { step: 0.5 } });

    const broken = '{ "schemaVersion": 1, "name": "mine", "mappings": [ { "control": "Knob" } ] }';
    await writeFile(learnedSetPath(dir), broken);
    done = service.start('output.gain', 30_000);
    sweep(service, clock);
    const r: LearnResult = await done;
    expect(r).toMatchObject({ outcome: 'failed', param: 'output.gain', message: expect.stringContaining('/mappings/0/control') as unknown });
    expect(service.state()).toMatchObject({ state: 'failed', param: 'output.gain' });
    expect(await readFile(learnedSetPath(dir), 'utf8')).toBe(broken);
  });

  it('reports a failed reload as a failure (the files are written)', async () => {
    const { clock, service } = await setup({ reload: () => Promise.reject(new Error('routing exploded')) });
    const done = service.start('input.gain', 30_000);
    sweep(service, clock);
    expect(await done).toMatchObject({ outcome: 'failed', message: expect.stringContaining('routing exploded') as unknown });
  });

  it('close() cancels and stops notifying', async () => {
    const { service, states } = await setup();
    const done = service.start('input.gain', 30_000);
    service.close();
    expect(await done).toEqual({ outcome: 'cancelled', param: 'input.gain' });
    service.start('input.gain', 30_000).catch(() => undefined);
    expect(states.map((s) => s.state)).toEqual(['listening', 'cancelled']);
    service.close();
  });
});
