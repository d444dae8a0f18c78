import { describe, expect, it } from 'vitest';
import { HELP_TEXT, parseCliArgs, type CliArgs } from '../../bridge/config/cli-args.js';

const cwd = '/work/here';
const overrides = (r: CliArgs) => (r.kind === 'run' ? r.overrides.map((o) => [o.flag, o.path.join('.'), o.value]) : r);

describe('parseCliArgs', () => {
  it.each([
    [['--http-host', '0.0.0.0'], ['--http-host', 'http.host', '0.0.0.0']],
    [['--http-port', '8080'], ['--http-port', 'http.port', 8080]],
    [['--http-port=0'], ['--http-port', 'http.port', 0]],
    [['--osc-port', '9001'], ['--osc-port', 'osc.port', 9001]],
    [['--state-dir', 'state'], ['--state-dir', 'stateDir', '/work/here/state']],
    [['--state-dir', '/abs/state'], ['--state-dir', 'stateDir', '/abs/state']],
    [['--audio', 'none'], ['--audio', 'audio.output', 'none']],
    [['--source', 'demo'], ['--source', 'audio.source', 'demo']],
    [['--source', 'music/track.wav'], ['--source', 'audio.source', '/work/here/music/track.wav']],
    [['--log-level', 'debug'], ['--log-level', 'logLevel', 'debug']],
    // Not a number: left as text for the schema to report at /http/port.
    [['--http-port', 'abc'], ['--http-port', 'http.port', 'abc']],
    [['--http-port', '1.5'], ['--http-port', 'http.port', 1.5]],
  ])('%j sets one value', (argv, want) => {
    expect(overrides(parseCliArgs(argv, cwd))).toEqual([want]);
  });

  it('resolves --config against cwd', () => {
    expect(parseCliArgs(['--config', 'c.json'], cwd)).toEqual({ kind: 'run', configPath: '/work/here/c.json', overrides: [] });
    expect(parseCliArgs([], cwd)).toEqual({ kind: 'run', configPath: undefined, overrides: [] });
  });

  it.each([
    [['--help'], 'help'],
    [['-h'], 'help'],
    [['--version'], 'version'],
    [['-v'], 'version'],
    [['--version', '--help'], 'help'],
  ])('%j → %s', (argv, kind) => {
    expect(parseCliArgs(argv, cwd).kind).toBe(kind);
  });

  it.each([
    [['--nope'], "Unknown option '--nope'"],
    [['--http-port'], "Option '--http-port <value>' argument missing"],
    [['stray'], "Unexpected argument 'stray'"],
    [['--help=yes'], 'does not take an argument'],
    [['--http-host='], '--http-host: needs a value'],
  ])('%j is an error', (argv, text) => {
    const r = parseCliArgs(argv, cwd);
    expect(r.kind).toBe('error');
    if (r.kind === 'error') expect(r.message).toContain(text);
  });

  it('has a help text naming every flag', () => {
    for (const f of ['--config', '--http-host', '--http-port', '--osc-port', '--state-dir', '--audio', '--source', '--log-level', '--help', '--version']) {
      expect(HELP_TEXT).toContain(f);
    }
  });
});
