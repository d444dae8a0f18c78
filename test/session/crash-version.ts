/** What version n of the crash test's session holds: a gain and 19 kB of notes (session and snapshot), all derived from n. */
export function crashVersion(n: number): { gain: number; notes: string } {
  return { gain: (n % 48) - 24, notes: `v${n}:`.padEnd(19_000, String(n % 10)) };
}
