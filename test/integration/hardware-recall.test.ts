import { createSocket } from 'node:dgram';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeFloatMessage } from '../../bridge/drivers/osc/codec.js';
import { FakeEngine } from '../../bridge/engine/fake.js';
import { sendUdp, startTestDaemon, until } from './harness.js';

/** A controller button bound to a snapshot (modes.recall) recalls it in the open session. */
describe('hardware recall', () => {
  it('a recall button recalls snapshot A of the open session', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'detent-hwrecall-'));
    const controllers = join(dir, 'controllers');
    await mkdir(controllers);
    await writeFile(
      join(controllers, 'pad.json'),
      JSON.stringify({ schemaVersion: 1, id: 'pad', name: 'Pad', controls: [{ id: 'button/recall-a', kind: 'button', osc: { address: '/recall/a' } }] }),
    );
    const set = join(dir, 'set.json');
    await writeFile(set, JSON.stringify({ schemaVersion: 1, name: 'recall', modes: { recall: [{ control: 'button/recall-a', snapshot: 'A' }] }, mappings: [] }));
    const config = join(dir, 'config.json');
    await writeFile(config, JSON.stringify({ schemaVersion: 1, midi: { ports: false }, mappings: { controllers, set } }));
    const daemon = await startTestDaemon(['--config', config], { engine: new FakeEngine() });
    const socket = createSocket('udp4');
    try {
      const send = (method: string, path: string, body?: unknown) =>
        fetch(`${daemon.httpUrl}${path}`, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
      await send('PUT', '/api/params/output.gain', { value: -6 });
      expect((await send('POST', '/api/sessions', { name: 'Recall job' })).status).toBe(201); // snapshot A holds -6 dB
      await send('PUT', '/api/params/output.gain', { value: 3 });
      expect(daemon.store.get('output.gain' as never)).toBe(3);
      await sendUdp(socket, encodeFloatMessage('/recall/a', 1), daemon.oscPort);
      await until(() => daemon.store.get('output.gain' as never) === -6);
    } finally {
      socket.close();
      await daemon.close();
    }
  });
});
