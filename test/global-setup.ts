/** Runs once before the test files: builds dist/ (daemon and dashboard) so e2e tests serve real files. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const path = (p: string): string => fileURLToPath(new URL(`../${p}`, import.meta.url));

export default function setup(): void {
  // While the tree is being assembled an entry may be missing; tests that need dist/ say so.
  if (!existsSync(path('bridge/cli.ts')) || !existsSync(path('dashboard/src/main.ts'))) return;
  execFileSync(process.execPath, [path('scripts/build.mjs')], { stdio: 'inherit' });
}
