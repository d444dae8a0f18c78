import { createSocket } from 'node:dgram';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Daemon } from '../../bridge/daemon/index.js';
import { encodeFloatMessage } from '../../bridge/drivers/osc/codec.js';
import type { MappingView } from '../../bridge/server/messages.js';
import { FakeEngine } from '../../bridge/engine/fake.js';
import { getJson, oscListener, sendUdp, startTestDaemon, until } from './harness.js';

type Param = { id: string; value: number };

/** A TouchOSC-style profile: two faders, an encoder, shift, fine and page buttons, a label. */
const PROFILE = {
  schemaVersion: 1,
  id: 'test-surface',
  name: 'Test surface',
  match: { osc: { peers: ['127.0.0.1'] } },
  controls: [
    { id: 'fader/1', kind: 'absolute', osc: { address: '/1/fader1', feedback: { text: '/1/label1' } } },
    { id: 'fader/2', kind: 'absolute', osc: { address: '/1/fader2' } },
    { id: 'encoder/1', kind: 'relative', osc: { address: '/1/enc1' } },
    { id: 'button/shift', kind: 'button', osc: { address: '/1/shift' } },
    { id: 'button/fine', kind: 'button', osc: { address: '/1/fine' } },
    { id: 'button/page', kind: 'button', osc: { address: '/1/page' } },
  ],
};

const SET = {
  schemaVersion: 1,
  name: 'Test set',
  modes: { fine: { control: 'button/fine' }, pages: { names: ['a', 'b'], next: 'button/page' } },
  mappings: [
    { id: 'gain', control: 'fader/1', target: 'input.gain', glue: { takeover: 'pickup', step: 0.5 }, when: { modifiers: [{ control: 'button/shift', held: false }] } },
    { id: 'gain-shift', control: 'fader/1', target: 'output.gain', glue: { takeover: 'off' }, when: { modifiers: ['button/shift'] } },
    { id: 'freq-a', control: 'fader/2', target: 'eq.band2.freq', glue: { takeover: 'off' }, when: { page: 'a' } },
    { id: 'width-b', control: 'fader/2', target: 'stereo.width', glue: { takeover: 'off' }, when: { page: 'b' } },
    { id: 'enc', control: 'encoder/1', target: 'eq.band1.gain', glue: { relative: { step: 0.5 } } },
  ],
};

