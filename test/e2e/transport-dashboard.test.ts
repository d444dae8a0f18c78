/**
 * The Player panel in a real browser against the daemon with the real embedded engine playing a
 * WAV file: the playhead moves, pause and play go to the engine, dragging the slider seeks, loop
 * toggles, loading a file that cannot play shows the daemon's reason and the old file plays on,
 * loading the demo switches source. Screenshot: test-results/screenshots/dash-player.png.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Daemon } from '../../bridge/daemon/index.js';
import { encodeWav } from '../../bridge/engine/export/wav.js';
import type { TransportState } from '../../bridge/engine/source/transport.js';
import { getJson, startTestDaemon, until } from '../integration/harness.js';
import { launchBrowser, openDashboard, artefact } from './browser.js';

const RATE = 48000;
let browser: Browser;
let page: Page;
let daemon: Daemon;
let wav = '';
const pageErrors: string[] = [];
const state = () => getJson<TransportState>(`${daemon.httpUrl}/api/transport`);

describe('the Player panel', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'detent-player-'));
    const tone = new Float32Array(20 * RATE);
    for (let i = 0; i < tone.length; i++) tone[i] = 0.25 * Math.sin((2 * Math.PI * 440 * i) / RATE);
    wav = join(dir, 'album-track.wav');
    await writeFile(wav, encodeWav([tone, tone], RATE, 'float32'));
    daemon = await startTestDaemon(['--source', wav]);
    browser = await launchBrowser();
    page = await openDashboard(browser, daemon.httpUrl, pageErrors);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await daemon?.close();
  });

  it('shows the file, its length and a moving playhead', async () => {
    await page.waitForFunction(() => document.querySelector('.transport-source')?.textContent === 'album-track.wav');
    await expect.poll(() => page.textContent('.transport-time'), { timeout: 10_000 }).toMatch(/ \/ 0:20\.0$/);
    const first = await page.textContent('.transport-time');
    await expect.poll(() => page.textContent('.transport-time'), { timeout: 10_000 }).not.toBe(first);
  });

  it('pause and play reach the engine', async () => {
    await page.click('.transport-play');
    await until(async () => !(await state()).playing, 10_000);
    await page.waitForSelector('.transport-play[aria-label="Play"]');
    await page.click('.transport-play');
    await until(async () => (await state()).playing, 10_000);
    await page.waitForSelector('.transport-play[aria-label="Pause"]');
  });

  it('the slider seeks, and loop toggles', async () => {
    await page.click('.transport-play'); // pause, so the position stays where the seek puts it
    await until(async () => !(await state()).playing, 10_000);
    const slider = page.locator('#transport input[type="range"]');
    await slider.focus();
    await slider.fill('150'); // 15.0 s: input and change events, as a drag ends
    await until(async () => Math.abs((await state()).position - 15) < 1e-6, 10_000);
    await expect.poll(() => page.textContent('.transport-time')).toBe('0:15.0 / 0:20.0');
    await page.click('#transport input[aria-label="Loop"]');
    await until(async () => !(await state()).loop, 10_000);
  });

  it('a file that cannot play shows why, and the old one stays; the demo loads', async () => {
    await page.fill('#transport input[aria-label="Source to load"]', '/nonexistent/mix.wav');
    await page.press('#transport input[aria-label="Source to load"]', 'Enter');
    await page.waitForFunction(() => /transport: .*\/nonexistent\/mix\.wav/.test(document.getElementById('notice')?.textContent ?? ''));
    expect((await state()).source).toBe(wav);
    await page.fill('#transport input[aria-label="Source to load"]', 'demo');
    await page.click('#transport button:text("Load")');
    await page.waitForFunction(() => document.querySelector('.transport-source')?.textContent === 'demo loop');
    expect((await state()).source).toBe('demo');
    await page.screenshot({ path: artefact('dash-player.png') });
    expect(pageErrors).toEqual([]);
  });
});
