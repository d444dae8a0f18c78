/**
 * Text for serial knob boxes in the devices panel, pure: the counters that matter on a card, the
 * port a card calibrates, and one line per port of the "Serial ports" list.
 */
import type { DeviceSnapshot } from '../../../bridge/core/devices.js';
import type { SerialPortView } from '../../../bridge/daemon/serial/index.js';

const DOT = ' \u00b7 ';

/** The counters a serial card shows, in order, with their labels. */
const SHOWN = [
  ['frames', 'frames'],
  ['badFrames', 'bad frames'],
  ['lost', 'lost'],
  ['reconnects', 'reconnects'],
] as const;

/** `frames 1200 · bad frames 0 · lost 0 · reconnects 1`. */
export function serialCounters(counters: Readonly<Record<string, number>>): string {
  return SHOWN.map(([key, label]) => `${label} ${counters[key] ?? 0}`).join(DOT);
}

/** Every counter, for the card's tooltip: `bytes 5120, frames 1200, …`. */
export function allCounters(counters: Readonly<Record<string, number>>): string {
  return Object.entries(counters).map(([k, v]) => `${k} ${v}`).join(', ');
}

/** The port a serial device calibrates (`serial:/dev/ttyACM0` → `/dev/ttyACM0`). */
export const portOf = (deviceId: string): string => deviceId.replace(/^serial:/, '');

/** Whether a card offers Calibrate: a serial box that is up. */
export const canCalibrate = (d: DeviceSnapshot): boolean => d.kind === 'serial' && d.status.state === 'up';

export interface PortLine {
  readonly path: string;
  /** `USB 2341:8036 · Arduino LLC · S/N X1`, or how the port was found when nothing is known. */
  readonly ids: string;
  readonly profile: string;
  readonly matched: boolean;
  readonly open: string;
}

const FOUND = { system: 'system list', 'by-id': '/dev/serial/by-id', config: 'configured path' } as const;

export function portLine(p: SerialPortView): PortLine {
  const ids = [
    p.vendorId !== undefined && p.productId !== undefined ? `USB ${p.vendorId}:${p.productId}` : p.vendorId !== undefined ? `USB ${p.vendorId}` : '',
    p.manufacturer ?? '',
    p.serialNumber !== undefined ? `S/N ${p.serialNumber}` : '',
  ].filter((s) => s !== '');
  const matched = p.profiles.length > 0;
  return {
    path: p.path,
    ids: ids.length > 0 ? ids.join(DOT) : `found by ${FOUND[p.source]}`,
    profile: matched ? `profile ${p.profiles.join(', ')}` : `no profile: name one with --serial ${p.path}:<profile>`,
    matched,
    open: p.open ? 'open' : 'not open',
  };
}

/** The note under the list when the system's port list is unavailable (no udev), or null. */
export function fallbackNote(fallback: string | null): string | null {
  return fallback === null ? null : `The system port list is unavailable (${fallback}): showing /dev/serial/by-id and configured ports only.`;
}
