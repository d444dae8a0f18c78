/**
 * The loudness meter in a real browser against the daemon (fake engine emitting loudness frames):
 * readouts follow the newest frame, the canvas draws, the delivery target defaults to the open
 * session's and can be switched (the canvas's `data-target` says which line is drawn).
 * Screenshots: test-results/screenshots/dash-loudness.png (1280×800), test-results/screenshots/dash-loudness-tablet.png (820×1180).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Daemon } from '../../bridge/daemon/index.js';
import { FakeEngine } from '../../bridge/engine/fake.js';
import type { LoudnessFrame } from '../../bridge/engine/interface.js';
import { startTestDaemon } from '../integration/harness.js';
import { openDashboard, colouredPixels, launchBrowser, artefact } from './browser.js';

const FRAME: LoudnessFrame = {
  momentary: -12.3,
  shortTerm: -13.4,
  integrated: -14.2,
  range: 6.25,
  maxMomentary: -9,
  maxShortTerm: -11,
  truePeakDb: [-1.5, -2.5],
  truePeakMaxDb: -0.8,
  correlation: 0.82,
  reductionDb: { dyneq: 1, comp: 3.5, limiter: 0.5 },
};

let browser: Browser;
let page: Page;
let daemon: Daemon;
let timer: ReturnType<typeof setInterval>;
const pageErrors: string[] = [];

const textIs = (selector: string, text: string) =>
  page.waitForFunction(([s, t]) => document.querySelector(s)?.textContent === t, [selector, text] as const);

const canvasColour = (): Promise<number> => colouredPixels(page, 'loudness-canvas');

describe('loudness meter in a browser', () => {
  beforeAll(async () => {
    const engine = new FakeEngine();
    daemon = await startTestDaemon([], { engine });
    const created = await fetch(`${daemon.httpUrl}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Loud job', delivery: { preset: 'apple-music' } }),
    });
    expect(created.status).toBe(201);
    let i = 0;
    timer = setInterval(() => engine.emitMeters({ t: i++ / 30, peakDb: [-6, -8], rmsDb: [-18, -20], loudness: FRAME }), 33);
    browser = await launchBrowser();
    page = await openDashboard(browser, daemon.httpUrl, pageErrors);
  });

  afterAll(async () => {
    clearInterval(timer);
    await browser?.close();
    await daemon?.close();
  });

  it('shows the newest frame in the readouts and draws the bars', async () => {
    await textIs('#lu-m', '\u221212.3');
    await textIs('#lu-s', '\u221213.4');
    await textIs('#lu-i', '\u221214.2');
    await textIs('#lu-lra', '6.3');
    await textIs('#lu-tp', '\u22120.8');
    await textIs('#lu-corr', '+0.82');
    expect(await canvasColour()).toBeGreaterThan(500);
  });

  it('defaults to the open session\u2019s delivery target, and switches on selection', async () => {
    await page.waitForSelector('#loudness-canvas[data-target="-16"]');
    expect(await page.locator('#target-select').inputValue()).toBe('session');
    expect(await page.locator('#target-select option').count()).toBeGreaterThan(5);
    await page.selectOption('#target-select', 'ebu-r128');
    await page.waitForSelector('#loudness-canvas[data-target="-23"]');
    await page.selectOption('#target-select', 'cd');
    await page.waitForSelector('#loudness-canvas[data-target="none"]');
    await page.selectOption('#target-select', 'spotify');
    await page.waitForSelector('#loudness-canvas[data-target="-14"]');
  });

  it('screenshots at 1280×800 and on a tablet, with no horizontal overflow', async () => {
    await page.screenshot({ path: artefact('dash-loudness.png') });
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.screenshot({ path: artefact('dash-loudness-tablet.png') });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  });

  it('raised no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
