/**
 * Every file the daemon reads, through the pure half of its loader (the part after readFile):
 * JSON text (config/json-text.ts), the config (config/resolve.ts), controller profiles, mapping
 * sets, firmware profiles, calibrations (config/*-schema.ts through config/validate.ts `checkValue`,
 * then each loader's own checks and compile) and session files (session/model/check.ts, migrations
 * included). Inputs are valid files edited at random (json-mutate.ts), then whatever loads is put
 * to work: routed inputs for profiles and sets, readings for firmware profiles and calibrations,
 * a recall for sessions; the store must stay sound.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import fc from 'fast-check';
import type { CliOverride } from '../../bridge/config/cli-args.js';
import { CalibrationFileSchema } from '../../bridge/config/calibration-schema.js';
import { usableCalibration } from '../../bridge/config/calibration-check.js';
import { channelBits, compileFirmwareProfile, firmwareProfileProblems, taperProblems, type ChannelCalibration } from '../../bridge/config/firmware-profile-compile.js';
import { FirmwareProfileSchema, type FirmwareProfile } from '../../bridge/config/firmware-profile-schema.js';
import { findJsonSyntaxError, parseJsonText } from '../../bridge/config/json-text.js';
import { compileMappingSet } from '../../bridge/config/mapping-set.js';
import { mappingSetProblems } from '../../bridge/config/mapping-set-check.js';
import { MappingSetSchema } from '../../bridge/config/mapping-set-schema.js';
import type { Problem } from '../../bridge/config/problems.js';
import { compileProfile, profileProblems } from '../../bridge/config/profile-compile.js';
import { ControllerProfileSchema } from '../../bridge/config/profile-schema.js';
import { resolveConfig } from '../../bridge/config/resolve.js';
import { checkValue } from '../../bridge/config/validate.js';
import type { ControlValue } from '../../bridge/core/control.js';
import { MidiParser } from '../../bridge/core/midi/parser.js';
import { sourceMax } from '../../bridge/core/midi/spec.js';
import { NO_MODES, type MappingSpec, type ModeSpec } from '../../bridge/core/mapping/spec.js';
import type { Unit } from '../../bridge/core/unit.js';
import { parseCidr } from '../../bridge/core/net/cidr.js';
import { MidiRouter } from '../../bridge/core/routing/midi-input.js';
import { routeOsc } from '../../bridge/core/routing/osc-input.js';
import { SerialRouter } from '../../bridge/core/routing/serial-input.js';
import { compileRouting, EMPTY_ROUTING, type ControlBinding, type RoutingTable } from '../../bridge/core/routing/table.js';
import type { DecodeEvent } from '../../bridge/core/serial/decoder.js';
import { createDecoder } from '../../bridge/core/serial/decoders/index.js';
import { checkSessionText } from '../../bridge/session/model/check.js';
import { applyValues } from '../../bridge/session/recall/apply.js';
import { expect, noThrow } from './harness.js';
import { jsonishText, jsonMutation, mutateJson, mutateText, textMutation, type Json, type JsonMutation, type TextMutation } from './json-mutate.js';
import { sourceBytes } from './midi.js';
import { badControlValue, knownParam, OUTCOMES, PARAMS, ROOT, SHIPPED, withRig, type Rig, type Shipped } from './rig.js';

// ---------------------------------------------------------------------------------------------
// Seeds: valid files to mutate

const readJson = (file: string): Json => JSON.parse(readFileSync(file, 'utf8')) as Json;
const obj = (v: Json): { [k: string]: Json } => v as { [k: string]: Json };

const FULL_CONFIG: Json = {
  $schema: '../schema/config.schema.json',
  schemaVersion: 1,
  stateDir: 'state',
  logLevel: 'debug',
  http: { host: '0.0.0.0', port: 7400, token: 'abcdefghijklmnop-0123' },
  osc: { host: '0.0.0.0', port: 9000, feedback: [{ host: '192.168.1.20', port: 9001 }], allow: ['192.168.1.0/24', '10.0.0.7', 'fd00::/8'] },
  midi: { ports: false, serial: ['/dev/ttyACM1'] },
  serial: [{ path: '/dev/ttyACM0', profile: 'deej' }, { path: 'relative/port' }],
  engine: { kind: 'osc', template: { kind: 'reaper', host: '127.0.0.1', port: 8000, listenPort: 9100, track: 1, fx: 2, params: { 'input.gain': 1 } } },
  audio: { output: 'none', source: 'music/master.wav' },
  mappings: { controllers: 'controllers', set: 'sets/mine.json', firmware: '' },
};
const CONFIGS: readonly Json[] = [
  { schemaVersion: 1 },
  FULL_CONFIG,
  { schemaVersion: 1, engine: { kind: 'osc', template: { kind: 'ardour', host: 'localhost', port: 3819, ssid: 1, piid: 1 } }, osc: { allow: ['127.0.0.1'] } },
  { schemaVersion: 1, engine: { kind: 'osc', template: { kind: 'generic', host: 'h', port: 1, prefix: '/x' } }, audio: { source: 'demo' } },
];

/** What `--osc-port`, `--http-port` and `--serial` lay over the file (some of them wrong). */
const OVERRIDES: readonly (readonly CliOverride[])[] = [
  [],
  [{ flag: '--osc-port', path: ['osc', 'port'], value: 'abc' }],
  [{ flag: '--http-port', path: ['http', 'port'], value: 70000 }, { flag: '--log-level', path: ['logLevel'], value: 'loud' }],
  [{ flag: '--serial', path: ['serial'], value: [{ path: '/dev/ttyUSB0', profile: 'firmata' }], append: true }],
  [{ flag: '--state-dir', path: ['stateDir'], value: '/tmp/detent-fuzz-state' }, { flag: '--source', path: ['audio', 'source'], value: 'demo' }],
];

