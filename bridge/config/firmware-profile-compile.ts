import { assertNever } from '../core/assert-never.js';
import type { ChannelSpec, FilterSpec } from '../core/serial/channel.js';
import { defaultFilter } from '../core/serial/condition/defaults.js';
import type { DecoderSpec } from '../core/serial/decoders/spec.js';
import type { FirmwareChannel, FirmwareDecoder, FirmwareProfile } from './firmware-profile-schema.js';
import type { Problem } from './problems.js';

/** A firmware profile ready for the serial path: the decoder to run and each channel's conditioning. */
export interface CompiledFirmwareProfile {
  readonly id: string;
  readonly name: string;
  readonly file: string;
  readonly profile: FirmwareProfile;
  readonly decoder: DecoderSpec;
  readonly channels: ReadonlyMap<string, ChannelSpec>;
  /** Builds the spec of a channel the profile does not list (null when `unlisted` is false). */
  readonly unlisted: ((name: string, bits: number) => ChannelSpec) | null;
}

/** Per-device calibration measured by `detent calibrate`, laid over the profile's channels. */
export interface ChannelCalibration {
  readonly min: number;
  readonly max: number;
  readonly taper: readonly number[] | null;
  readonly filter?: Partial<FilterSpec>;
}

/** The ADC bits a channel reads at when the profile does not say: the decoder's. */
export function decoderBits(d: FirmwareDecoder, channel: string): number {
  switch (d.kind) {
    case 'deej':
    case 'text-lines':
      return d.bits;
    case 'firmata':
      return 10;
    case 'detent-hr':
      return 12;
    case 'midi':
      return channel.startsWith('pb/') ? 14 : channel.startsWith('note/') ? 1 : 7;
    default:
      return assertNever(d, 'decoder');
  }
}

/** Semantic checks the schema cannot express; each problem names its JSON path. */
export function firmwareProfileProblems(p: FirmwareProfile, file: string): Problem[] {
  const problems: Problem[] = [];
  const names = new Map<string, number>();
  const controls = new Map<string, number>();
  p.channels.forEach((c, i) => {
    const at = `/channels/${i}`;
    const dupName = names.get(c.name);
    if (dupName !== undefined) problems.push({ file, path: `${at}/name`, message: `channel ${JSON.stringify(c.name)} is also /channels/${dupName}` });
    names.set(c.name, i);
    const dupControl = controls.get(c.control);
    if (dupControl !== undefined) problems.push({ file, path: `${at}/control`, message: `control ${JSON.stringify(c.control)} is also /channels/${dupControl}` });
    controls.set(c.control, i);
    if ((c.kind === 'pot' || c.kind === 'fader' || c.kind === 'switch') && c.calibration !== undefined)
      problems.push(...calibrationProblems(c.calibration, c.bits ?? decoderBits(p.decoder, c.name), file, `${at}/calibration`));
  });
  return problems;
}

/** The ADC bits a channel of this profile reads at: the channel's own, else the decoder's (unlisted channels too). */
export function channelBits(p: FirmwareProfile, name: string): number {
  return p.channels.find((c) => c.name === name)?.bits ?? decoderBits(p.decoder, name);
}

/**
 * What makes a channel calibration unusable, at `path` (the calibration object): max equal to min,
 * min or max outside the ADC's range for `bits`, a taper that does not rise from 0 to 1. Applied
 * to a firmware profile's own calibrations and to a box's calibration file alike.
 */
export function calibrationProblems(cal: Pick<ChannelCalibration, 'min' | 'max' | 'taper'>, bits: number, file: string, path: string): Problem[] {
  const problems: Problem[] = [];
  const full = 2 ** bits - 1;
  if (cal.min === cal.max) problems.push({ file, path: `${path}/max`, message: 'max equals min: the control could not move' });
  for (const k of ['min', 'max'] as const)
    if (cal[k] < 0 || cal[k] > full) problems.push({ file, path: `${path}/${k}`, message: `${cal[k]} is outside the ADC's 0..${full}` });
  if (cal.taper !== null) problems.push(...taperProblems(cal.taper, file, `${path}/taper`));
  return problems;
}

export function taperProblems(taper: readonly number[], file: string, path: string): Problem[] {
  if (taper[0] !== 0 || taper[taper.length - 1] !== 1) return [{ file, path, message: 'must start at 0 and end at 1' }];
  for (let i = 1; i < taper.length; i++)
    if ((taper[i] as number) <= (taper[i - 1] as number)) return [{ file, path: `${path}/${i}`, message: 'must increase from point to point' }];
  return [];
}

/**
 * Compiles a checked profile; `calibration` (per device, by channel name) replaces the profile's
 * calibration and filter settings for the channels it names.
 */
export function compileFirmwareProfile(
  profile: FirmwareProfile,
  file: string,
  calibration: ReadonlyMap<string, ChannelCalibration> = new Map(),
): CompiledFirmwareProfile {
  const channels = new Map<string, ChannelSpec>();
  for (const c of profile.channels) channels.set(c.name, compileChannel(profile.decoder, c, calibration.get(c.name)));
  const unlisted = profile.unlisted
    ? (name: string, bits: number): ChannelSpec =>
        compileChannel(profile.decoder, { name, control: `pot/${name.replace(/[^A-Za-z0-9_.-]/g, '-')}`, kind: 'pot', bits }, calibration.get(name))
    : null;
  return Object.freeze({ id: profile.id, name: profile.name, file, profile, decoder: profile.decoder, channels, unlisted });
}

function compileChannel(decoder: FirmwareDecoder, c: FirmwareChannel, cal: ChannelCalibration | undefined): ChannelSpec {
  const bits = c.bits ?? decoderBits(decoder, c.name);
  const full = 2 ** bits - 1;
  const base = { name: c.name, control: c.control, bits };
  switch (c.kind) {
    case 'pot':
    case 'fader': {
      const calibration = cal ?? c.calibration ?? { min: 0, max: full, taper: null };
      const filter: FilterSpec = { ...defaultFilter(bits), ...stripUndefined(c.filter ?? {}), ...stripUndefined(cal?.filter ?? {}) };
      return { ...base, kind: c.kind, calibration: { min: calibration.min, max: calibration.max, taper: calibration.taper }, filter };
    }
    case 'switch': {
      const calibration = cal ?? c.calibration ?? { min: 0, max: full, taper: null };
      return { ...base, kind: 'switch', positions: c.positions, hysteresis: c.hysteresis, calibration: { min: calibration.min, max: calibration.max, taper: calibration.taper } };
    }
    case 'encoder':
      return { ...base, kind: 'encoder', countsPerStep: c.countsPerStep };
    case 'button':
      return { ...base, kind: 'button' };
    default:
      return assertNever(c, 'channel');
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
