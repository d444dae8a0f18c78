/** One MIDI port as `detent devices` lists it. */
export interface PortLine {
  readonly backend: string;
  readonly dir: 'input' | 'output';
  readonly port: string;
  readonly profiles: readonly string[];
}

/**
 * The `detent devices` report: one line per port (`in  easymidi  X-TOUCH MINI  → behringer-x-touch-mini`),
 * `(no profile)` for a port no profile matches, and one line per unavailable backend with its reason.
 */
export function formatDevices(ports: readonly PortLine[], unavailable: readonly { name: string; reason: string }[]): string {
  const lines: string[] = [];
  for (const u of unavailable) lines.push(`MIDI (${u.name}) unavailable: ${u.reason}`);
  if (ports.length === 0) lines.push('no MIDI ports found');
  for (const p of ports) lines.push(`${p.dir === 'input' ? 'in ' : 'out'}  ${p.backend.padEnd(8)}  ${p.port}  → ${p.profiles.length > 0 ? p.profiles.join(', ') : '(no profile)'}`);
  return `${lines.join('\n')}\n`;
}

/** A serial port as `detent devices` lists it, with the firmware profiles it opens with. */
export interface SerialLine {
  readonly info: { readonly path: string; readonly source: string; readonly vendorId?: string; readonly productId?: string; readonly manufacturer?: string; readonly serialNumber?: string };
  readonly profiles: readonly string[];
}

/**
 * The serial part of the report: `serial  /dev/ttyACM0  2341:0043 Arduino  → deej`, `(no profile:
 * name one with --serial <path>:<profile>)`, and a note when the system list was unavailable.
 */
export function formatSerialPorts(ports: readonly SerialLine[], fallback: string | null): string {
  const lines: string[] = [];
  if (fallback !== null) lines.push(`serial: system port list unavailable (${fallback}); showing /dev/serial/by-id and configured paths`);
  if (ports.length === 0) lines.push('no serial ports found');
  for (const { info, profiles } of ports) {
    const usb = info.vendorId !== undefined ? ` ${info.vendorId}:${info.productId ?? '????'}${info.manufacturer !== undefined ? ` ${info.manufacturer}` : ''}` : '';
    const to = profiles.length > 0 ? profiles.join(', ') : '(no profile: name one with --serial <path>:<profile>)';
    lines.push(`serial  ${info.path}${usb}  → ${to}`);
  }
  return `${lines.join('\n')}\n`;
}
