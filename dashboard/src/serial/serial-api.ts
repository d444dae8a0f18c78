/**
 * The dashboard's side of `/api/serial/...` (bridge/server/routes/serial.ts): the ports discovery
 * sees, and the calibration of a knob box (start, read the live view, next phase, save, cancel).
 */
import type { CalibrationView } from '../../../bridge/daemon/serial/calibration.js';
import type { SerialPortView } from '../../../bridge/daemon/serial/index.js';
import { apiCall } from '../api.js';

export type { CalibrationView } from '../../../bridge/daemon/serial/calibration.js';
export type CalibrationChannel = CalibrationView['channels'][number];

export interface SerialPorts {
  readonly ports: readonly SerialPortView[];
  /** Why the system port list is unavailable (`spawn udevadm ENOENT`), or null. */
  readonly fallback: string | null;
}

export interface SavedCalibration {
  readonly file: string;
  readonly channels: readonly string[];
}

const CAL = '/api/serial/calibration';

export const serialApi = {
  ports: () => apiCall<SerialPorts>('GET', '/api/serial/ports'),
  start: (device: string) => apiCall<CalibrationView>('POST', CAL, { device }),
  view: () => apiCall<CalibrationView>('GET', CAL),
  next: () => apiCall<CalibrationView>('POST', `${CAL}/next`),
  save: () => apiCall<SavedCalibration>('POST', `${CAL}/save`),
  cancel: () => apiCall<{ cancelled: boolean }>('DELETE', CAL),
};
