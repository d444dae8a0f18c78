/**
 * Which profiles apply to a MIDI port: a profile's `match.midi` names its input and output ports
 * exactly, or as `/regex/flags` (port names carry client numbers that change: `X-TOUCH MINI:X-TOUCH
 * MINI MIDI 1 24:0`). A profile with no rule for a direction matches no port in it.
 */
export interface MidiPortRule {
  readonly profile: string;
  readonly input: string | null;
  readonly output: string | null;
}

export function nameMatches(pattern: string, port: string): boolean {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
  if (m === null) return pattern === port;
  try {
    return new RegExp(m[1] ?? '', m[2]).test(port);
  } catch {
    return false;
  }
}

export function profilesFor(rules: readonly MidiPortRule[], port: string, dir: 'input' | 'output'): string[] {
  return rules.filter((r) => r[dir] !== null && nameMatches(r[dir] ?? '', port)).map((r) => r.profile);
}
