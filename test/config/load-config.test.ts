import { join } from 'node:path';
import { truncate, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadConfig, type ConfigResult } from '../../bridge/config/load.js';
import { put, tempDir } from './temp.js';

const ROOT = '/pkg';

/** Loads with HOME in a temp dir and cwd elsewhere; returns the result and the dirs used. */
async function load(argv: string[], opts: { file?: unknown; env?: NodeJS.ProcessEnv } = {}) {
  const home = await tempDir();
  const cwd = await tempDir();
  const stateDir = join(home, '.local/share/detent');
  if (opts.file !== undefined) await put(join(stateDir, 'config.json'), opts.file);
  const result = await loadConfig(argv, { HOME: home, ...opts.env }, { cwd, packageRoot: ROOT });
  return { result, home, cwd, stateDir };
}

function ok(r: ConfigResult) {
  if (r.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r;
}
function errorOf(r: ConfigResult): string {
  if (r.kind !== 'error') throw new Error(`expected error, got ${JSON.stringify(r)}`);
  return r.message;
}

describe('loadConfig', () => {
  it('without any file uses the defaults, with computed paths', async () => {
    const { result, stateDir } = await load([]);
    const r = ok(result);
    expect(r.created).toBe(true);
    expect(r.configPath).toBe(join(stateDir, 'config.json'));
    expect(r.config).toEqual({
      schemaVersion: 1,
      stateDir,
      logLevel: 'info',
      http: { host: '127.0.0.1', port: 7400, token: null },
      osc: { host: '0.0.0.0', port: 9000, feedback: [], allow: [] },
      midi: { ports: true, serial: [] },
      serial: [],
      engine: { kind: 'embedded' },
      audio: { output: 'default', source: 'demo' },
      mappings: { controllers: '/pkg/mappings/controllers', set: '/pkg/mappings/sets/default.json', firmware: join(stateDir, 'firmware-profiles') },
    });
  });

  it('uses $XDG_DATA_HOME when it is absolute, and ignores it when relative', async () => {
    const xdg = await tempDir();
    expect(ok((await load([], { env: { XDG_DATA_HOME: xdg } })).result).config.stateDir).toBe(join(xdg, 'detent'));
    const { result, stateDir } = await load([], { env: { XDG_DATA_HOME: 'relative' } });
    expect(ok(result).config.stateDir).toBe(stateDir);
  });

  it('returns a deep-frozen config', async () => {
    const c = ok((await load([], { file: { schemaVersion: 1, osc: { feedback: [{ host: 'a', port: 1 }] } } })).result).config;
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.http)).toBe(true);
    expect(Object.isFrozen(c.osc.feedback)).toBe(true);
    expect(Object.isFrozen(c.osc.feedback[0])).toBe(true);
  });

  it('reads the default file and resolves its relative paths against its directory', async () => {
    const file = { schemaVersion: 1, stateDir: 'state', audio: { source: 'music/a.flac' }, mappings: { controllers: 'ctl', set: '/abs/set.json' } };
    const { result, stateDir } = await load([], { file });
    const r = ok(result);
    expect(r.created).toBe(false);
    expect(r.config.stateDir).toBe(join(stateDir, 'state'));
    expect(r.config.audio.source).toBe(join(stateDir, 'music/a.flac'));
    expect(r.config.mappings).toEqual({ controllers: join(stateDir, 'ctl'), set: '/abs/set.json', firmware: join(stateDir, 'state', 'firmware-profiles') });
  });

  it('lets flags beat the file; flag paths resolve against cwd', async () => {
    const file = { schemaVersion: 1, logLevel: 'warn', http: { host: '::1', port: 1234 }, audio: { output: 'default', source: 'file.wav' } };
    const argv = ['--http-port', '0', '--osc-port', '9100', '--log-level', 'trace', '--audio', 'none', '--source', 'x.wav', '--http-host', '0.0.0.0'];
    const { result, cwd } = await load(argv, { file });
    const c = ok(result).config;
    expect(c.http).toEqual({ host: '0.0.0.0', port: 0, token: null });
    expect(c.osc.port).toBe(9100);
    expect(c.logLevel).toBe('trace');
    expect(c.audio).toEqual({ output: 'none', source: join(cwd, 'x.wav') });
  });

  it('--serial adds knob boxes to the file\'s list, with the profile after the last colon', async () => {
    const file = { schemaVersion: 1, serial: [{ path: 'box', profile: 'deej' }] };
    const byPath = join(await tempDir(), 'pci-0000:00:14.0-usb-0:1');
    await writeFile(byPath, '');
    const { result, cwd, stateDir } = await load(['--serial', '/dev/ttyACM0:detent-hr', '--serial', 'ttyUSB1', '--serial', byPath], { file });
    expect(ok(result).config.serial).toEqual([
      { path: join(stateDir, 'box'), profile: 'deej' },
      { path: '/dev/ttyACM0', profile: 'detent-hr' },
      { path: join(cwd, 'ttyUSB1') },
      { path: byPath },
    ]);
    expect(errorOf((await load(['--serial', ''])).result)).toMatch(/--serial: needs a value/);
  });

  it('--state-dir moves both the state and the default config file', async () => {
    const dir = await tempDir();
    await put(join(dir, 'config.json'), { schemaVersion: 1, http: { port: 7500 } });
    const r = ok((await load(['--state-dir', dir])).result);
    expect(r.configPath).toBe(join(dir, 'config.json'));
    expect(r.config.stateDir).toBe(dir);
    expect(r.config.http.port).toBe(7500);
  });

  it('reads --config <path>, relative to cwd', async () => {
    const { cwd } = await load([]);
    await put(join(cwd, 'my.json'), { schemaVersion: 1, osc: { port: 9999 } });
    const r = ok(await loadConfig(['--config', 'my.json'], { HOME: cwd }, { cwd, packageRoot: ROOT }));
    expect(r.configPath).toBe(join(cwd, 'my.json'));
    expect(r.config.osc.port).toBe(9999);
  });

  it('a missing file named by --config is an error', async () => {
    const { result, cwd } = await load(['--config', 'nope.json']);
    expect(errorOf(result)).toBe(`config file not found: ${join(cwd, 'nope.json')} (named by --config)`);
  });

  it('reports every violation with its JSON path and the file', async () => {
    const file = {
      schemaVersion: 1,
      logLevel: 'loud',
      http: { port: 70000, extra: true },
      osc: { feedback: [{ host: 'a', port: 'x' }, { port: 5 }] },
      audio: { output: 'speakers' },
      unknown: 1,
    };
    const { result, stateDir } = await load([], { file });
    const lines = errorOf(result).split('\n');
    expect(lines[0]).toBe(`invalid configuration in ${join(stateDir, 'config.json')}, 7 problems:`);
    expect(lines.slice(1).sort()).toEqual(
      [
        '  /unknown: unknown property (allowed: $schema, schemaVersion, stateDir, logLevel, http, osc, midi, serial, engine, audio, mappings)',
        '  /logLevel: expected one of "fatal", "error", "warn", "info", "debug", "trace", got "loud"',
        '  /http/port: expected integer 0..65535, got 70000',
        '  /http/extra: unknown property (allowed: host, port, token)',
        '  /osc/feedback/0/port: expected integer 1..65535, got "x"',
        '  /osc/feedback/1/host: missing (expected non-empty string)',
        '  /audio/output: expected one of "default", "jack", "none", got "speakers"',
      ].sort(),
    );
  });

  it('validates flag values with the same schema, naming the flag', async () => {
    const { result } = await load(['--http-port', 'abc', '--osc-port=-1', '--log-level', 'loud']);
    const message = errorOf(result);
    expect(message).toContain('/http/port: expected integer 0..65535, got "abc" (from --http-port)');
    expect(message).toContain('/osc/port: expected integer 0..65535, got -1 (from --osc-port)');
    expect(message).toContain('/logLevel: expected one of');
    expect(message).toContain('(from --log-level)');
    expect(message.split('\n')[0]).toMatch(/^invalid configuration \(flags; no file at .*config\.json\), 3 problems:$/);
  });

  it('requires schemaVersion 1 in a file', async () => {
    expect(errorOf((await load([], { file: {} })).result)).toContain('/schemaVersion: missing (expected 1)');
    expect(errorOf((await load([], { file: { schemaVersion: 2 } })).result)).toContain('/schemaVersion: expected 1, got 2');
  });

  it('reports a __proto__ key as unknown instead of letting it set a prototype', async () => {
    const { result } = await load([], { file: '{ "schemaVersion": 1, "http": { "__proto__": { "port": 1 } } }' });
    expect(errorOf(result)).toContain('  /http/__proto__: unknown property');
  });

  it('reports a file that is not an object', async () => {
    expect(errorOf((await load([], { file: '[1, 2]' })).result)).toContain('  /: expected an object, got [1,2]');
  });

  it('reports invalid JSON with file, line and column', async () => {
    const { result, stateDir } = await load([], { file: '{\n  "schemaVersion": 1,\n  "http": { "port": 80, }\n}\n' });
    expect(errorOf(result)).toBe(
      `invalid configuration file ${join(stateDir, 'config.json')}, 1 problem:\n` +
        `  line 3, column 25: invalid JSON: unexpected character "}", expected a property name in double quotes`,
    );
  });

  it('refuses a file larger than 32 MiB without reading it, saying its size', async () => {
    const home = await tempDir();
    const file = await put(join(home, 'big.json'), '{');
    await truncate(file, 33 * 1024 * 1024);
    const result = await loadConfig(['--config', file], { HOME: home }, { cwd: home, packageRoot: ROOT });
    expect(errorOf(result)).toBe(`invalid configuration file ${file}, 1 problem:\n  /: file is 33.0 MiB, larger than the 32 MiB a Detent file may be`);
  });

  it.each([
    [['--help'], 'help'],
    [['--version'], 'version'],
    [['--bogus'], 'error'],
  ])('%j → %s, before any file is read', async (argv, kind) => {
    expect((await load(argv, { file: 'not json' })).result.kind).toBe(kind);
  });
});
