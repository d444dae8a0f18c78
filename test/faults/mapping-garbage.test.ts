/**
 * Fault: a mapping file replaced by garbage while the daemon runs and OSC traffic flows. The
 * daemon watches the mapping set and the controller profiles; a reload that finds any problem
 * keeps the previous mappings in force and reports the problem (file and what) on
 * /api/mappings/problems until a good edit arrives, which is then picked up.
 * Garbage of several kinds, in both watched files: binary noise, an empty file (an editor caught
 * mid-save), JSON cut off half way, and well-formed JSON that breaks the schema.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Daemon } from '../../bridge/daemon/index.js';
import { encodeFloatMessage } from '../../bridge/drivers/osc/codec.js';
import { FakeEngine } from '../../bridge/engine/fake.js';
import type { MappingView } from '../../bridge/server/messages.js';
import { getJson, oscListener, sendUdp, startTestDaemon, until } from '../integration/harness.js';
import { jsonFile, sleep, tempDir } from './helpers.js';

const PROFILE = {
  schemaVersion: 1,
  id: 'surface',
  name: 'Surface',
  controls: [
    { id: 'fader/1', kind: 'absolute', osc: { address: '/1/fader1' } },
    { id: 'fader/2', kind: 'absolute', osc: { address: '/1/fader2' } },
  ],
};
const set = (fader1Target: string) => ({
  schemaVersion: 1,
  name: 'garbage test',
  mappings: [
    { id: 'one', control: 'fader/1', target: fader1Target, glue: { takeover: 'off' } },
    { id: 'two', control: 'fader/2', target: 'eq.band2.gain', glue: { takeover: 'off' } },
  ],
});

/** Each kind of garbage, and what the problem must say after the file name. */
const GARBAGE: Record<string, { readonly text: () => string | Buffer; readonly says: RegExp }> = {
  'binary noise': { text: () => Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 151 + 7) % 256)), says: /^:1:1: invalid JSON: unexpected character/ },
  'an empty file': { text: () => '', says: /^:1:1: invalid JSON: unexpected end of input/ },
  'JSON cut off half way': { text: () => JSON.stringify(set('output.gain'), null, 2).slice(0, 90), says: /^:\d+:\d+: invalid JSON: unexpected end of input/ },
  'JSON that breaks the schema': {
    text: () => JSON.stringify({ schemaVersion: 1, name: 'x', mappings: 'all of them', controls: 7 }),
    says: /^: \/(mappings|controls|id): (expected an array|unknown property|missing)/,
  },
};

describe('mapping files replaced by garbage while running', () => {
  let daemon: Daemon;
  let surface: Awaited<ReturnType<typeof oscListener>>;
  let dir = '';
  let setFile = '';
  let profileFile = '';
  let traffic = true;
  let pump: Promise<void> = Promise.resolve();
  let pumped = 0;

  const send = (address: string, v: number) => sendUdp(surface.socket, encodeFloatMessage(address, v), daemon.oscPort);
  const problems = async () => (await getJson<{ problems: string[] }>(`${daemon.httpUrl}/api/mappings/problems`)).problems;
  const norm = (id: string) => daemon.store.norm(id as never) ?? -1;
  /** Moves fader 1 to `v` and waits until `target` follows. */
  const fader1Drives = async (target: string, v: number) => {
    await until(async () => {
      await send('/1/fader1', v);
      return Math.abs(norm(target) - v) < 1e-6;
    }, 10_000);
  };

  beforeAll(async () => {
    surface = await oscListener();
    dir = await tempDir('mapping');
    const controllers = join(dir, 'controllers');
    await mkdir(controllers);
    profileFile = await jsonFile(controllers, 'surface.json', PROFILE);
    setFile = await jsonFile(dir, 'set.json', set('output.gain'));
    const config = await jsonFile(dir, 'config.json', { schemaVersion: 1, midi: { ports: false }, mappings: { controllers, set: setFile } });
    daemon = await startTestDaemon(['--config', config], { engine: new FakeEngine() });
    // Background traffic on fader 2 for the whole test: a new value every 2 ms.
    pump = (async () => {
      for (let i = 0; traffic; i++) {
        await send('/1/fader2', ((i * 37) % 1000) / 999);
        pumped++;
        await sleep(2);
      }
    })();
  });

  afterAll(async () => {
    traffic = false;
    await pump;
    surface?.close();
    await daemon?.close();
  });

  it('starts clean', async () => {
    expect(await problems()).toEqual([]);
    await fader1Drives('output.gain', 0.25);
  });

  for (const [which, file] of [
    ['the mapping set', () => setFile],
    ['a controller profile', () => profileFile],
  ] as const) {
    for (const [kind, garbage] of Object.entries(GARBAGE)) {
      it(`${which} replaced by ${kind}: old mappings stay, the problem names the file, a fix is picked up`, { timeout: 60_000 }, async () => {
        const f = file();
        const good = which === 'the mapping set' ? set('output.gain') : PROFILE;
        await writeFile(f, garbage.text());
        await until(async () => (await problems()).some((p) => p.startsWith(f)), 10_000);
        const reported = (await problems()).filter((p) => p.startsWith(f));
        // file, then where (line:column, or a JSON pointer) and what.
        expect(reported.some((p) => garbage.says.test(p.slice(f.length))), reported.join('\n')).toBe(true);
        // The previous mappings are still in force, both the one we move and the one under traffic.
        await fader1Drives('output.gain', 0.75);
        const before = pumped;
        await until(() => pumped > before + 20);
        const views = await getJson<MappingView[]>(`${daemon.httpUrl}/api/mappings`);
        expect(views.map((v) => `${v.id} ${v.target}`).sort()).toEqual(['one output.gain', 'two eq.band2.gain']);

        // Fixed: for the set, with a change that shows the new file is what is in force.
        await writeFile(f, JSON.stringify(which === 'the mapping set' ? set('input.gain') : good));
        await until(async () => (await problems()).length === 0, 10_000);
        if (which === 'the mapping set') {
          await fader1Drives('input.gain', 0.4);
          await writeFile(f, JSON.stringify(good));
          await until(async () => (await getJson<MappingView[]>(`${daemon.httpUrl}/api/mappings`)).some((v) => v.id === 'one' && v.target === 'output.gain'), 10_000);
        }
        await fader1Drives('output.gain', 0.5);
      });
    }
  }

  it('the traffic kept applying throughout', async () => {
    traffic = false;
    await pump;
    const last = (((pumped - 1) * 37) % 1000) / 999;
    await until(() => Math.abs(norm('eq.band2.gain') - Math.fround(last)) < 1e-6, 10_000);
    const osc = (await getJson<{ kind: string; counters: Record<string, number> }[]>(`${daemon.httpUrl}/api/devices`)).find((d) => d.kind === 'osc-in');
    expect(osc?.counters['unmapped'] ?? 0).toBe(0);
    expect(osc?.counters['rejected'] ?? 0).toBe(0);
  });
});
