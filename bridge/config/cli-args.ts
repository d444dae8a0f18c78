import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/**
 * Command-line flags. Each flag that sets a config value names its JSON path, so the config schema
 * validates flag values exactly as it validates the file (`--http-port abc` → `/http/port`).
 */
interface FlagSpec {
  readonly path: readonly string[];
  /** number: digits become a number (anything else is left for the schema to reject);
   *  path: resolved against cwd; source: `demo` or a path. */
  readonly kind: 'string' | 'number' | 'path' | 'source';
}

const FLAGS: Readonly<Record<string, FlagSpec>> = {
  'state-dir': { path: ['stateDir'], kind: 'path' },
  'http-host': { path: ['http', 'host'], kind: 'string' },
  'http-port': { path: ['http', 'port'], kind: 'number' },
  'osc-port': { path: ['osc', 'port'], kind: 'number' },
  audio: { path: ['audio', 'output'], kind: 'string' },
  source: { path: ['audio', 'source'], kind: 'source' },
  'log-level': { path: ['logLevel'], kind: 'string' },
};

/** A config value set on the command line, to be laid over the file before validation. */
export interface CliOverride {
  readonly flag: string;
  /** JSON path as keys (`['http', 'port']`). */
  readonly path: readonly string[];
  readonly value: string | number | readonly SerialOverride[];
  /** Appended to the file's list instead of replacing it (repeatable flags). */
  readonly append?: boolean;
}

/** `--serial <path>[:<profile-id>]`, relative paths resolved against cwd. */
export interface SerialOverride {
  readonly path: string;
  readonly profile?: string;
}

/**
 * Splits `--serial` values: the profile id is after the last `:` when it looks like an id (no `/`)
 * and the whole value is not an existing path (by-path names contain colons).
 */
export function parseSerialFlag(v: string, cwd: string): SerialOverride {
  if (existsSync(resolve(cwd, v))) return { path: resolve(cwd, v) };
  const i = v.lastIndexOf(':');
  const id = i > 0 ? v.slice(i + 1) : '';
  if (/^[A-Za-z0-9][A-Za-z0-9_.@+-]*$/.test(id)) return { path: resolve(cwd, v.slice(0, i)), profile: id };
  return { path: resolve(cwd, v) };
}

export type CliArgs =
  | { readonly kind: 'run'; readonly configPath: string | undefined; readonly overrides: readonly CliOverride[] }
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'version' }
  | { readonly kind: 'error'; readonly message: string };

export const HELP_TEXT = `Usage: detent [options]
       detent learn <param-id> [--url <url>] [--timeout <seconds>]
       detent calibrate <serial-port> [--url <url>] [--rest <seconds>]
       detent devices [--config <path>] [--state-dir <path>]

Hands-on control for audio mastering: controllers (OSC, MIDI, serial) drive a mastering chain.
\`detent learn\` asks the running daemon to map the next control you move (see detent learn --help).
\`detent calibrate\` measures a serial knob box's noise, travel and pot tapers (detent calibrate --help).
\`detent devices\` lists MIDI and serial ports with the profile each would open with.

Options:
  --config <path>        config file (default <state dir>/config.json, used if it exists)
  --state-dir <path>     state directory (default $XDG_DATA_HOME/detent or ~/.local/share/detent)
  --http-host <host>     dashboard and API address (default 127.0.0.1)
  --http-port <port>     dashboard and API port, 0 = any free port (default 7400)
  --osc-port <port>      OSC input UDP port, 0 = any free port (default 9000)
  --audio default|jack|none
                         play to JACK if it runs, else the default device; only to JACK; or headless
                         (default default)
  --source demo|input|<path>
                         the demo signal, the live audio input, or a WAV, FLAC, MP3 or Ogg
                         Vorbis file (default demo)
  --serial <path>[:<id>] open a serial knob box with a firmware profile (deej, firmata,
                         midi-serial, text-lines, detent-hr, or yours); repeatable
  --log-level <level>    fatal, error, warn, info, debug or trace (default info)
  -h, --help             show this help
  -v, --version          show the version

Flags override the config file. Relative paths on the command line resolve against the current
directory; in the config file, against the file's directory.
`;

/**
 * Parses argv (without the node and script entries). Never throws: unknown flags, missing or
 * empty values and positional arguments come back as `error`. `--help` wins over `--version`.
 */
export function parseCliArgs(argv: readonly string[], cwd: string): CliArgs {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    const options = Object.fromEntries(Object.keys(FLAGS).map((f) => [f, { type: 'string' as const }]));
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        ...options,
        config: { type: 'string' },
        serial: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    const first = (e instanceof Error ? e.message : String(e)).split('. ')[0] ?? '';
    return { kind: 'error', message: `${first} (see detent --help)` };
  }
  if (values['help'] === true) return { kind: 'help', text: HELP_TEXT };
  if (values['version'] === true) return { kind: 'version' };

  const empty = Object.entries(values).filter(([, v]) => v === '' || (Array.isArray(v) && v.includes(''))).map(([k]) => `--${k}`);
  if (empty.length > 0) return { kind: 'error', message: `${empty.join(', ')}: needs a value (see detent --help)` };

  const overrides: CliOverride[] = [];
  for (const [name, spec] of Object.entries(FLAGS)) {
    const v = values[name];
    if (typeof v === 'string') overrides.push({ flag: `--${name}`, path: spec.path, value: convert(spec.kind, v, cwd) });
  }
  const serial = values['serial'] as unknown as string[] | undefined;
  if (serial !== undefined) overrides.push({ flag: '--serial', path: ['serial'], value: serial.map((v) => parseSerialFlag(v, cwd)), append: true });
  const config = values['config'];
  return { kind: 'run', configPath: typeof config === 'string' ? resolve(cwd, config) : undefined, overrides };
}

function convert(kind: FlagSpec['kind'], v: string, cwd: string): string | number {
  switch (kind) {
    case 'string':
      return v;
    case 'number':
      return /^[+-]?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
    case 'path':
      return resolve(cwd, v);
    case 'source':
      return v === 'demo' || v === 'input' ? v : resolve(cwd, v);
  }
}
