/**
 * The reliability table of bench/RESULTS.md: one line per promise, each figure taken from the
 * sections measured in the same run (fuzzing, fault injection, soak), never asserted here.
 */
import type { FaultRow } from './faults.js';

/** The first capture of `re` in any line, or undefined. */
const find = (lines: readonly string[], re: RegExp): string | undefined => lines.map((l) => re.exec(l)?.[1]).find((m) => m !== undefined);

export function reliabilitySection(fuzz: readonly string[], faults: readonly FaultRow[], soak: readonly string[]): string[] {
  const rows = fuzz.filter((l) => /^\| [a-z]/.test(l) && !l.startsWith('| target'));
  const cases = rows.map((l) => Number((l.split('|')[2] ?? '').replace(/,/g, '')));
  const failures = rows.reduce((s, l) => s + Number(l.split('|')[4] ?? NaN), 0);
  const minCases = Math.min(...cases);
  const survived = faults.filter((f) => f.status === 'passed').length;
  const lost = find(soak, /\*\*Values lost: (\d+ of \d+)\*\*/) ?? find(soak, /\*\*Values lost: (\d+)\*\*/);
  const minutes = find(soak, /^## Soak: ([\d.]+) min/);
  const eld = find(soak, /Event-loop delay[^:]*:.*?(p99 [\d.]+ ms, max [\d.]+ ms)/);
  const memory = find(soak, /- Memory: (.*)$/);
  return [
    '## Reliability',
    '',
    'Measured in this run (sections below): what was tried and what held.',
    '',
    '| promise | measured |',
    '|---|---|',
    `| bad input never crashes, never moves a parameter out of range, is reported | fuzzing: ${rows.length} targets, ${cases.reduce((a, b) => a + b, 0).toLocaleString('en')} cases (at least ${minCases.toLocaleString('en')} per target), failures ${failures} |`,
    `| faults are survived with real parts | ${survived} of ${faults.length} fault tests passed (${faults.filter((f) => f.status !== 'passed').map((f) => `${f.test}: ${f.status}`).join('; ') || 'none other'}) |`,
    `| a long session under mixed load | soak ${minutes ?? '?'} min; event-loop delay ${eld ?? '?'}; memory ${memory ?? '?'} |`,
    `| the last value each control sent is the value applied | values lost: ${lost ?? '? (see the soak section)'} |`,
    '',
  ];
}
