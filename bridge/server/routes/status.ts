/** `GET /api/mappings` and `GET /api/devices`: read-only views the daemon supplies as functions. */
import { Type } from '@sinclair/typebox';
import type { DeviceSnapshot } from '../../core/devices.js';
import type { MappingView } from '../messages.js';
import { DeviceSnapshotSchema, MappingViewSchema } from '../schemas.js';
import type { TypedApp } from '../type-provider.js';

export function registerStatusRoutes(
  app: TypedApp,
  mappings: () => readonly MappingView[],
  devices: () => readonly DeviceSnapshot[],
): void {
  app.get('/api/mappings', { schema: { response: { 200: Type.Array(MappingViewSchema) } } }, () => [...mappings()]);
  app.get('/api/devices', { schema: { response: { 200: Type.Array(DeviceSnapshotSchema) } } }, () => [...devices()]);
}
