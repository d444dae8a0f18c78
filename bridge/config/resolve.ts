import { isAbsolute, resolve } from 'node:path';
import type { CliOverride } from './cli-args.js';
import { ConfigSchema, type DetentConfig } from './config-schema.js';
import { deepFreeze } from './freeze.js';
import { firmwareProfilesDir, shippedControllers, shippedSet } from './paths.js';
import { pointerKey } from './problems.js';
import { checkValue, type Checked } from './validate.js';
import { parseCidr } from '../core/net/cidr.js';

export interface ResolveContext {
  /** The config file's path, for messages (it need not exist). */
  readonly configPath: string;
  /** Directory that relative paths in the file resolve against. */
  readonly configDir: string;
  /** State directory used when the file leaves stateDir at ''. */
  readonly stateDir: string;
  readonly packageRoot: string;
}

/**
 * The pure half of loadConfig: lays the CLI overrides over the file's value, validates once with
 * the schema (problems on an overridden path name the flag), resolves computed defaults and
 * relative paths, and deep-freezes. Never throws, whatever the value.
 */
export function resolveConfig(raw: unknown, overrides: readonly CliOverride[], ctx: ResolveContext): Checked<DetentConfig> {
  const checked = checkValue(ConfigSchema, applyOverrides(raw, overrides), ctx.configPath);
  if (!checked.ok) {
    const flagAt = new Map(overrides.map((o) => [pointer(o.path), o.flag]));
    const problems = checked.problems.map((p) => {
      const flag = flagAt.get(p.path);
      return flag === undefined ? p : { ...p, message: `${p.message} (from ${flag})` };
    });
    return { ok: false, problems };
  }
  const c = checked.value;
  const cidrProblems = c.osc.allow.flatMap((a, i) => (parseCidr(a) === null ? [{ file: ctx.configPath, path: `/osc/allow/${i}`, message: `not an address block like 192.168.1.0/24: ${JSON.stringify(a)}` }] : []));
  if (cidrProblems.length > 0) return { ok: false, problems: cidrProblems };
  // Overrides are already absolute (cli-args resolves them against cwd); resolve() keeps them.
  const inFile = (p: string): string => resolve(ctx.configDir, p);
  c.stateDir = c.stateDir === '' ? ctx.stateDir : inFile(c.stateDir);
  c.mappings.controllers = c.mappings.controllers === '' ? shippedControllers(ctx.packageRoot) : inFile(c.mappings.controllers);
  c.mappings.set = c.mappings.set === '' ? shippedSet(ctx.packageRoot) : inFile(c.mappings.set);
  c.mappings.firmware = c.mappings.firmware === '' ? firmwareProfilesDir(c.stateDir) : inFile(c.mappings.firmware);
  for (const s of c.serial) s.path = inFile(s.path);
  // 'demo' names the built-in signal and 'input' the live input, never a file.
  if (c.audio.source !== 'demo' && c.audio.source !== 'input' && !isAbsolute(c.audio.source)) c.audio.source = inFile(c.audio.source);
  return { ok: true, value: deepFreeze(c) };
}

const pointer = (path: readonly string[]): string => path.map((k) => `/${pointerKey(k)}`).join('');

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A copy of the file's value with each override set at its path, creating objects on the way.
 * Where the file's value is not an object (a wrong type), it is left for the schema to report.
 */
function applyOverrides(raw: unknown, overrides: readonly CliOverride[]): unknown {
  if (!isRecord(raw) || overrides.length === 0) return raw;
  const root: Record<string, unknown> = { ...raw };
  for (const o of overrides) {
    let obj = root;
    const keys = o.path.slice(0, -1);
    const last = o.path[o.path.length - 1];
    let reachable = last !== undefined;
    for (const k of keys) {
      const next = obj[k] ?? {};
      if (!isRecord(next)) {
        reachable = false;
        break;
      }
      obj = obj[k] = { ...next };
    }
    if (!reachable || last === undefined) continue;
    const before = obj[last];
    obj[last] = o.append === true && Array.isArray(before) && Array.isArray(o.value) ? [...(before as unknown[]), ...o.value] : o.value;
  }
  return root;
}