/** Glue in every form the schema allows, on mappings of the shipped set's controls. */
const GLUE_MAPPINGS: readonly Json[] = [
  { control: 'knob/1', target: 'eq.band1.freq', glue: { source: { min: 0.1, max: 0.9 }, target: { min: 0.9, max: 0.1 }, outOfRange: 'ignore', reverse: true, curve: { kind: 's-curve', k: 3 }, taper: { kind: 'table', points: [[0, 30], [0.5, 200], [1, 1000]] }, step: { kind: 'plain', size: 5 }, takeover: 'catch-up' } },
  { control: 'encoder/1', target: 'output.gain', glue: { relative: { step: 0.25, speed: 2, acceleration: 3, wrap: true }, takeover: { kind: 'long-time-no-see', tolerance: 0.1 } } },
  { control: 'button/mono', target: 'eq.band2.gain', glue: { button: { kind: 'increment', step: 0.5 } } },
  { control: 'button/width-reset', target: 'stereo.width', glue: { button: { kind: 'set', value: 150 }, target: { min: 0.2, max: 0.8 } } },
  { control: 'fader/1', target: 'eq.band1.mode', glue: { curve: 'exponential', taper: 'linear', step: 1, outOfRange: 'min-or-max', takeover: 'parallel' } },
  { control: 'fader/2', target: 'eq.band3.freq', glue: { curve: { kind: 'log', k: 50 }, taper: 'db', step: { kind: 'octave', fraction: 48 }, takeover: 'off' } },
  { control: 'knob/8', target: 'stereo.width', when: { modifiers: ['button/shift', { control: 'button/fine', held: false }], page: 'tone' }, glue: { button: 'toggle', takeover: { kind: 'pickup-tolerant', tolerance: 1 } } },
];

const CALIBRATIONS: readonly Json[] = [
  {
    schemaVersion: 1,
    profile: 'deej',
    device: 'usb-1a86_7523',
    measuredAt: '2026-03-01T10:00:00.000Z',
    channels: { '0': { min: 3, max: 1020, taper: null, noise: { sd: 1.2, peakToPeak: 5 }, filter: { minCutoff: 0.8, sleep: 4, hysteresis: 1 } }, '1': { min: 1018, max: 6, taper: [0, 0.12, 0.3, 0.6, 1] }, '7': { min: 100, max: 900, taper: null } },
  },
  { schemaVersion: 1, profile: 'detent-hr', device: 'DT0001', measuredAt: '2026-03-01T10:00:00Z', channels: { '0': { min: 20, max: 4070, taper: null, filter: { resolution: 4096, beta: 0, dCutoff: 1000 } }, '3': { min: 4000, max: 90, taper: [0, 0.5, 1] } } },
  { schemaVersion: 1, profile: 'firmata', device: 'ttyACM0', measuredAt: '2026-03-01T10:00:00Z', channels: { A0: { min: 0, max: 1023, taper: null }, A5: { min: 12, max: 1000, taper: null, filter: { resolution: 2, hysteresis: 16, sleep: 0 } } } },
];

/** A relative MIDI control with a table encoding (no shipped profile has one). */
const TABLE_ENCODER: Json = { id: 'knob/9', kind: 'relative', midi: { channel: 1, cc: 24, encoding: { table: { '1': 1, '2': 3, '65': -1, '66': -3 } } } };

/** A firmware profile with every kind of channel and every optional setting. */
const KITCHEN_SINK: Json = {
  schemaVersion: 1,
  id: 'sink',
  name: 'Every channel kind',
  identity: [{ vendorId: '2341', productId: '0043' }, { path: '/dev/serial/by-id/usb-Sink*' }],
  transport: { baudRate: 57600, dataBits: 8, parity: 'none', stopBits: 1, dtr: false, settleMs: 1500, hello: 'start\n' },
  decoder: { kind: 'text-lines', separator: 'colon', bits: 12 },
  channels: [
    { name: 'A0', control: 'knob/1', kind: 'pot', calibration: { min: 10, max: 4000, taper: [0, 0.1, 0.4, 1] }, filter: { minCutoff: 2, beta: 4, dCutoff: 1, sleep: 6, hysteresis: 1.5, resolution: 2048 } },
    { name: 'A1', control: 'fader/1', kind: 'fader', bits: 10 },
    { name: 'sw', control: 'knob/2', kind: 'switch', positions: 5, hysteresis: 0.3, calibration: { min: 4095, max: 0, taper: null } },
    { name: 'enc', control: 'encoder/1', kind: 'encoder', bits: 16, countsPerStep: 4 },
    { name: 'b1', control: 'button/shift', kind: 'button', bits: 1 },
  ],
  unlisted: true,
};

