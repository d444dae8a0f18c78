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
