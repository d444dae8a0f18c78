/**
 * The dashboard's Learn button in a real browser (Debian's chromium) against the real daemon: the
 * button starts a learn, the banner asks for a control, a fader moved over real UDP is learned,
 * the banner says so and the mapping list shows it. Cancel from the banner ends a learn.
 */
import { createSocket, type Socket } from 'node:dgram';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openDashboard, launchBrowser } from './browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Daemon } from '../../bridge/daemon/index.js';
import { encodeFloatMessage } from '../../bridge/drivers/osc/codec.js';
import { FakeEngine } from '../../bridge/engine/fake.js';
import { getJson, sendUdp, startTestDaemon, until } from '../integration/harness.js';


let browser: Browser;
let page: Page;
let daemon: Daemon;
let osc: Socket;
const pageErrors: string[] = [];

const banner = () => page.locator('#learn-banner');
const learnButton = (id: string) => page.locator(`[data-param="${id}"] button.learn`);
const learnState = () => getJson<{ state: string }>(`${daemon.httpUrl}/api/learn`);

describe('learn from the dashboard', () => {
  beforeAll(async () => {
    daemon = await startTestDaemon(['--state-dir', await mkdtemp(join(tmpdir(), 'detent-learn-ui-'))], { engine: new FakeEngine() });
    osc = createSocket('udp4');
    browser = await launchBrowser();
    page = await openDashboard(browser, daemon.httpUrl, pageErrors);
  });

  afterAll(async () => {
    osc?.close();
    await browser?.close();
    await daemon?.close();
  });

  it('shows a Learn button on every parameter row once the daemon says learn is there', async () => {
    await page.waitForSelector('#params.learn-on');
    expect(await page.locator('button.learn:visible').count()).toBe(await page.locator('.param').count());
    expect(await banner().isHidden()).toBe(true);
  });

  it('Learn → banner asks for a control → a fader moved over UDP is learned and listed', async () => {
    await learnButton('eq.band2.gain').click();
    await page.waitForSelector('#learn-banner[data-state="listening"]');
    expect(await banner().locator('.text').textContent()).toBe('Turn a control for Band 2 gain\u2026');
    expect(await learnButton('eq.band2.gain').getAttribute('aria-pressed')).toBe('true');
    for (let i = 0; i <= 8; i++) {
      await sendUdp(osc, encodeFloatMessage('/ui/fader1', 0.2 + i * 0.01), daemon.oscPort);
      await new Promise((r) => setTimeout(r, 10));
    }
    await page.waitForSelector('#learn-banner[data-state="learned"]');
    expect(await banner().locator('.text').textContent()).toBe('Band 2 gain \u2190 learned/ui-fader1 (fader or knob, osc /ui/fader1)');
    expect(await learnButton('eq.band2.gain').getAttribute('aria-pressed')).toBe('false');
    await page.waitForSelector('[data-mapping="learned:eq.band2.gain"]');
  });

  it('Cancel in the banner ends a learn', async () => {
    await learnButton('input.gain').click();
    await page.waitForSelector('#learn-banner[data-state="listening"]');
    await banner().locator('button').click();
    await page.waitForSelector('#learn-banner[data-state="cancelled"]');
    await until(async () => (await learnState()).state === 'cancelled');
    expect(pageErrors).toEqual([]);
  });
});