const SESSION_V1: Json = {
  schemaVersion: 1,
  name: 'Old job',
  client: 'Smith',
  created: '2025-01-01T09:00:00.000Z',
  modified: '2025-01-02T09:00:00.000Z',
  delivery: 'apple-music',
  snapshots: { A: { 'input.gain': -2, 'eq.band2.freq': 1200 }, loud: { 'input.gain': 3, 'output.gain': -1, 'gone.param': 4 } },
};
const SESSION_V2: Json = {
  schemaVersion: 2,
  id: 'fuzz-job',
  name: 'Fuzz job',
  client: 'C',
  notes: 'n',
  createdAt: '2026-03-01T10:00:00.000Z',
  modifiedAt: '2026-03-01T11:00:00.000Z',
  delivery: { preset: 'spotify', lufs: -14, truePeakDb: -1 },
  tracks: [
    { id: 'track-1', name: 'One', notes: '', delivery: null, snapshots: [{ name: 'A', takenAt: '2026-03-01T10:30:00.000Z', notes: '', params: { 'input.gain': -2, 'eq.band2.freq': 1200, 'stereo.width': 250 }, loudness: -14.2 }] },
    { id: 'track-2', name: 'Two', delivery: { preset: 'custom', lufs: null, truePeakDb: -0.5 }, snapshots: [{ name: 'B', takenAt: '2026-03-01T10:31:00Z', params: { 'output.gain': 30 } }] },
  ],
  current: { track: 'track-1', snapshot: 'A' },
  working: { savedAt: '2026-03-01T11:00:00.000Z', params: { 'input.gain': 1.5, 'output.gain': -0.5 } },
  rig: { mappingSet: null, learnedSet: null, profiles: [{ file: '/x/p.json', sha256: '0'.repeat(64), content: { a: [1, 2] } }], calibrations: [] },
};
const SESSION_IDS: Readonly<Record<number, string>> = { 1: 'old-job', 2: 'fuzz-job' };

export interface Seeds {
  readonly profiles: readonly Json[];
  readonly sets: readonly Json[];
  readonly firmware: readonly Json[];
  readonly texts: readonly string[];
}

/** The shipped files as seeds: a profile per control or channel (validation costs per control), a set per mapping. */
export function seeds(): Seeds {
  const profiles: Json[] = [];
  const dir = SHIPPED.controllers;
  for (const name of ['akai-midimix', 'arturia-beatstep', 'behringer-x-touch-mc', 'behringer-x-touch-mini-mc', 'behringer-x-touch-mini', 'faderfox-ec4-nrpn', 'icon-platform-m-plus', 'korg-nanokontrol2', 'midi-out-daw', 'novation-launch-control-xl', 'open-stage-control', 'presonus-faderport', 'touchosc-simple']) {
    const p = obj(readJson(join(dir, `${name}.json`)));
    for (const c of p['controls'] as Json[]) profiles.push({ ...p, controls: [c] });
    if (name === 'behringer-x-touch-mc') profiles.push({ ...p, controls: [TABLE_ENCODER] });
  }
  const set = obj(readJson(SHIPPED.set));
  const sets = [...(set['mappings'] as Json[]), ...GLUE_MAPPINGS].map((m) => ({ ...set, mappings: [m] }));
  // A profile per channel too: validation costs per channel, and duplication brings pairs back.
  const firmware = [...['deej', 'firmata', 'midi-serial', 'text-lines', 'detent-hr'].map((id) => readJson(join(SHIPPED.firmware, `${id}.json`))), KITCHEN_SINK].flatMap((f) => {
    const p = obj(f);
    return [{ ...p, channels: [] }, ...(p['channels'] as Json[]).map((c) => ({ ...p, channels: [c] }))];
  });
  const texts = [
    ...['deej', 'firmata', 'text-lines'].map((id) => readFileSync(join(SHIPPED.firmware, `${id}.json`), 'utf8')),
    readFileSync(join(SHIPPED.controllers, 'touchosc-simple.json'), 'utf8'),
    JSON.stringify(FULL_CONFIG, null, 2),
    JSON.stringify(SESSION_V2),
    JSON.stringify(CALIBRATIONS[0]),
  ];
  return { profiles, sets, firmware, texts };
}

