import type { Result } from '../../core/result.js';

/**
 * The serial driver's surface: list ports, open one. Thin on purpose; reconnection, decoding and
 * counters live above it (daemon/serial) so the real adapter (node.ts) and the fake (fake.ts)
 * stay small and pass the same contract suite (test/drivers/serial-backend.contract.ts).
 */

/** A port as discovery sees it. USB fields are present only where the system reports them (udev). */
export interface SerialPortInfo {
  readonly path: string;
  readonly vendorId?: string;
  readonly productId?: string;
  readonly serialNumber?: string;
  readonly manufacturer?: string;
  /** How it was found: the system list (udev), a /dev/serial/by-id link, or a configured path. */
  readonly source: 'system' | 'by-id' | 'config';
}

export interface SerialListing {
  readonly ports: readonly SerialPortInfo[];
  /** Why the system list was not available (no udev: `spawn udevadm ENOENT`); null when it was. */
  readonly fallback: string | null;
}

export interface SerialOpenOptions {
  readonly baudRate: number;
  readonly dataBits: 5 | 6 | 7 | 8;
  readonly parity: 'none' | 'even' | 'odd';
  readonly stopBits: 1 | 2;
  /** Assert DTR on open (resets an Uno-class board). */
  readonly dtr: boolean;
}

export interface SerialLinkEvents {
  /** Bytes as they arrive, in order. */
  data(bytes: Uint8Array): void;
  /**
   * The port went away without close() being called: `unplugged` when the device vanished
   * (serialport's `disconnected`), else an I/O error; called at most once.
   */
  lost(reason: string, unplugged: boolean): void;
}

export interface SerialLink {
  /** Queues bytes for the device; errors surface through `lost`. */
  write(bytes: Uint8Array): void;
  /** Closes the port; `lost` is not called for this. Resolves when the port is released. */
  close(): Promise<void>;
}

export interface SerialBackend {
  /** The ports present now; `configured` paths that exist are included even where the system list is unavailable. */
  list(configured: readonly string[]): Promise<SerialListing>;
  /** Opens a port; the error says why in words (`no such port`, `busy: Cannot lock port`, ...). */
  open(path: string, options: SerialOpenOptions, events: SerialLinkEvents): Promise<Result<SerialLink, string>>;
}
