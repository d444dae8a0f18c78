import { HealthSchema } from '../schemas.js';
import type { TypedApp } from '../type-provider.js';

/** `GET /api/health`: liveness for scripts and the dashboard's about line. */
export function registerHealthRoute(app: TypedApp, version: string): void {
  app.get('/api/health', { schema: { response: { 200: HealthSchema } } }, () => ({ ok: true as const, version }));
}
