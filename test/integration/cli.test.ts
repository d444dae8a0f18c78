import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from './harness.js';

/** The built command, exactly what `npm start` and the `detent` bin run. */
const CLI = fileURLToPath(new URL('../../dist/bridge/cli.js', import.meta.url));
const run = promisify(execFile);

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

async function exitOf(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('the detent command', () => {
  let child: ChildProcess | undefined;
  afterEach(() => child?.kill('SIGKILL'));

  it('exits 2 on a bad config, listing every problem with its path, and no stack trace', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'detent-cli-'));
    const config = join(dir, 'config.json');
    await writeFile(config, JSON.stringify({ schemaVersion: 1, http: { port: 'x' }, osc: { feedback: [{ host: 'a' }] }, colour: 'red' }));
    const r = await exitOf(['--config', config, '--state-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(config);
    expect(r.stderr).toMatch(/\/http\/port/);
    expect(r.stderr).toMatch(/\/osc\/feedback\/0/);
    expect(r.stderr).toMatch(/colour/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on an unknown flag and on a bad port flag', async () => {
    expect((await exitOf(['--frobnicate'])).code).toBe(2);
    const r = await exitOf(['--http-port', 'abc', '--state-dir', await mkdtemp(join(tmpdir(), 'detent-cli-'))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\/http\/port/);
  });

  it('prints help and version', async () => {
    expect((await exitOf(['--help'])).stdout).toMatch(/--osc-port/);
    expect((await exitOf(['--version'])).stdout).toMatch(/^detent \d+\.\d+\.\d+/);
  });

  it('runs as a process: health, an oscsend moves a parameter, SIGTERM exits 0', async () => {
    const [http, osc] = [await freePort(), await freePort()];
    const state = await mkdtemp(join(tmpdir(), 'detent-cli-'));
    child = spawn(process.execPath, [CLI, '--http-port', String(http), '--osc-port', String(osc), '--audio', 'none', '--state-dir', state], { stdio: 'pipe' });
    const url = `http://127.0.0.1:${http}`;
    await until(async () => (await fetch(`${url}/api/health`).catch(() => undefined))?.ok === true, 15000);
    await run('oscsend', ['127.0.0.1', String(osc), '/detent/param/output.gain', 'f', '-6']);
    await until(async () => ((await (await fetch(`${url}/api/params/output.gain`)).json()) as { value: number }).value === -6);
    const exited = new Promise<number | null>((r) => child?.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('exits 1 with a clear message when the HTTP port is taken', async () => {
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as { port: number }).port;
    const r = await exitOf(['--http-port', String(port), '--osc-port', '0', '--audio', 'none', '--state-dir', await mkdtemp(join(tmpdir(), 'detent-cli-'))]);
    srv.close();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot start: .*EADDRINUSE/);
  });
});
