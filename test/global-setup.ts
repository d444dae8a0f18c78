/** Runs once before the test files: builds dist/ (daemon and dashboard) so e2e tests serve real files. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const path = (p: string): string => fileURLToPath(new URL(`../${p}`, import.meta.url));

export default function setup(): void {
  // DETENT_SKIP_BUILD=1 runs focused unit tests without rebuilding (tests that need dist/ say so).
  if (process.env['DETENT_SKIP_BUILD'] === '1') return;
  execFileSync(process.execPath, [path('scripts/build.mjs')], { stdio: 'inherit' });
}
