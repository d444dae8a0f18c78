import { dirname, join } from 'node:path';
import { parseCliArgs } from './cli-args.js';
import type { DetentConfig } from './config-schema.js';
import { readJsonFile } from './json-file.js';
import { packageRoot } from '../package-root.js';
import { defaultStateDir } from './paths.js';
import { formatInFile, type Problem } from './problems.js';
import { resolveConfig } from './resolve.js';

export type ConfigResult =
  | {
      readonly kind: 'ok';
      /** Validated, defaults filled, paths absolute, deep-frozen. */
      readonly config: DetentConfig;
      /** The config file read, or the default path looked at when there was none. */
      readonly configPath: string;
      /**
       * True when there was no config file (only possible at the default path) and the config was
       * created from defaults and flags alone. Nothing is written to disk.
       */
      readonly created: boolean;
    }
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'version' }
  /** Every problem found, one a line, each with its JSON path; the caller prints it and exits 2. */
  | { readonly kind: 'error'; readonly message: string };

export interface LoadOptions {
  /** Directory that relative CLI paths resolve against; default process.cwd(). */
  readonly cwd?: string;
  /** Where the shipped mappings are; default bridge/package-root.ts's answer. */
  readonly packageRoot?: string;
}

/**
 * Loads the daemon's configuration: CLI flags over the config file over the schema's defaults.
 * The file is `--config <path>` (must exist) or `<stateDir>/config.json` (optional), where the
 * state directory for that look-up is `--state-dir` or the XDG default. Never throws.
 */
export async function loadConfig(argv: string[], env: NodeJS.ProcessEnv, opts: LoadOptions = {}): Promise<ConfigResult> {
  const args = parseCliArgs(argv, opts.cwd ?? process.cwd());
  if (args.kind !== 'run') return args;

  const stateDirFlag = args.overrides.find((o) => o.flag === '--state-dir')?.value;
  const stateDir = typeof stateDirFlag === 'string' ? stateDirFlag : defaultStateDir(env);
  const configPath = args.configPath ?? join(stateDir, 'config.json');

  const file = await readJsonFile(configPath);
  if (file.kind === 'problem') return errorResult(`invalid configuration file ${configPath}`, [file.problem]);
  if (file.kind === 'missing' && args.configPath !== undefined) {
    return { kind: 'error', message: `config file not found: ${configPath} (named by --config)` };
  }
  // No file at the default path: the defaults, at the only schema version there is.
  const raw = file.kind === 'ok' ? file.value : { schemaVersion: 1 };
  let root: string;
  try {
    root = opts.packageRoot ?? packageRoot();
  } catch (e) {
    return { kind: 'error', message: (e as Error).message };
  }
  const res = resolveConfig(raw, args.overrides, { configPath, configDir: dirname(configPath), stateDir, packageRoot: root });
  if (!res.ok) {
    const what = file.kind === 'ok' ? `invalid configuration in ${configPath}` : `invalid configuration (flags; no file at ${configPath})`;
    return errorResult(what, res.problems);
  }
  return { kind: 'ok', config: res.value, configPath, created: file.kind === 'missing' };
}

function errorResult(what: string, problems: readonly Problem[]): ConfigResult {
  const n = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return { kind: 'error', message: `${what}, ${n}:\n${problems.map((p) => `  ${formatInFile(p)}`).join('\n')}` };
}
