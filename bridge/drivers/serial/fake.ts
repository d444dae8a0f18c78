import { err, ok, type Result } from '../../core/result.js';
import type { SerialBackend, SerialLink, SerialLinkEvents, SerialListing, SerialOpenOptions, SerialPortInfo } from './interface.js';

interface FakePort {
  readonly info: SerialPortInfo;
  busy: boolean;
  open: { readonly events: SerialLinkEvents; readonly options: SerialOpenOptions } | null;
  readonly written: Uint8Array[];
}

/**
 * An in-memory serial backend for tests: plug and unplug ports, feed bytes as if the board sent
 * them, read what was written. Same contract as the real adapter (test/drivers/serial-backend.contract.ts).
 */
export class FakeSerialBackend implements SerialBackend {
  private readonly ports = new Map<string, FakePort>();
  /** Set to simulate a system without udev: list() then reports only configured paths. */
  systemList: 'ok' | { readonly fails: string } = 'ok';

  plug(info: Omit<SerialPortInfo, 'source'> & { source?: SerialPortInfo['source'] }): void {
    this.ports.set(info.path, { info: { source: 'system', ...info }, busy: false, open: null, written: [] });
  }

  /** The device vanishes: an open link gets `lost(…, true)`. */
  unplug(path: string): void {
    const p = this.ports.get(path);
    this.ports.delete(path);
    const events = p?.open?.events;
    if (p !== undefined) p.open = null;
    events?.lost('disconnected', true);
  }

  /** Another program holds the port: open() fails as serialport's lock does. */
  setBusy(path: string, busy: boolean): void {
    const p = this.ports.get(path);
    if (p !== undefined) p.busy = busy;
  }

  /** Bytes from the board; false when the port is not open. */
  feed(path: string, bytes: Uint8Array): boolean {
    const events = this.ports.get(path)?.open?.events;
    events?.data(bytes);
    return events !== undefined;
  }

  written(path: string): readonly Uint8Array[] {
    return this.ports.get(path)?.written ?? [];
  }

  isOpen(path: string): boolean {
    return this.ports.get(path)?.open != null;
  }

  optionsOf(path: string): SerialOpenOptions | undefined {
    return this.ports.get(path)?.open?.options;
  }

  list(configured: readonly string[]): Promise<SerialListing> {
    const all = [...this.ports.values()].map((p) => p.info);
    if (this.systemList === 'ok') return Promise.resolve({ ports: all, fallback: null });
    const ports = all.filter((p) => p.source !== 'system' || configured.includes(p.path)).map((p) => (p.source === 'system' ? { path: p.path, source: 'config' as const } : p));
    return Promise.resolve({ ports, fallback: this.systemList.fails });
  }

  open(path: string, options: SerialOpenOptions, events: SerialLinkEvents): Promise<Result<SerialLink, string>> {
    const p = this.ports.get(path);
    if (p === undefined) return Promise.resolve(err('no such port'));
    if (p.busy) return Promise.resolve(err('busy: another program has the port open (Error Resource temporarily unavailable Cannot lock port)'));
    if (p.open !== null) return Promise.resolve(err('busy: already open'));
    p.open = { events, options };
    return Promise.resolve(
      ok({
        write: (bytes) => {
          if (p.open !== null) p.written.push(bytes.slice());
        },
        close: () => {
          p.open = null;
          return Promise.resolve();
        },
      }),
    );
  }
}