describe('mapping engine end to end over real UDP', () => {
  let daemon: Daemon;
  let surface: Awaited<ReturnType<typeof oscListener>>;
  let other: Awaited<ReturnType<typeof oscListener>>;
  let dir: string;
  const param = async (id: string) => (await getJson<Param>(`${daemon.httpUrl}/api/params/${id}`)).value;
  const send = (address: string, value: number) => sendUdp(surface.socket, encodeFloatMessage(address, value), daemon.oscPort);
  const put = (id: string, value: number) =>
    fetch(`${daemon.httpUrl}/api/params/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value }) });

  beforeAll(async () => {
    surface = await oscListener();
    other = await oscListener();
    dir = await mkdtemp(join(tmpdir(), 'detent-map-'));
    await mkdir(join(dir, 'controllers'));
    await writeFile(join(dir, 'controllers', 'test.json'), JSON.stringify(PROFILE));
    await writeFile(join(dir, 'set.json'), JSON.stringify(SET));
    const config = join(dir, 'config.json');
    await writeFile(
      config,
      JSON.stringify({
        schemaVersion: 1,
        osc: { host: '127.0.0.1', feedback: [{ host: '127.0.0.1', port: surface.port }, { host: '127.0.0.1', port: other.port }] },
        mappings: { controllers: join(dir, 'controllers'), set: join(dir, 'set.json') },
      }),
    );
    // The fake engine: this test is about mapping, and a real engine's worklet thread costs a core.
    daemon = await startTestDaemon(['--config', config], { engine: new FakeEngine() });
  });

  afterAll(async () => {
    surface?.close();
    other?.close();
    await daemon?.close();
  });

  it('pickup: after a recall the fader does nothing until it crosses the value; /api/mappings says which way to turn', async () => {
    await send('/1/fader1', 0.5);
    await until(async () => (await param('input.gain')) === 0);
    await put('input.gain', 12); // the value is now at 0.75 of the fader's travel
    await send('/1/fader1', 0.55);
    await new Promise((r) => setTimeout(r, 50));
    expect(await param('input.gain')).toBe(12);
    const view = (await getJson<MappingView[]>(`${daemon.httpUrl}/api/mappings`)).find((m) => m.id === 'gain');
    expect(view?.catch).toMatchObject({ caught: false, direction: 'up' });
    expect(view?.catch?.distance).toBeCloseTo(0.2, 3);
    await send('/1/fader1', 0.7);
    await send('/1/fader1', 0.8);
    await until(async () => (await param('input.gain')) === 14.5); // 0.8 → 14.4 dB, in 0.5 dB steps
    const caught = (await getJson<MappingView[]>(`${daemon.httpUrl}/api/mappings`)).find((m) => m.id === 'gain');
    expect(caught?.catch?.caught).toBe(true);
  });

  it('a shift layer, pages, the fine modifier and a relative encoder', async () => {
    await send('/1/shift', 1);
    await send('/1/fader1', 0.25);
    await until(async () => (await param('output.gain')) === -12);
    await send('/1/shift', 0);
    await send('/1/fader2', 0);
    await until(async () => (await param('eq.band2.freq')) === 200);
    await send('/1/page', 1);
    await send('/1/page', 0);
    await send('/1/fader2', 0.25);
    await until(async () => (await param('stereo.width')) === 50);
    await send('/1/fine', 1);
    await send('/1/fader2', 0.35);
    await send('/1/fader2', 0.45);
    await until(async () => Math.abs((await param('stereo.width')) - 54) < 1e-6); // one tenth of the 40 % move
    await send('/1/fine', 0);
    for (let i = 0; i < 3; i++) await send('/1/enc1', 1);
    await until(async () => (await param('eq.band1.gain')) === 1.5);
  });

  it('feedback: every target sees the value and the label; the moving fader is not fought', async () => {
    surface.messages.length = 0;
    other.messages.length = 0;
    await put('input.gain', 6);
    const label = (m: { address: string; args: readonly { type: string; value?: unknown }[] }) => m.address === '/1/label1' && m.args[0]?.value === '+6.0 dB';
    await until(() => other.messages.some((m) => m.address === '/1/fader1') && other.messages.some(label));
    // The surface moved fader 1 moments ago: its fader gets the value once the echo window is over.
    await until(() => surface.messages.some((m) => m.address === '/1/fader1'));
  });

  it('an invalid edit keeps the previous mappings and is reported; a good edit takes over', async () => {
    await writeFile(join(dir, 'set.json'), JSON.stringify({ ...SET, mappings: [{ control: 'fader/2', target: 42 }] }));
    await until(async () => (await getJson<{ problems: string[] }>(`${daemon.httpUrl}/api/mappings/problems`)).problems.length > 0);
    const { problems } = await getJson<{ problems: string[] }>(`${daemon.httpUrl}/api/mappings/problems`);
    expect(problems.join('\n')).toMatch(/set\.json: \/mappings\/0\/target/);
    await send('/1/enc1', 1);
    await until(async () => (await param('eq.band1.gain')) === 2); // the old encoder mapping still works
    const fixed = { ...SET, mappings: [...SET.mappings, { id: 'enc2', control: 'encoder/1', target: 'eq.band3.gain', glue: { relative: { step: 1 } } }] };
    await writeFile(join(dir, 'set.json'), JSON.stringify(fixed));
    await until(async () => (await getJson<{ problems: string[] }>(`${daemon.httpUrl}/api/mappings/problems`)).problems.length === 0);
    await send('/1/enc1', 1);
    await until(async () => (await param('eq.band3.gain')) === 1);
  });

  it('a profile applies only to the senders it matches', async () => {
    const stranger = createSocket('udp4');
    await new Promise<void>((r) => stranger.bind(0, '127.0.0.2', r));
    const before = await param('eq.band1.gain');
    await sendUdp(stranger, encodeFloatMessage('/1/enc1', 4), daemon.oscPort);
    await until(async () => ((await getJson<{ id: string; counters: Record<string, number> }[]>(`${daemon.httpUrl}/api/devices`)).find((d) => d.id === 'osc')?.counters['unmapped'] ?? 0) > 0);
    expect(await param('eq.band1.gain')).toBe(before);
    stranger.close();
  });

  it('a feedback target that (re)appears gets every value again', async () => {
    const late = await oscListener();
    other.messages.length = 0;
    // `other` has not sent anything yet: its first message counts as a connection.
    await sendUdp(other.socket, encodeFloatMessage('/nothing/here', 1), daemon.oscPort);
    await until(() => other.messages.filter((m) => m.address.startsWith('/detent/param/')).length >= 2 * 40);
    expect(other.messages.some((m) => m.address === '/detent/param/output.gain')).toBe(true);
    late.close();
  });

  it('learn: turn an unmapped control and it drives the parameter', async () => {
    const learning = fetch(`${daemon.httpUrl}/api/learn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ param: 'eq.high.gain', timeoutMs: 10000 }) });
    await until(async () => (await getJson<{ state: string }>(`${daemon.httpUrl}/api/learn`)).state === 'listening');
    const s = createSocket('udp4');
    for (let i = 0; i <= 20; i++) {
      await sendUdp(s, encodeFloatMessage('/2/rotary7', i / 20), daemon.oscPort);
      await new Promise((r) => setTimeout(r, 10));
    }
    const res = await learning;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ kind: 'absolute' });
    await until(async () => (await getJson<MappingView[]>(`${daemon.httpUrl}/api/mappings`)).some((m) => m.target === 'eq.high.gain' && m.input === 'osc /2/rotary7'));
    // Learned mappings pick up too: the control sweeps across the value (0 dB, half way), then leads it.
    for (const x of [0.6, 0.5, 0.4, 0.2, 0]) {
      await sendUdp(s, encodeFloatMessage('/2/rotary7', x), daemon.oscPort);
      await new Promise((r) => setTimeout(r, 10));
    }
    await until(async () => (await param('eq.high.gain')) === -12);
    s.close();
  });
});
