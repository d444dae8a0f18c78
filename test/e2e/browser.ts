import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** Flags for headless Debian chromium as root on a machine with no network but loopback. */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const BUILT = fileURLToPath(new URL('../../dist/dashboard/index.html', import.meta.url));

/** Launches Debian's chromium for a dashboard test, saying what is missing when it cannot. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`the e2e test needs chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  if (!existsSync(BUILT)) throw new Error(`no built dashboard at ${BUILT}: test/global-setup.ts builds it (npm run build)`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}
