/**
 * Editing single mappings over the real HTTP API of a running daemon, checked with real OSC over
 * UDP: an edit, a delete and a restore change what a fader drives; refused edits change no file.
 */
import { createHash } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnedSetPath } from '../../bridge/config/paths.js';
import type { Daemon } from '../../bridge/daemon/index.js';
import { encodeFloatMessage } from '../../bridge/drivers/osc/codec.js';
import { FakeEngine } from '../../bridge/engine/fake.js';
import type { MappingView } from '../../bridge/server/messages.js';
import { getJson, sendUdp, startTestDaemon, until } from './harness.js';

const PROFILE = {
  schemaVersion: 1,
  id: 'edit-surface',
  name: 'Edit surface',
  controls: [
    { id: 'fader/1', kind: 'absolute', osc: { address: '/1/fader1' } },
    { id: 'fader/2', kind: 'absolute', osc: { address: '/1/fader2' } },
  ],
};
const SET = {
  schemaVersion: 1,
  name: 'Edit set',
  mappings: [
    { control: 'fader/1', target: 'input.gain', glue: { takeover: 'off' } },
    { id: 'width', control: 'fader/2', target: 'stereo.width', glue: { takeover: 'off' } },
  ],
};
const ID = 'fader/1:input.gain';

describe('editing mappings over the API, checked with OSC', () => {
  let daemon: Daemon;
  let socket: Socket;
  let dir: string;
  const url = (id: string, suffix = '') => `${daemon.httpUrl}/api/mappings/${encodeURIComponent(id)}${suffix}`;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(path, body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const param = async (id: string) => (await getJson<{ value: number }>(`${daemon.httpUrl}/api/params/${id}`)).value;
  const send = (address: string, value: number) => sendUdp(socket, encodeFloatMessage(address, value), daemon.oscPort);
  const sha = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');
  const mappings = () => getJson<MappingView[]>(`${daemon.httpUrl}/api/mappings`);

  beforeAll(async () => {
    socket = createSocket('udp4');
    await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
    dir = await mkdtemp(join(tmpdir(), 'detent-edit-'));
    await mkdir(join(dir, 'controllers'));
    await writeFile(join(dir, 'controllers', 'surface.json'), JSON.stringify(PROFILE));
    await writeFile(join(dir, 'set.json'), JSON.stringify(SET));
    await writeFile(join(dir, 'config.json'), JSON.stringify({ schemaVersion: 1, osc: { host: '127.0.0.1' }, mappings: { controllers: join(dir, 'controllers'), set: join(dir, 'set.json') } }));
    daemon = await startTestDaemon(['--config', join(dir, 'config.json')], { engine: new FakeEngine() });
  });

  afterAll(async () => {
    socket?.close();
    await daemon?.close();
  });

  it('reads a mapping as its file has it, by its encoded id', async () => {
    const r = await call('GET', url(ID));
    expect(r).toEqual({ status: 200, body: { id: ID, entry: SET.mappings[0], source: 'set', file: join(dir, 'set.json'), original: null } });
    expect((await call('GET', url('nope'))).status).toBe(404);
  });

  it('an edit retargets the fader, keeps the id, lands in the overlay and leaves the set file alone', async () => {
    const setHash = await sha(join(dir, 'set.json'));
    const r = await call('PUT', url(ID), { control: 'fader/1', target: 'output.gain', glue: { takeover: 'off', reverse: true } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: ID, source: 'edited', entry: { id: ID, target: 'output.gain' }, original: SET.mappings[0] });
    await until(async () => (await mappings()).some((m) => m.id === ID && m.target === 'output.gain' && m.source === 'edited'));
    const gain = await param('input.gain');
    // Reversed: the fader at the bottom is the top of output.gain's range.
    await send('/1/fader1', 0);
    await until(async () => (await param('output.gain')) > 0);
    expect(await param('input.gain')).toBe(gain);
    expect(await sha(join(dir, 'set.json'))).toBe(setHash);
    const overlay = JSON.parse(await readFile(learnedSetPath(daemon.stateDir), 'utf8')) as { mappings: unknown[] };
    expect(overlay.mappings).toEqual([{ id: ID, control: 'fader/1', target: 'output.gain', glue: { takeover: 'off', reverse: true } }]);
  });

  it('a delete switches the set mapping off; restore brings the set version back', async () => {
    expect((await call('DELETE', url('width'))).body).toMatchObject({ source: 'removed', entry: { id: 'width', enabled: false } });
    await until(async () => !(await mappings()).some((m) => m.id === 'width'));
    const width = await param('stereo.width');
    await send('/1/fader2', 0);
    await send('/1/fader1', 0.5);
    await until(async () => (await param('output.gain')) < 1);
    expect(await param('stereo.width')).toBe(width);

    expect((await call('POST', url('width', '/restore'))).body).toMatchObject({ source: 'set', entry: SET.mappings[1] });
    expect((await call('POST', url(ID, '/restore'))).body).toMatchObject({ source: 'set' });
    await until(async () => (await mappings()).filter((m) => m.source === 'set').length === 2);
    await send('/1/fader2', 0);
    await until(async () => (await param('stereo.width')) === 0);
  });

  it('a new id adds a mapping; deleting it takes it out of the overlay', async () => {
    expect((await call('PUT', url('extra'), { control: 'fader/2', target: 'eq.band1.gain', glue: { takeover: 'off' } })).body).toMatchObject({ source: 'added' });
    await until(async () => (await mappings()).some((m) => m.id === 'extra' && m.source === 'added'));
    expect((await call('DELETE', url('extra'))).status).toBe(200);
    await until(async () => !(await mappings()).some((m) => m.id === 'extra'));
    expect((JSON.parse(await readFile(learnedSetPath(daemon.stateDir), 'utf8')) as { mappings: unknown[] }).mappings).toEqual([]);
  });

  it('refuses an invalid entry with its paths, an unknown parameter with the loader\'s problem, and touches no file', async () => {
    const overlay = learnedSetPath(daemon.stateDir);
    const before = await sha(overlay);
    const bad = await call('PUT', url(ID), { control: 'fader/1', target: 'input.gain', glue: { takeover: 'sometimes' }, colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.body['error']).toBe('MAPPING_INVALID');
    expect((bad.body['problems'] as string[]).join('\n')).toMatch(/\/glue\/takeover/);
    expect((bad.body['problems'] as string[]).join('\n')).toMatch(/\/colour: unknown property/);
    const renamed = await call('PUT', url(ID), { id: 'other', control: 'fader/1', target: 'input.gain' });
    expect(renamed.status).toBe(400);
    const unknown = await call('PUT', url(ID), { control: 'fader/1', target: 'nope.gain' });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ error: 'MAPPING_NOT_LOADED' });
    expect((unknown.body['problems'] as string[]).join('\n')).toContain('nope.gain');
    expect(await sha(overlay)).toBe(before);
    // The mapping in force is still the set's.
    expect((await mappings()).find((m) => m.id === ID)).toMatchObject({ target: 'input.gain', source: 'set' });
  });

  it('an overlay broken by hand is reported and never overwritten', async () => {
    const overlay = learnedSetPath(daemon.stateDir);
    await writeFile(overlay, '{ "schemaVersion": 1, "mappings": [');
    const r = await call('DELETE', url('width'));
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ error: 'MAPPING_FILE_INVALID' });
    expect(r.body['message']).toContain(overlay);
    expect(await readFile(overlay, 'utf8')).toBe('{ "schemaVersion": 1, "mappings": [');
  });
});
