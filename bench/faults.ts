/**
 * Fault injection for the report: runs the fault tests (test/faults, real parts: socat PTYs killed
 * and recreated, tmpfs filled or remounted read-only, an unprivileged daemon, signals to the real
 * CLI) through vitest's JSON reporter and tabulates what each injected and whether the daemon
 * survived it. The short soak there is left out: the long one is its own section.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Assertion {
  readonly fullName: string;
  readonly status: string;
  readonly duration?: number;
}
interface JsonReport {
  readonly testResults: readonly { readonly name: string; readonly assertionResults: readonly Assertion[] }[];
}

/** One fault test's outcome. */
export interface FaultRow {
  readonly file: string;
  readonly test: string;
  readonly status: string;
  readonly seconds: number;
}

export async function faultRows(): Promise<FaultRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'detent-bench-faults-'));
  try {
    const files = (await readdir('test/faults')).filter((f) => f.endsWith('.test.ts') && f !== 'soak.test.ts').map((f) => join('test/faults', f));
    const out = join(dir, 'report.json');
    await new Promise<void>((resolve) => {
      const child = spawn('npx', ['vitest', 'run', ...files, '--reporter=json', `--outputFile=${out}`], { stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('close', () => resolve());
    });
    const report = JSON.parse(await readFile(out, 'utf8')) as JsonReport;
    return report.testResults.flatMap((f) =>
      f.assertionResults.map((a) => ({ file: f.name.replace(/^.*\/test\/faults\//, ''), test: a.fullName, status: a.status, seconds: (a.duration ?? 0) / 1000 })),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function faultSection(rows: readonly FaultRow[]): string[] {
  const passed = rows.filter((r) => r.status === 'passed').length;
  return [
    '## Fault injection',
    '',
    `The fault tests (test/faults) run with real parts; ${passed} of ${rows.length} passed (skipped: what this machine cannot do, with the reason in the test's name).`,
    '',
    '| file | fault and what must hold | result | time |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.file} | ${r.test.replace(/\|/g, '\\|')} | ${r.status} | ${r.seconds.toFixed(1)} s |`),
    '',
  ];
}
