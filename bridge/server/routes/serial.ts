/**
 * `/api/serial/...`: the serial ports discovery sees (with the firmware profile each opens with)
 * and the calibration of a knob box: POST starts it for a device, `next` moves through the phases
 * (rest → sweep → centre → done), `save` writes and applies it, DELETE cancels, GET reads the live
 * state (raw readings, noise, travel, taper). Without ServerDeps.serial: 503 SERIAL_UNAVAILABLE.
 */
import { Type } from '@sinclair/typebox';
import type { CalibrationApi, CalibrationError } from '../../daemon/serial/calibration.js';
import type { SerialPortView } from '../../daemon/serial/index.js';
import { ErrorBodySchema, type ErrorBody } from '../http-errors.js';
import type { TypedApp } from '../type-provider.js';

export interface SerialApi {
  readonly ports: () => readonly SerialPortView[];
  readonly fallback: () => string | null;
  readonly calibration: CalibrationApi;
}

const Noise = Type.Object({ mean: Type.Number(), sd: Type.Number(), peakToPeak: Type.Number() });
const Range = Type.Object({ min: Type.Number(), max: Type.Number() });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const CalibrationViewSchema = Type.Object({
  device: Type.String(),
  profile: Type.String(),
  identity: Type.String(),
  phase: Type.Union([Type.Literal('rest'), Type.Literal('sweep'), Type.Literal('centre'), Type.Literal('done')]),
  channels: Type.Array(
    Type.Object({
      name: Type.String(),
      control: Nullable(Type.String()),
      kind: Nullable(Type.String()),
      bits: Type.Integer(),
      raw: Type.Number(),
      noise: Nullable(Noise),
      range: Nullable(Range),
      fraction: Nullable(Type.Number()),
      taper: Nullable(Type.String()),
    }),
  ),
});

const PortSchema = Type.Object({
  path: Type.String(),
  source: Type.String(),
  vendorId: Type.Optional(Type.String()),
  productId: Type.Optional(Type.String()),
  serialNumber: Type.Optional(Type.String()),
  manufacturer: Type.Optional(Type.String()),
  profiles: Type.Array(Type.String()),
  open: Type.Boolean(),
});

const UNAVAILABLE: ErrorBody = { error: 'SERIAL_UNAVAILABLE', message: 'serial knob boxes are not available in this daemon' };
const STATUS: Record<CalibrationError['code'], 404 | 409> = {
  CALIBRATION_NO_DEVICE: 404,
  CALIBRATION_NONE: 404,
  CALIBRATION_BUSY: 409,
  CALIBRATION_NOT_DONE: 409,
  CALIBRATION_EMPTY: 409,
};
const errors = { 404: ErrorBodySchema, 409: ErrorBodySchema, 503: ErrorBodySchema };

export function registerSerialRoutes(app: TypedApp, serial: SerialApi | undefined): void {
  app.get('/api/serial/ports', { schema: { response: { 200: Type.Object({ ports: Type.Array(PortSchema), fallback: Nullable(Type.String()) }), 503: ErrorBodySchema } } }, (_req, reply) => {
    if (serial === undefined) {
      reply.code(503);
      return UNAVAILABLE;
    }
    return { ports: [...serial.ports()], fallback: serial.fallback() };
  });

  app.post('/api/serial/calibration', { schema: { body: Type.Object({ device: Type.String({ minLength: 1, maxLength: 4096 }) }, { additionalProperties: false }), response: { 200: CalibrationViewSchema, ...errors } } }, (req, reply) => {
    if (serial === undefined) {
      reply.code(503);
      return UNAVAILABLE;
    }
    const r = serial.calibration.start(req.body.device);
    if (r.ok) return r.value;
    reply.code(STATUS[r.error.code]);
    return { error: r.error.code, message: r.error.message };
  });

  app.get('/api/serial/calibration', { schema: { response: { 200: CalibrationViewSchema, ...errors } } }, (_req, reply) => {
    if (serial === undefined) {
      reply.code(503);
      return UNAVAILABLE;
    }
    const v = serial.calibration.view();
    if (v !== null) return v;
    reply.code(404);
    return { error: 'CALIBRATION_NONE', message: 'no calibration is running' };
  });

  app.post('/api/serial/calibration/next', { schema: { response: { 200: CalibrationViewSchema, ...errors } } }, (_req, reply) => {
    if (serial === undefined) {
      reply.code(503);
      return UNAVAILABLE;
    }
    const r = serial.calibration.next();
    if (r.ok) return r.value;
    reply.code(STATUS[r.error.code]);
    return { error: r.error.code, message: r.error.message };
  });

  app.post('/api/serial/calibration/save', { schema: { response: { 200: Type.Object({ file: Type.String(), channels: Type.Array(Type.String()) }), ...errors } } }, async (_req, reply) => {
    if (serial === undefined) {
      reply.code(503);
      return UNAVAILABLE;
    }
    const r = await serial.calibration.save();
    if (r.ok) return { file: r.value.file, channels: [...r.value.channels] };
    reply.code(STATUS[r.error.code]);
    return { error: r.error.code, message: r.error.message };
  });

  app.delete('/api/serial/calibration', { schema: { response: { 200: Type.Object({ cancelled: Type.Boolean() }), 503: ErrorBodySchema } } }, (_req, reply) => {
    if (serial === undefined) {
      reply.code(503);
      return UNAVAILABLE;
    }
    return { cancelled: serial.calibration.cancel() };
  });
}
