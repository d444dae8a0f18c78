import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** Flags for headless Debian chromium as root on a machine with no network but loopback. */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const BUILT = fileURLToPath(new URL('../../dist/dashboard/index.html', import.meta.url));

/** Where the browser tests write their screenshots (one per view): test-results/screenshots, or $DETENT_ARTEFACTS. */
export const ARTEFACTS = process.env['DETENT_ARTEFACTS'] ?? fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/** The path of a screenshot in the artefact folder (created on first use). */
export function artefact(name: string): string {
  mkdirSync(ARTEFACTS, { recursive: true });
  return join(ARTEFACTS, name);
}

/** Launches Debian's chromium for a dashboard test, saying what is missing when it cannot. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`the e2e test needs chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  if (!existsSync(BUILT)) throw new Error(`no built dashboard at ${BUILT}: test/global-setup.ts builds it (npm run build)`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** A 1280×800 page on the dashboard at `url`, connected; uncaught page errors go into `errors`. */
export async function openDashboard(browser: Browser, url: string, errors: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('#connection[data-state="open"]');
  return page;
}

/** Counts a canvas's pixels with colour (meter fills); ticks, labels and tracks are all grey. */
export const colouredPixels = (page: Page, canvasId: string): Promise<number> =>
  page.evaluate((id) => {
    const c = document.getElementById(id) as HTMLCanvasElement;
    const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
      const [r, g, b, a] = [d[i] ?? 0, d[i + 1] ?? 0, d[i + 2] ?? 0, d[i + 3] ?? 0];
      if (a > 0 && Math.max(Math.abs(r - g), Math.abs(g - b), Math.abs(r - b)) > 25) n++;
    }
    return n;
  }, canvasId);
