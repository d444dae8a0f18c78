/** `GET /api/mappings`, `/api/mappings/problems` and `/api/devices`: read-only views the daemon supplies as functions. */
import { Type } from '@sinclair/typebox';
import type { DeviceSnapshot } from '../../core/devices.js';
import type { MappingView } from '../messages.js';
import { DeviceSnapshotSchema, MappingViewSchema } from '../schemas.js';
import type { TypedApp } from '../type-provider.js';

export function registerStatusRoutes(
  app: TypedApp,
  mappings: () => readonly MappingView[],
  devices: () => readonly DeviceSnapshot[],
  problems: () => readonly string[],
): void {
  app.get('/api/mappings', { schema: { response: { 200: Type.Array(MappingViewSchema) } } }, () => [...mappings()]);
  // An invalid edit of a mapping file keeps the previous mappings in force; this says why.
  app.get('/api/mappings/problems', { schema: { response: { 200: Type.Object({ problems: Type.Array(Type.String()) }) } } }, () => ({ problems: [...problems()] }));
  app.get('/api/devices', { schema: { response: { 200: Type.Array(DeviceSnapshotSchema) } } }, () => [...devices()]);
}
