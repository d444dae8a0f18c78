/**
 * Every fuzz target, with its seed and its two budgets: the short one the test suite runs
 * (test/fuzz/*.test.ts) and the long one the bench runs (bench/fuzz.ts). Both run the same
 * property with the same seed: a case the bench reports at index i replays with
 * `fc.assert(target.property(), { seed, path: String(i) })`.
 */
import { checkCalibrationCase, checkConfigCase, checkFirmwareCase, checkProfileCase, checkSessionCase, checkSetCase, checkTextCase, fileCaseArbitrary, seeds, textCaseArbitrary } from './files.js';
import { target, type FuzzTarget } from './harness.js';
import { checkMidiCase, midiCaseArbitrary } from './midi.js';
import { checkOscCase, oscCaseArbitrary } from './osc.js';
import { loadShipped } from './rig.js';
import { checkSerialCase, serialCaseArbitrary, type SerialKind } from './serial.js';

export type { FuzzTarget } from './harness.js';

/** The long budget: at least a million cases a target. */
export const LONG_RUNS = 1_000_000;

/** Targets by group (one test file each). */
export interface Targets {
  readonly osc: readonly FuzzTarget[];
  readonly midi: readonly FuzzTarget[];
  readonly serial: readonly FuzzTarget[];
  readonly files: readonly FuzzTarget[];
}

let targets: Promise<Targets> | undefined;

export function fuzzTargets(): Promise<Targets> {
  targets ??= build();
  return targets;
}

export async function allTargets(): Promise<FuzzTarget[]> {
  const t = await fuzzTargets();
  return [...t.osc, ...t.midi, ...t.serial, ...t.files];
}

async function build(): Promise<Targets> {
  const shipped = await loadShipped();
  const all = seeds();
  const serial = (kind: SerialKind, seed: number, shortRuns: number): FuzzTarget =>
    target({
      id: `serial/${kind}`,
      title: `${kind} bytes → createDecoder → SerialRouter (shipped ${kind} firmware profile) → runtime → store`,
      seed,
      shortRuns,
      longRuns: LONG_RUNS,
      arbitrary: serialCaseArbitrary(kind),
      check: (c) => checkSerialCase(shipped, kind, c),
    });
  return {
    osc: [
      target({
        id: 'osc',
        title: 'datagrams → decodePacket → routeOsc (shipped profiles and set, /detent/param) → store',
        seed: 1473,
        shortRuns: 5000,
        longRuns: LONG_RUNS,
        arbitrary: oscCaseArbitrary(shipped),
        check: (c) => checkOscCase(shipped, c),
      }),
    ],
    midi: [
      target({
        id: 'midi',
        title: 'byte streams → MidiParser → MidiRouter (shipped MIDI profiles) → store',
        seed: 977,
        shortRuns: 4000,
        longRuns: LONG_RUNS,
        arbitrary: midiCaseArbitrary(shipped),
        check: (c) => checkMidiCase(shipped, c),
      }),
    ],
    serial: [serial('deej', 24065, 2000), serial('text-lines', 24066, 2000), serial('firmata', 24067, 2000), serial('midi', 24068, 2000), serial('detent-hr', 24069, 2000)],
    files: [
      target({ id: 'json-text', title: 'random and damaged text → parseJsonText (vs JSON.parse and its scanner)', seed: 61726, shortRuns: 10000, longRuns: LONG_RUNS, arbitrary: textCaseArbitrary, check: (c) => checkTextCase(all, c) }),
      target({ id: 'config', title: 'edited config files → resolveConfig (with CLI overrides)', seed: 49393, shortRuns: 2000, longRuns: LONG_RUNS, arbitrary: fileCaseArbitrary, check: checkConfigCase }),
      target({ id: 'controller-profile', title: 'edited shipped controller profiles → checkValue, profileProblems, compileProfile → routed', seed: 51105, shortRuns: 2000, longRuns: LONG_RUNS, arbitrary: fileCaseArbitrary, check: (c) => checkProfileCase(shipped, all, c) }),
      target({ id: 'mapping-set', title: 'edited shipped mapping set → checkValue, mappingSetProblems, compile → driven', seed: 24186, shortRuns: 2000, longRuns: LONG_RUNS, arbitrary: fileCaseArbitrary, check: (c) => checkSetCase(shipped, all, c) }),
      target({ id: 'firmware-profile', title: 'edited firmware profiles → checkValue, firmwareProfileProblems, compile → fed readings', seed: 61859, shortRuns: 2000, longRuns: LONG_RUNS, arbitrary: fileCaseArbitrary, check: (c) => checkFirmwareCase(shipped, all, c) }),
      target({ id: 'calibration', title: 'edited calibration files → checkValue → compiled over a shipped profile → fed readings', seed: 51739, shortRuns: 3000, longRuns: LONG_RUNS, arbitrary: fileCaseArbitrary, check: (c) => checkCalibrationCase(shipped, c) }),
      target({ id: 'session', title: 'edited session files (v1 and v2) → checkSessionText (migrations) → recalled', seed: 24149, shortRuns: 2000, longRuns: LONG_RUNS, arbitrary: fileCaseArbitrary, check: checkSessionCase }),
    ],
  };
}
