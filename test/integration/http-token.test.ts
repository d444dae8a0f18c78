import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeEngine } from '../../bridge/engine/fake.js';
import { startTestDaemon } from './harness.js';

/** Bound off loopback, the daemon makes a token once, keeps it private in the state directory, and wants it. */
describe('the API off loopback', () => {
  it('generates a token (mode 0600), refuses requests without it and accepts them with it', async () => {
    const daemon = await startTestDaemon(['--http-host', '0.0.0.0'], { engine: new FakeEngine() });
    try {
      const file = join(daemon.stateDir, 'http-token');
      const token = (await readFile(file, 'utf8')).trim();
      expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const port = new URL(daemon.httpUrl).port;
      const url = `http://127.0.0.1:${port}/api/params`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    } finally {
      await daemon.close();
    }
  });
});
