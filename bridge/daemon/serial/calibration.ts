import { CalibrationSession, type CalibrationChannelView, type CalibrationPhase } from '../../core/serial/calibration-session.js';
import { err, ok, type Result } from '../../core/result.js';
import type { ChannelCalibration } from '../../config/firmware-profile-compile.js';
import { compileFirmwareProfile } from '../../config/firmware-profile-compile.js';
import { writeCalibration } from './calibration-store.js';
import type { SerialPath } from './index.js';

export interface CalibrationView {
  /** The port (`/dev/ttyACM0`). */
  readonly device: string;
  readonly profile: string;
  /** The box's identity its calibration is stored under. */
  readonly identity: string;
  readonly phase: CalibrationPhase;
  readonly channels: readonly CalibrationChannelView[];
}

export type CalibrationError = { readonly code: 'CALIBRATION_NO_DEVICE' | 'CALIBRATION_NONE' | 'CALIBRATION_BUSY' | 'CALIBRATION_NOT_DONE' | 'CALIBRATION_EMPTY'; readonly message: string };

/** What the HTTP routes need (server/routes/serial.ts). */
export interface CalibrationApi {
  start(device: string): Result<CalibrationView, CalibrationError>;
  view(): CalibrationView | null;
  next(): Result<CalibrationView, CalibrationError>;
  save(): Promise<Result<{ file: string; channels: readonly string[] }, CalibrationError>>;
  cancel(): boolean;
}

/**
 * One calibration at a time, of one open serial box: taps its raw readings into a
 * CalibrationSession, and on save writes `<stateDir>/calibration/<profile>--<identity>.json`
 * atomically and applies it to the running box at once.
 */
export class CalibrationService implements CalibrationApi {
  private current: { device: string; profile: string; identity: string; session: CalibrationSession; untap: () => void } | null = null;

  constructor(
    private readonly serial: SerialPath,
    private readonly dir: string,
  ) {}

  start(device: string): Result<CalibrationView, CalibrationError> {
    const path = device.replace(/^serial:/, '');
    const info = this.serial.deviceInfo(path);
    if (info === undefined) {
      const known = this.serial.devices().map((d) => d.endpoint.split(' ')[0]).join(', ') || 'none';
      return err({ code: 'CALIBRATION_NO_DEVICE', message: `no serial knob box at ${path} (open: ${known})` });
    }
    if (this.current !== null && this.current.device !== path) return err({ code: 'CALIBRATION_BUSY', message: `${this.current.device} is being calibrated; cancel it first` });
    this.current?.untap();
    const compiled = compileFirmwareProfile(info.profile.profile, info.profile.file);
    const session = new CalibrationSession((name, bits) => {
      const spec = compiled.channels.get(name) ?? compiled.unlisted?.(name, bits);
      return spec === undefined ? null : { control: spec.control, kind: spec.kind };
    });
    const untap = this.serial.tap(path, (channel, raw, bits) => session.observe(channel, raw, bits));
    this.current = { device: path, profile: info.profile.profile.id, identity: info.identity, session, untap };
    return ok(this.viewOf(this.current));
  }

  view(): CalibrationView | null {
    return this.current === null ? null : this.viewOf(this.current);
  }

  next(): Result<CalibrationView, CalibrationError> {
    if (this.current === null) return err(NONE);
    this.current.session.next();
    return ok(this.viewOf(this.current));
  }

  async save(): Promise<Result<{ file: string; channels: readonly string[] }, CalibrationError>> {
    const c = this.current;
    if (c === null) return err(NONE);
    if (c.session.phase !== 'done') return err({ code: 'CALIBRATION_NOT_DONE', message: `finish the phases first (now: ${c.session.phase})` });
    const result = c.session.result();
    if (result.size === 0) return err({ code: 'CALIBRATION_EMPTY', message: 'no channel moved through a quarter of its travel in the sweep; nothing to save' });
    const channels = Object.fromEntries(result);
    const file = await writeCalibration(this.dir, { schemaVersion: 1, profile: c.profile, device: c.identity, measuredAt: new Date().toISOString(), channels });
    this.serial.recalibrate(c.device, new Map<string, ChannelCalibration>(result));
    c.untap();
    this.current = null;
    return ok({ file, channels: [...result.keys()] });
  }

  cancel(): boolean {
    const had = this.current !== null;
    this.current?.untap();
    this.current = null;
    return had;
  }

  close(): void {
    this.cancel();
  }

  private viewOf(c: NonNullable<CalibrationService['current']>): CalibrationView {
    return { device: c.device, profile: c.profile, identity: c.identity, phase: c.session.phase, channels: c.session.view() };
  }
}

const NONE: CalibrationError = { code: 'CALIBRATION_NONE', message: 'no calibration is running; start one with POST /api/serial/calibration' };
