import { createSocket } from 'node:dgram';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bridge/config/load.js';
import type { Daemon } from '../../bridge/daemon/index.js';
import { encodeFloatMessage } from '../../bridge/drivers/osc/codec.js';
import { oscListener, sendUdp, startTestDaemon, until } from './harness.js';

describe('the daemon driving an external engine over OSC', () => {
  let daemon: Daemon;
  let engine: Awaited<ReturnType<typeof oscListener>>;

  beforeAll(async () => {
    engine = await oscListener();
    const dir = await mkdtemp(join(tmpdir(), 'detent-ext-'));
    const config = join(dir, 'config.json');
    await writeFile(config, JSON.stringify({ schemaVersion: 1, engine: { kind: 'osc', template: { kind: 'generic', host: '127.0.0.1', port: engine.port } } }));
    daemon = await startTestDaemon(['--config', config]);
  });

  afterAll(async () => {
    engine?.close();
    await daemon?.close();
  });

  it('an OSC control change reaches the external engine in plain units', async () => {
    const s = createSocket('udp4');
    await sendUdp(s, encodeFloatMessage('/detent/param/output.gain', -6), daemon.oscPort);
    await until(() => engine.messages.some((m) => m.address === '/detent/engine/output.gain' && m.args[0]?.type === 'f' && m.args[0].value === -6));
    expect(daemon.engine.status()).toMatchObject({ state: 'running', source: expect.stringContaining('osc:generic') });
    s.close();
  });

  it('a bad engine section is reported with its path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'detent-ext-'));
    const config = join(dir, 'config.json');
    await writeFile(config, JSON.stringify({ schemaVersion: 1, engine: { kind: 'osc', template: { kind: 'reaper', host: 'x', port: 0, track: 1, fx: 1 } } }));
    const r = await loadConfig(['--config', config, '--state-dir', dir], {});
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' && r.message).toMatch(/\/engine/);
  });
});
