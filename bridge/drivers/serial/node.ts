import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { err, ok, type Result } from '../../core/result.js';
import type { SerialBackend, SerialLink, SerialLinkEvents, SerialListing, SerialOpenOptions, SerialPortInfo } from './interface.js';

export const BY_ID_DIR = '/dev/serial/by-id';
/** How often an open port's device node is checked for an unplug serialport did not report (ms). */
export const UNPLUG_CHECK_MS = 200;

/**
 * The real adapter over the `serialport` package. Discovery asks the system (udev) first; where
 * that fails (no udev: `spawn udevadm ENOENT`) it falls back to /dev/serial/by-id links and the
 * configured paths. Configured paths are always added, because PTYs and by-id names never appear
 * in the system list.
 */
export class NodeSerialBackend implements SerialBackend {
  /** The last system listing and the /dev tty names it was taken with (it spawns udevadm, so it is redone only when they change). */
  private cache: { readonly devices: string; readonly ports: readonly SerialPortInfo[]; readonly fallback: string | null } | null = null;

  constructor(private readonly byIdDir = BY_ID_DIR) {}

  async list(configured: readonly string[]): Promise<SerialListing> {
    const devices = ttyNames();
    if (this.cache === null || this.cache.devices !== devices) {
      const found: SerialPortInfo[] = [];
      let why: string | null = null;
      try {
        for (const p of await SerialPort.list()) found.push(withUsb(p));
      } catch (e) {
        why = (e as Error).message;
        for (const path of byIdLinks(this.byIdDir)) found.push({ path, source: 'by-id' });
      }
      this.cache = { devices, ports: found, fallback: why };
    }
    const ports = [...this.cache.ports];
    const fallback = this.cache.fallback;
    const known = new Set(ports.map((p) => p.path));
    for (const path of configured) if (!known.has(path) && existsSync(path)) ports.push({ path, source: 'config' });
    return { ports, fallback };
  }

  open(path: string, o: SerialOpenOptions, events: SerialLinkEvents): Promise<Result<SerialLink, string>> {
    if (!existsSync(path)) return Promise.resolve(err('no such port'));
    const port = new SerialPort({ path, baudRate: o.baudRate, dataBits: o.dataBits, parity: o.parity, stopBits: o.stopBits, autoOpen: false });
    return new Promise((resolve) => {
      port.open((e) => {
        if (e) return resolve(err(describeOpenError(e.message)));
        let closing = false;
        let lost = false;
        // serialport reports a vanished device by a failed read, which does not always come (a
        // PTY whose other end died often stays silent), so the device node is also watched: it
        // disappears on unplug, and its name cannot be reused while this port holds it open.
        const node = realPath(path);
        const watchdog = setInterval(() => {
          if (existsSync(node)) return;
          lose('disconnected', true);
          if (port.isOpen) port.close(() => undefined);
        }, UNPLUG_CHECK_MS);
        watchdog.unref();
        const lose = (reason: string, unplugged: boolean): void => {
          clearInterval(watchdog);
          if (closing || lost) return;
          lost = true;
          events.lost(reason, unplugged);
        };
        port.on('data', (chunk: Buffer) => events.data(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length)));
        port.on('close', (ce: (Error & { disconnected?: boolean }) | null) => lose(ce?.message ?? 'closed', ce?.disconnected === true));
        port.on('error', (ee: Error) => lose(ee.message, false));
        const link: SerialLink = {
          write: (bytes) => void port.write(Buffer.from(bytes)),
          close: () =>
            new Promise<void>((done) => {
              closing = true;
              clearInterval(watchdog);
              if (!port.isOpen) return done();
              port.close(() => done());
            }),
        };
        // DTR: serialport asserts it on open; a board that must not reset gets it dropped at once.
        if (!o.dtr) port.set({ dtr: false }, () => resolve(ok(link)));
        else resolve(ok(link));
      });
    });
  }
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** serialport's open errors in the words an engineer needs. */
function describeOpenError(message: string): string {
  if (/lock/i.test(message)) return `busy: another program has the port open (${message})`;
  if (/EACCES|permission/i.test(message)) return `no permission to open the port (add yourself to the dialout group): ${message}`;
  return message;
}

function withUsb(p: { path: string; vendorId?: string | undefined; productId?: string | undefined; serialNumber?: string | undefined; manufacturer?: string | undefined }): SerialPortInfo {
  const info: { -readonly [K in keyof SerialPortInfo]: SerialPortInfo[K] } = { path: p.path, source: 'system' };
  if (p.vendorId !== undefined) info.vendorId = p.vendorId.toLowerCase();
  if (p.productId !== undefined) info.productId = p.productId.toLowerCase();
  if (p.serialNumber !== undefined) info.serialNumber = p.serialNumber;
  if (p.manufacturer !== undefined) info.manufacturer = p.manufacturer;
  return info;
}

/** The tty device names in /dev and /dev/serial/by-id: they change when a USB serial device comes or goes. */
function ttyNames(): string {
  const names = (dir: string): string[] => {
    try {
      return readdirSync(dir).filter((n) => dir !== '/dev' || n.startsWith('tty'));
    } catch {
      return [];
    }
  };
  return [...names('/dev'), ...names(BY_ID_DIR)].sort().join(' ');
}

/** The by-id links that resolve to an existing device (the link name is the stable identity). */
function byIdLinks(dir: string): string[] {
  try {
    return readdirSync(dir)
      .map((n) => join(dir, n))
      .filter((p) => {
        try {
          realpathSync(p);
          return true;
        } catch {
          return false;
        }
      });
  } catch {
    return [];
  }
}
