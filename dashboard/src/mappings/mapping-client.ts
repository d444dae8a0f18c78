/** The mapping edit routes (bridge/server/routes/mapping-edit.ts) for the dashboard; never throw. */
import type { Static } from '@sinclair/typebox';
import type { MappingEntrySchema } from '../../../bridge/server/routes/mapping-edit.js';
import { apiCall, type ApiResult } from '../api.js';
import type { Entry } from './edit-entry.js';

export type EntryView = Static<typeof MappingEntrySchema>;

const path = (id: string, suffix = ''): string => `/api/mappings/${encodeURIComponent(id)}${suffix}`;

export const getEntry = (id: string): Promise<ApiResult<EntryView>> => apiCall('GET', path(id));
export const putEntry = (id: string, entry: Entry): Promise<ApiResult<EntryView>> => apiCall('PUT', path(id), entry);
export const deleteMapping = (id: string): Promise<ApiResult<EntryView | null>> => apiCall('DELETE', path(id));
export const restoreMapping = (id: string): Promise<ApiResult<EntryView>> => apiCall('POST', path(id, '/restore'));