/** Why a seed does not load as it is (each must, or its mutations test nothing but the rejection). */
export function seedProblems(all: Seeds): string[] {
  const out: string[] = [];
  const check = (what: string, ok: boolean, detail: () => unknown): void => void (ok || out.push(`${what}: ${JSON.stringify(detail()).slice(0, 400)}`));
  for (const c of CONFIGS) {
    const r = resolveConfig(c, [], CONTEXT);
    check('config', r.ok, () => (r.ok ? null : r.problems));
  }
  for (const p of all.profiles) {
    const r = checkValue(ControllerProfileSchema, p, PROFILE_FILE);
    check('controller profile', r.ok && profileProblems(r.value, PROFILE_FILE).length === 0, () => (r.ok ? profileProblems(r.value, PROFILE_FILE) : r.problems));
  }
  for (const set of all.sets) {
    const r = checkValue(MappingSetSchema, set, SET_FILE);
    check('mapping set', r.ok && mappingSetProblems(r.value, SET_FILE).length === 0, () => (r.ok ? mappingSetProblems(r.value, SET_FILE) : r.problems));
  }
  for (const f of all.firmware) {
    const r = checkValue(FirmwareProfileSchema, f, FIRMWARE_FILE);
    check('firmware profile', r.ok && firmwareProfileProblems(r.value as FirmwareProfile, FIRMWARE_FILE).length === 0, () => (r.ok ? firmwareProfileProblems(r.value as FirmwareProfile, FIRMWARE_FILE) : r.problems));
  }
  for (const c of CALIBRATIONS) {
    const r = checkValue(CalibrationFileSchema, c, CALIBRATION_FILE);
    check('calibration', r.ok, () => (r.ok ? null : r.problems));
  }
  SESSIONS.forEach((sess, i) => {
    const id = SESSION_IDS[i + 1] ?? 'x';
    const r = checkSessionText(JSON.stringify(sess), id, `${id}.json`);
    check('session', r.ok, () => (r.ok ? null : r.problems));
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Cases

export interface FileCase {
  readonly seed: number;
  readonly edits: readonly JsonMutation[];
  readonly textEdits: readonly TextMutation[];
  /** Pretty-printed (line numbers mean something) or compact. */
  readonly pretty: boolean;
  /** Extra choice for the target (config: which CLI overrides). */
  readonly pick: number;
}

export const fileCaseArbitrary: fc.Arbitrary<FileCase> = fc.record({
  seed: fc.integer({ min: 0, max: 1 << 20 }),
  edits: fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 6, arbitrary: fc.array(jsonMutation, { minLength: 1, maxLength: 4 }) }),
  textEdits: fc.oneof({ weight: 8, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(textMutation, { minLength: 1, maxLength: 2 }) }),
  pretty: fc.boolean(),
  pick: fc.integer({ min: 0, max: 1 << 20 }),
});

function textOf(seedList: readonly Json[], c: FileCase): string {
  const doc = c.edits.length === 0 ? (seedList[c.seed % seedList.length] ?? null) : mutateJson(seedList[c.seed % seedList.length] ?? null, c.edits);
  const text = JSON.stringify(doc, null, c.pretty ? 2 : undefined);
  return c.textEdits.length > 0 ? mutateText(text, c.textEdits) : text;
}

// ---------------------------------------------------------------------------------------------
// Shared properties

const shorten = (s: string): string => (s.length > 300 ? `${s.slice(0, 300)}…` : s);

/**
 * parseJsonText on the text: valid JSON gives its value (parseJsonText is JSON.parse then), and
 * anything JSON.parse refuses is placed inside the text, at a position its own scanner found
 * (not the offset-0 guess it falls back on). Returns the value, or undefined for text that is not JSON.
 */
export function checkJsonText(text: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false } {
  const r = noThrow('parseJsonText', () => parseJsonText(text));
  if (r.ok) return r;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = body.split('\n');
  const line = lines[r.line - 1];
  expect(Number.isInteger(r.line) && Number.isInteger(r.column) && line !== undefined && r.column >= 1 && r.column <= line.length + 1, () => `syntax error placed at line ${r.line}, column ${r.column}, outside the text: ${JSON.stringify(shorten(text))}`);
  expect(typeof r.message === 'string' && r.message.length > 0, 'syntax error without a message');
  const found = noThrow('findJsonSyntaxError', () => findJsonSyntaxError(body));
  expect(found !== undefined && found.offset >= 0 && found.offset <= body.length, () => `JSON.parse rejects text the scanner accepts (so the position is a guess): ${JSON.stringify(shorten(text))}`);
  return { ok: false };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether everything but the last segment of a JSON Pointer exists in `raw` (the problem is somewhere real). */
function parentResolves(raw: unknown, pointer: string): boolean {
  if (pointer === '') return true;
  if (!pointer.startsWith('/') || /~(?![01])/.test(pointer)) return false;
  const keys = pointer
    .slice(1)
    .split('/')
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let v: unknown = raw;
  for (const k of keys.slice(0, -1)) {
    if (Array.isArray(v) && /^(0|[1-9]\d*)$/.test(k) && Number(k) < v.length) v = v[Number(k)];
    else if (isRecord(v) && Object.prototype.hasOwnProperty.call(v, k)) v = v[k];
    else return false;
  }
  return true;
}

/** Every rejected file is reported: at least one problem, each naming the file, a real place and what is wrong. */
export function checkProblems(problems: readonly Problem[], file: string, raw: unknown, what: string): void {
  expect(problems.length > 0, () => `${what}: rejected without a problem`);
  for (const p of problems) {
    const at = (): string => `${what}: problem ${JSON.stringify(p)} in ${shorten(JSON.stringify(raw) ?? 'undefined')}`;
    expect(p.file === file, () => `names another file; ${at()}`);
    expect(typeof p.message === 'string' && p.message.length > 0, () => `has no message; ${at()}`);
    expect(typeof p.path === 'string' && parentResolves(raw, p.path), () => `points nowhere in the file; ${at()}`);
  }
}

/**
 * Defaults fill in what is missing, they never change what is there: every array or object of the
 * file is still an array or object at the same path of the loaded value (where that path is kept).
 */
export function checkShape(raw: unknown, loaded: unknown, what: string): void {
  const todo: [unknown, unknown, string][] = [[raw, loaded, '']];
  for (let item = todo.pop(); item !== undefined; item = todo.pop()) {
    const [r, l, path] = item;
    if (r === null || typeof r !== 'object' || l === undefined) continue;
    const same = Array.isArray(r) === Array.isArray(l) && l !== null && typeof l === 'object';
    expect(same, () => `${what}: the ${Array.isArray(r) ? 'array' : 'object'} at ${path || '/'} loaded as ${JSON.stringify(l)}`);
    for (const [k, v] of Object.entries(r)) todo.push([v, (l as Record<string, unknown>)[k], `${path}/${k}`]);
  }
}

// ---------------------------------------------------------------------------------------------
// Config

const CONFIG_FILE = '/etc/detent/config.json';
const CONTEXT = { configPath: CONFIG_FILE, configDir: '/etc/detent', stateDir: '/var/lib/detent', packageRoot: ROOT };

function deeplyFrozen(root: unknown): boolean {
  const todo: unknown[] = [root];
  for (let v = todo.pop(); todo.length > 0 || v !== undefined; v = todo.pop()) {
    if (v === null || typeof v !== 'object') continue;
    if (!Object.isFrozen(v)) return false;
    todo.push(...Object.values(v));
  }
  return true;
}

/** The file's value without what the CLI overrides replace (those may change shape). */
function withoutOverridden(raw: unknown, overrides: readonly CliOverride[]): unknown {
  if (overrides.length === 0 || !isRecord(raw)) return raw;
  const copy = structuredClone(raw);
  for (const o of overrides) {
    let v: unknown = copy;
    for (const k of o.path.slice(0, -1)) v = isRecord(v) ? v[k] : undefined;
    const last = o.path[o.path.length - 1];
    if (isRecord(v) && last !== undefined) delete v[last];
  }
  return copy;
}

export function checkConfigCase(c: FileCase): void {
  const text = textOf(CONFIGS, c);
  const parsed = checkJsonText(text);
  if (!parsed.ok) return;
  const overrides = OVERRIDES[c.pick % OVERRIDES.length] ?? [];
  const r = noThrow('resolveConfig', () => resolveConfig(parsed.value, overrides, CONTEXT));
  if (!r.ok) {
    // Problems at an overridden path name the flag, and need not exist in the file.
    const fromFile = r.problems.filter((p) => !p.message.includes('(from --'));
    if (fromFile.length > 0 || r.problems.length === 0) checkProblems(fromFile, CONFIG_FILE, parsed.value, 'config');
    return;
  }
  const cfg = r.value;
  checkShape(withoutOverridden(parsed.value, overrides), cfg, 'config');
  const at = (): string => `config ${shorten(JSON.stringify(cfg))}`;
  expect(deeplyFrozen(cfg), () => `a loaded config is not deep-frozen; ${at()}`);
  expect(cfg.schemaVersion === 1, () => `schemaVersion ${String(cfg.schemaVersion)}; ${at()}`);
  const paths = [cfg.stateDir, cfg.mappings.controllers, cfg.mappings.set, cfg.mappings.firmware, ...cfg.serial.map((s) => s.path)];
  expect(paths.every((p) => typeof p === 'string' && isAbsolute(p)), () => `a path is not absolute; ${at()}`);
  expect(cfg.audio.source === 'demo' || isAbsolute(cfg.audio.source), () => `audio.source ${cfg.audio.source}; ${at()}`);
  expect(cfg.osc.allow.every((a) => parseCidr(a) !== null), () => `an osc.allow entry does not parse; ${at()}`);
  expect(Number.isInteger(cfg.osc.port) && cfg.osc.port >= 0 && cfg.osc.port <= 65535 && Number.isInteger(cfg.http.port), () => `ports; ${at()}`);
}

// ---------------------------------------------------------------------------------------------
// Controller profiles: loaded, compiled, and every control of it driven

const PROFILE_FILE = '/fuzz/controllers/p.json';
const OSC_PROBES = [0.5, 127, -1, Number.NaN];

export function checkProfileCase(shipped: Shipped, all: Seeds, c: FileCase): void {
  const text = textOf(all.profiles, c);
  const parsed = checkJsonText(text);
  if (!parsed.ok) return;
  const checked = noThrow('checkValue(ControllerProfileSchema)', () => checkValue(ControllerProfileSchema, parsed.value, PROFILE_FILE));
  if (!checked.ok) return checkProblems(checked.problems, PROFILE_FILE, parsed.value, 'controller profile');
  checkShape(parsed.value, checked.value, 'controller profile');
  const problems = noThrow('profileProblems', () => profileProblems(checked.value, PROFILE_FILE));
  if (problems.length > 0) return checkProblems(problems, PROFILE_FILE, parsed.value, 'controller profile');
  const bindings = noThrow('compileProfile', () => compileProfile(checked.value));
  for (const b of bindings) {
    const e = b.decode.kind === 'midi' && b.decode.as.kind === 'relative' ? b.decode.as.encoding : undefined;
    if (e?.kind !== 'table') continue;
    for (const [raw, steps] of e.steps) expect(Number.isInteger(raw) && raw >= 0 && Number.isInteger(steps), () => `relative table entry ${raw} → ${JSON.stringify(steps)} loaded from ${shorten(text)}`);
  }
  const { table } = noThrow('compileRouting', () => compileRouting(bindings, shipped.set.mappings, knownParam));
  withRig(table, shipped.modes, (rig) => driveBindings(rig, bindings, checked.value.id, () => `profile ${shorten(text)}`));
}

function driveBindings(rig: Rig, bindings: readonly ControlBinding[], profile: string, where: () => string): void {
  const router = new MidiRouter(rig.runtime);
  let t = 0;
  for (const b of bindings.slice(0, 3)) {
    if (b.decode.kind === 'midi') {
      const source = b.decode.source;
      const parser = new MidiParser();
      for (const v of [0, sourceMax(source), sourceMax(source) >> 1, 65]) {
        for (const p of parser.push(sourceBytes(source, v))) {
          if (p.kind !== 'message' || p.message.type === 'sysex') continue;
          const input = { kind: 'midi' as const, device: 'fuzz', message: p.message, t: (t += 7) };
          const out = noThrow(() => `MidiRouter.route(${JSON.stringify(input.message)})`, () => router.route(input, [profile]));
          expect(OUTCOMES.has(out.kind), () => `outcome ${out.kind}; ${where()}`);
        }
      }
      noThrow('MidiRouter.flush', () => router.flush((t += 50)));
    } else {
      const address = b.input.slice('osc '.length);
      const range = b.decode.kind === 'absolute' ? b.decode.range : { min: 0, max: 1 };
      for (const x of [range.min, range.max, (range.min + range.max) / 2, ...OSC_PROBES]) {
        for (const type of ['f', 'i'] as const) {
          const input = { kind: 'osc' as const, device: 'osc', peer: '127.0.0.1:9000', address, args: [{ type, value: type === 'i' ? Math.trunc(x) : x }], t: (t += 3) };
          const out = noThrow(() => `routeOsc(${address} ${x})`, () => routeOsc(input, rig.runtime, rig.store));
          expect(OUTCOMES.has(out.kind), () => `outcome ${out.kind}; ${where()}`);
        }
      }
    }
    rig.assertSound(where);
  }
}

// ---------------------------------------------------------------------------------------------
// Mapping sets: loaded, compiled against the shipped profiles, every mapping driven

const SET_FILE = '/fuzz/sets/s.json';
const CONTROL_PROBES: readonly ControlValue[] = [
  { kind: 'absolute', value: 0 as Unit, resolution: Number.POSITIVE_INFINITY },
  { kind: 'absolute', value: 1 as Unit, resolution: Number.POSITIVE_INFINITY },
  { kind: 'absolute', value: 0.37 as Unit, resolution: 128 },
  { kind: 'absolute', value: 0.5 as Unit, resolution: 2 },
  { kind: 'relative', steps: 1 },
  { kind: 'relative', steps: -3 },
  { kind: 'relative', steps: 1e6 },
  { kind: 'relative', steps: 0.5 },
  { kind: 'button', pressed: true },
  { kind: 'button', pressed: false },
];

export function checkSetCase(shipped: Shipped, all: Seeds, c: FileCase): void {
  const text = textOf(all.sets, c);
  const parsed = checkJsonText(text);
  if (!parsed.ok) return;
  const checked = noThrow('checkValue(MappingSetSchema)', () => checkValue(MappingSetSchema, parsed.value, SET_FILE));
  if (!checked.ok) return checkProblems(checked.problems, SET_FILE, parsed.value, 'mapping set');
  checkShape(parsed.value, checked.value, 'mapping set');
  const problems = noThrow('mappingSetProblems', () => mappingSetProblems(checked.value, SET_FILE));
  if (problems.length > 0) return checkProblems(problems, SET_FILE, parsed.value, 'mapping set');
  const { mappings, modes } = noThrow('compileMappingSet', () => compileMappingSet(checked.value));
  // The shipped bindings of the set's controls (the others cannot meet its mappings).
  const bindings = [...new Set(mappings.map((m) => m.control))].flatMap((control) => bindingsOf(shipped).get(control) ?? []);
  const compiled = noThrow('compileRouting', () => compileRouting(bindings, mappings, knownParam));
  const ids = new Set(mappings.map((m) => m.id));
  for (const p of compiled.problems) expect(ids.has(p.mapping) && p.message.length > 0, () => `compile problem ${JSON.stringify(p)} names no mapping of the set`);
  withRig(compiled.table, modes, (rig) => driveMappings(rig, compiled.table, mappings, modes, () => `set ${shorten(text)}`));
}

const byControl = new WeakMap<Shipped, Map<string, ControlBinding[]>>();
function bindingsOf(shipped: Shipped): Map<string, ControlBinding[]> {
  let m = byControl.get(shipped);
  if (m === undefined) {
    m = new Map();
    for (const b of shipped.bindings) m.set(b.control, [...(m.get(b.control) ?? []), b]);
    byControl.set(shipped, m);
  }
  return m;
}

function driveMappings(rig: Rig, table: RoutingTable, mappings: readonly MappingSpec[], modes: ModeSpec, where: () => string): void {
  const controls = new Set<string>();
  for (const m of mappings) for (const mod of m.when.modifiers) controls.add(mod.control);
  for (const c of [modes.fine?.control, modes.pages.next, modes.pages.previous, ...modes.pages.select.map((s) => s.control)]) if (c != null) controls.add(c);
  for (const m of mappings) controls.add(m.control);
  let t = 1000;
  let n = 0;
  for (const control of [...controls].slice(0, 5)) {
    for (const value of CONTROL_PROBES) {
      // Mostly forward in time; now and then the same instant or a step back.
      t += n++ % 7 === 3 ? 0 : n % 11 === 5 ? -30 : 40;
      const out = noThrow(() => `runtime.handle(${control} ${JSON.stringify(value)})`, () => rig.runtime.handle({ control, value, t, origin: { kind: 'api' } }));
      expect(OUTCOMES.has(out.kind), () => `outcome ${out.kind}; ${where()}`);
    }
    rig.assertSound(where);
  }
  expect(table.byControl.size <= mappings.length, 'more controls than mappings');
}

// ---------------------------------------------------------------------------------------------
// Firmware profiles and calibrations: loaded, compiled, every channel fed readings

const FIRMWARE_FILE = '/fuzz/firmware/f.json';

export function checkFirmwareCase(shipped: Shipped, all: Seeds, c: FileCase): void {
  const text = textOf(all.firmware, c);
  const parsed = checkJsonText(text);
  if (!parsed.ok) return;
  const checked = noThrow('checkValue(FirmwareProfileSchema)', () => checkValue(FirmwareProfileSchema, parsed.value, FIRMWARE_FILE));
  if (!checked.ok) return checkProblems(checked.problems, FIRMWARE_FILE, parsed.value, 'firmware profile');
  checkShape(parsed.value, checked.value, 'firmware profile');
  const profile = checked.value as FirmwareProfile;
  const problems = noThrow('firmwareProfileProblems', () => firmwareProfileProblems(profile, FIRMWARE_FILE));
  if (problems.length > 0) return checkProblems(problems, FIRMWARE_FILE, parsed.value, 'firmware profile');
  const decoder = noThrow('createDecoder', () => createDecoder(profile.decoder));
  noThrow('decoder.reset', () => decoder.reset(0));
  withRig(shipped.table, shipped.modes, (rig) => feedChannels(rig, profile, new Map(), [...profile.channels.map((ch) => ch.name), 'zz9'], () => `firmware profile ${shorten(text)}`));
}

const CALIBRATION_FILE = '/fuzz/calibration/deej--x.json';
/** The pattern of calibration channel names (calibration-schema.ts). */
const CHANNEL_NAME = /^[A-Za-z0-9][A-Za-z0-9_./-]*$/;

export function checkCalibrationCase(shipped: Shipped, c: FileCase): void {
  const text = textOf(CALIBRATIONS, c);
  const parsed = checkJsonText(text);
  if (!parsed.ok) return;
  const checked = noThrow('checkValue(CalibrationFileSchema)', () => checkValue(CalibrationFileSchema, parsed.value, CALIBRATION_FILE));
  if (!checked.ok) return checkProblems(checked.problems, CALIBRATION_FILE, parsed.value, 'calibration');
  checkShape(parsed.value, checked.value, 'calibration');
  const loaded = shipped.firmware.find((p) => p.profile.id === checked.value.profile) ?? shipped.firmware[0];
  if (loaded === undefined) throw new Error('no shipped firmware profiles');
  for (const name of Object.keys(checked.value.channels)) expect(CHANNEL_NAME.test(name), () => `calibration channel ${JSON.stringify(name)} accepted; ${shorten(text)}`);
  // What readCalibration (daemon/serial/calibration-store.ts) does with the checked file.
  const usable = noThrow('usableCalibration', () => usableCalibration(checked.value, loaded.profile, CALIBRATION_FILE));
  if (usable.problems.length > 0) checkProblems(usable.problems, CALIBRATION_FILE, parsed.value, 'calibration');
  const calibration = usable.channels;
  for (const [name, cal] of calibration) {
    const full = 2 ** channelBits(loaded.profile, name) - 1;
    const bad = cal.min === cal.max || [cal.min, cal.max].some((x) => x < 0 || x > full) || (cal.taper !== null && taperProblems(cal.taper, CALIBRATION_FILE, '').length > 0);
    expect(!bad, () => `calibration of ${name} (${JSON.stringify(cal)}) is used though a firmware profile refuses it`);
  }
  const names = [...calibration.keys()];
  withRig(shipped.table, shipped.modes, (rig) => feedChannels(rig, loaded.profile, calibration, names.slice(0, 4), () => `calibration ${shorten(text)}`));
}

/** Readings for each named channel: its ends, its middle, at other bit depths, at equal and backwards times. */
function feedChannels(rig: Rig, profile: FirmwareProfile, calibration: ReadonlyMap<string, ChannelCalibration>, names: readonly string[], where: () => string): void {
  const bad: string[] = [];
  const router = new SerialRouter(rig.runtime, (control, v) => {
    const why = badControlValue(v);
    if (why !== undefined) bad.push(`${control}: ${why}`);
  });
  const compiled = noThrow('compileFirmwareProfile', () => compileFirmwareProfile(profile, FIRMWARE_FILE, calibration));
  router.attach('fuzz', compiled);
  let t = 0;
  for (const name of names.slice(0, 4)) {
    const spec = noThrow('SerialRouter.channelOf', () => router.channelOf('fuzz', name, 10));
    const bits = spec?.bits ?? 10;
    const full = 2 ** bits - 1;
    const readings: [number, number][] = [
      [0, bits],
      [full, bits],
      [full >> 1, bits],
      [full >> 1, bits],
      [2 ** 16 - 1, 16],
      [1, 1],
      [3, bits],
    ];
    for (const [raw, b] of readings) {
      t += t % 3 === 1 ? 0 : 10;
      const events: DecodeEvent[] = [{ kind: 'frame' }, { kind: 'reading', channel: name, raw, bits: b }];
      const out = noThrow(() => `SerialRouter.route(${name} ${raw}/${b} bits)`, () => router.route('fuzz', events, t));
      expect(OUTCOMES.has(out.kind) && out.kind !== 'rejected', () => `outcome ${out.kind}; ${where()}`);
    }
    const due = router.nextDeadline();
    if (due !== undefined) noThrow('SerialRouter.tick', () => router.tick(due));
    expect(bad.length === 0, () => `the conditioner emitted ${bad[0]}; ${where()}`);
    rig.assertSound(where);
  }
}

// ---------------------------------------------------------------------------------------------
// Session files: checked (and migrated), then every snapshot recalled into the store

const SESSIONS: readonly Json[] = [SESSION_V1, SESSION_V2];

export function checkSessionCase(c: FileCase): void {
  const text = textOf(SESSIONS, c);
  const version = c.seed % SESSIONS.length === 0 ? 1 : 2;
  const id = SESSION_IDS[version] ?? 'x';
  const file = `/fuzz/sessions/${id}.json`;
  const parsed = checkJsonText(text);
  const r = noThrow('checkSessionText', () => checkSessionText(text, id, file));
  expect(parsed.ok || !r.ok, () => `a session that is not JSON loaded: ${shorten(text)}`);
  if (!r.ok) {
    if (!parsed.ok) {
      expect(r.problems.length === 1 && r.problems[0]?.position !== undefined, () => `a syntax error reported as ${JSON.stringify(r.problems)}`);
      return;
    }
    return checkProblems(r.problems, file, parsed.value, 'session');
  }
  const s = r.session;
  if (parsed.ok && r.migratedFrom === 2) checkShape(parsed.value, s, 'session');
  withRig(EMPTY_ROUTING, NO_MODES, (rig) => {
    const recall = (values: Readonly<Record<string, number>>, what: string): void => {
      const report = noThrow(`applyValues(${what})`, () => applyValues(rig.store, values));
      const at = (): string => `${what} ${JSON.stringify(values)} → ${JSON.stringify(report)}`;
      expect(report.applied === PARAMS.length, () => `recall applied ${report.applied} of ${PARAMS.length}; ${at()}`);
      for (const d of PARAMS) {
        const given = values[d.id];
        const outside = given !== undefined && !(given >= d.min && given <= d.max);
        expect(outside === report.clamped.includes(d.id), () => `${d.id} = ${given} ${outside ? 'not reported' : 'reported'} as clamped; ${at()}`);
      }
      expect(Object.keys(values).every((k) => knownParam(k) !== report.unknown.includes(k)), () => `unknown ids misreported; ${at()}`);
      rig.assertSound(at);
    };
    for (const track of s.tracks) for (const snap of track.snapshots) recall(snap.params, `${track.id}/${snap.name}`);
    if (s.working !== null) recall(s.working.params, 'working');
  });
}

// ---------------------------------------------------------------------------------------------
// JSON text alone

export interface TextCase {
  readonly base: number;
  readonly random: string | null;
  readonly edits: readonly TextMutation[];
}

export const textCaseArbitrary: fc.Arbitrary<TextCase> = fc.record({
  base: fc.integer({ min: 0, max: 1 << 20 }),
  random: fc.oneof({ weight: 1, arbitrary: jsonishText }, { weight: 1, arbitrary: fc.constant(null) }),
  edits: fc.array(textMutation, { maxLength: 4 }),
});

export function checkTextCase(all: Seeds, c: TextCase): void {
  const text = mutateText(c.random ?? all.texts[c.base % all.texts.length] ?? '', c.edits);
  const r = checkJsonText(text);
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let valid = true;
  try {
    JSON.parse(body);
  } catch {
    valid = false;
  }
  expect(r.ok === valid, () => `parseJsonText says ${r.ok ? 'valid' : 'invalid'}, JSON.parse the opposite: ${JSON.stringify(shorten(text))}`);
  // The scanner accepts what JSON.parse accepts (it is only asked when JSON.parse fails, but must agree).
  if (r.ok) expect(findJsonSyntaxError(body) === undefined, () => `the scanner rejects valid JSON ${JSON.stringify(shorten(text))}`);
}
