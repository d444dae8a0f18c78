/**
 * The dashboard in a real browser (Debian's chromium through playwright-core) against the real
 * daemon (startDaemon with the fake engine for meters) on real ports: the page loads, lists the
 * chain, draws meters, sends changes, follows changes sent over OSC, and reconnects without a
 * reload when the daemon restarts on the same port. The dashboard is served from dist/dashboard,
 * which test/global-setup.ts builds before the run.
 */
import { createSocket, type Socket } from 'node:dgram';
import type { Browser, Page } from 'playwright-core';
import { colouredPixels, launchBrowser, artefact } from './browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceSnapshot } from '../../bridge/core/devices.js';
import type { Daemon } from '../../bridge/daemon/index.js';
import { encodeFloatMessage } from '../../bridge/drivers/osc/codec.js';
import { CHAIN_PARAMS } from '../../bridge/engine/chain/params.js';
import type { FakeEngine } from '../../bridge/engine/fake.js';
import type { MappingView } from '../../bridge/server/messages.js';
import { getJson, sendUdp } from '../integration/harness.js';
import { meteredDaemon } from './metered-daemon.js';


let browser: Browser;
let page: Page;
let daemon: Daemon;
let engine: FakeEngine;
let osc: Socket;
let port = 0;
let stopMeters: () => void = () => undefined;
/** Uncaught exceptions in the page; any one fails the run (checked last). */
const pageErrors: string[] = [];

/** Starts the daemon on `port` (any free port the first time) and keeps meter frames flowing. */
async function startServer(): Promise<void> {
  stopMeters();
  ({ daemon, engine, port, stopMeters } = await meteredDaemon(port));
}

/** A parameter row of the chain panel (monitor entries carry data-entry-param, not data-param). */
const row = (id: string) => page.locator(`#params [data-param="${id}"]`);
const readout = (id: string) => row(id).locator('.readout');
const connected = () => page.waitForSelector('#connection[data-state="open"]');
/** Waits until the element matching `selector` has exactly `text`. */
const textIs = (selector: string, text: string) =>
  page.waitForFunction(([s, t]) => document.querySelector(s)?.textContent === t, [selector, text] as const);

const canvasColour = (): Promise<number> => colouredPixels(page, 'meter-canvas');

describe('dashboard in a browser, against the daemon', () => {
  beforeAll(async () => {
    await startServer();
    osc = createSocket('udp4');
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(daemon.httpUrl);
    await connected();
  });

  afterAll(async () => {
    stopMeters();
    osc?.close();
    await browser?.close();
    await daemon?.close();
  });

  it('shows every chain parameter grouped by module, the mappings and the devices', async () => {
    expect(await page.locator('.param').count()).toBe(CHAIN_PARAMS.length);
    const modules = [...new Set(CHAIN_PARAMS.map((p) => p.module))];
    expect(await page.locator('.module h3').allTextContents()).toEqual(modules);
    expect(await readout('eq.band2.freq').textContent()).toBe('1.00 kHz');
    expect(await readout('input.gain').textContent()).toBe('0.0 dB');
    const mappings = await getJson<MappingView[]>(`${daemon.httpUrl}/api/mappings`);
    expect(await page.locator('[data-mapping]').count()).toBe(mappings.length);
    const devices = await getJson<DeviceSnapshot[]>(`${daemon.httpUrl}/api/devices`);
    expect(devices.length).toBeGreaterThan(0);
    for (const d of devices) expect(await page.locator(`[data-device="${d.id}"]`).count()).toBe(1);
  });

  it('draws live meters', async () => {
    await textIs('#peak-l', '\u22126.0');
    await textIs('#rms-r', '\u221220.0');
    expect(await canvasColour()).toBeGreaterThan(100);
  });

  it('a value typed in the page changes the store and reaches the engine', async () => {
    const num = row('eq.band1.gain').locator('input.num');
    await num.fill('4.5');
    await num.press('Enter');
    await expect.poll(() => daemon.store.get('eq.band1.gain')).toBe(4.5);
    expect(engine.last('eq.band1.gain')).toBe(4.5);
    await page.waitForFunction(() =>
      document.querySelector('[data-param="eq.band1.gain"] .origin')?.textContent?.startsWith('dashboard '),
    );
  });

  it('moving a slider changes the store', async () => {
    await row('stereo.width').locator('input[type="range"]').fill('1');
    await expect.poll(() => daemon.store.get('stereo.width')).toBe(200);
    expect(await readout('stereo.width').textContent()).toBe('200 %');
  });

  it('a change sent over OSC shows up in the page', async () => {
    await sendUdp(osc, encodeFloatMessage('/detent/param/input.gain', -6.5), daemon.oscPort);
    await textIs('[data-param="input.gain"] .readout', '\u22126.5 dB');
    const { port: oscPeer } = osc.address();
    expect(await row('input.gain').locator('.origin').textContent()).toBe(`osc 127.0.0.1:${oscPeer}`);
    expect(await row('input.gain').locator('input.num').inputValue()).toBe('-6.5');
    expect(Number(await row('input.gain').locator('input[type="range"]').inputValue())).toBeCloseTo(17.5 / 48, 6);
  });

  it('the OSC input card shows its message rate, then how long it has been idle', async () => {
    const rate = page.locator('[data-device="osc"] .rate');
    const sending = setInterval(() => void sendUdp(osc, encodeFloatMessage('/detent/param/input.gain', -6.5), daemon.oscPort), 20);
    try {
      await expect.poll(async () => /^\d[\d.,]*\/s$/.test((await rate.textContent()) ?? '') && (await rate.textContent()) !== '0/s', { timeout: 10_000 }).toBe(true);
    } finally {
      clearInterval(sending);
    }
    await expect.poll(() => rate.textContent(), { timeout: 10_000 }).toMatch(/^idle \d+ s$/);
  });

  it('server updates touch single rows, never rebuild the list', async () => {
    await page.evaluate(() => {
      const w = window as unknown as { structural: number };
      w.structural = 0;
      const root = document.getElementById('params') as HTMLElement;
      new MutationObserver((records) => {
        w.structural += records.filter((r) => r.target === root || (r.target as Element).classList.contains('module')).length;
      }).observe(root, { childList: true, subtree: true });
    });
    for (let i = 0; i <= 50; i++) daemon.store.set('output.gain', -i / 10, { kind: 'api' });
    await textIs('[data-param="output.gain"] .readout', '\u22125.0 dB');
    expect(await page.evaluate(() => (window as unknown as { structural: number }).structural)).toBe(0);
  });

  it('a slider being dragged is not moved by the daemon until it is released', async () => {
    const range = row('eq.band3.q').locator('input[type="range"]');
    const before = await range.inputValue();
    await range.scrollIntoViewIfNeeded();
    const at = await range.boundingBox();
    if (at === null) throw new Error('slider not visible');
    // Thumb centre: the track is inset by half a thumb (about 8 px) at each end.
    await page.mouse.move(at.x + 8 + Number(before) * (at.width - 16), at.y + at.height / 2);
    await page.mouse.down();
    const held = await range.inputValue();
    expect(held, 'pressing on the thumb must not move it').toBe(before);
    daemon.store.set('eq.band3.q', 10, { kind: 'midi', device: 'test' });
    await textIs('[data-param="eq.band3.q"] .readout', 'Q 10.00');
    expect(await range.inputValue()).toBe(held);
    await page.mouse.up();
    daemon.store.set('eq.band3.q', 0.3, { kind: 'midi', device: 'test' });
    await page.waitForFunction(() => (document.querySelector('[data-param="eq.band3.q"] input[type="range"]') as HTMLInputElement).value === '0');
  });

  it('an EQ band mode is a select of its choice names that follows the daemon', async () => {
    const select = row('eq.band2.mode').locator('select');
    expect(await select.locator('option').allTextContents()).toEqual(['stereo', 'mid', 'side']);
    expect(await row('eq.band2.mode').locator('input').count()).toBe(0);
    expect(await select.inputValue()).toBe('0');
    daemon.store.set('eq.band2.mode', 1, { kind: 'api' });
    await page.waitForFunction(() => {
      const s = document.querySelector('[data-param="eq.band2.mode"] select') as HTMLSelectElement | null;
      return s?.selectedOptions[0]?.textContent === 'mid';
    });
    expect(await row('eq.band2.mode').locator('.origin').textContent()).toBe('api');
    await select.selectOption({ label: 'side' });
    await expect.poll(() => daemon.store.get('eq.band2.mode')).toBe(2);
    expect(engine.last('eq.band2.mode')).toBe(2);
    expect(await select.inputValue()).toBe('2');
  });

  it('a bypass is a switch: a click sends the value, and it follows the daemon', async () => {
    const toggle = row('eq.bypass').locator('button[role="switch"]');
    const state = () => Promise.all([toggle.getAttribute('aria-checked'), toggle.locator('.state').textContent()]);
    expect(daemon.store.get('eq.bypass')).toBe(0);
    expect(await state()).toEqual(['false', 'Active']);
    // The high-pass is bypassed by default.
    expect(await row('hpf.bypass').locator('button[role="switch"] .state').textContent()).toBe('Bypassed');
    await toggle.click();
    await expect.poll(() => daemon.store.get('eq.bypass')).toBe(1);
    expect(engine.last('eq.bypass')).toBe(1);
    await page.waitForFunction(() => document.querySelector('[data-param="eq.bypass"] [role="switch"]')?.getAttribute('aria-checked') === 'true');
    expect(await state()).toEqual(['true', 'Bypassed']);
    daemon.store.set('eq.bypass', 0, { kind: 'midi', device: 'test' });
    await page.waitForFunction(() => document.querySelector('[data-param="eq.bypass"] [role="switch"]')?.getAttribute('aria-checked') === 'false');
    expect(await state()).toEqual(['false', 'Active']);
    expect(await row('eq.bypass').locator('.origin').textContent()).toBe('midi test');
  });

  it('choice and switch updates touch their rows in place, never rebuild them', async () => {
    await page.evaluate(() => {
      const w = window as unknown as { rebuilt: number };
      w.rebuilt = 0;
      const root = document.getElementById('params') as HTMLElement;
      new MutationObserver((records) => {
        // Only the switch's state text and the origin may change; no row, line or control comes or goes.
        w.rebuilt += records.filter((r) => [...r.addedNodes, ...r.removedNodes].some((n) => n instanceof Element)).length;
      }).observe(root, { childList: true, subtree: true });
    });
    for (let i = 0; i < 20; i++) {
      daemon.store.set('comp.bypass', i % 2, { kind: 'api' });
      daemon.store.set('eq.band1.mode', i % 3, { kind: 'api' });
    }
    daemon.store.set('comp.bypass', 1, { kind: 'api' });
    daemon.store.set('eq.band1.mode', 1, { kind: 'api' });
    await page.waitForFunction(() => document.querySelector('[data-param="comp.bypass"] [role="switch"]')?.getAttribute('aria-checked') === 'true');
    await page.waitForFunction(() => (document.querySelector('[data-param="eq.band1.mode"] select') as HTMLSelectElement).value === '1');
    expect(await page.evaluate(() => (window as unknown as { rebuilt: number }).rebuilt)).toBe(0);
  });

  it('groups the mappings by controller profile, collapsed, so the devices stay reachable', async () => {
    const mappings = await getJson<MappingView[]>(`${daemon.httpUrl}/api/mappings`);
    const groups = page.locator('#mappings details.mapping-group');
    const keys = await groups.evaluateAll((els) => els.map((e) => e.getAttribute('data-group')));
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length);
    expect(await page.locator('[data-mapping]').count()).toBe(mappings.length);
    if (keys.length > 1) {
      expect(await page.locator('#mappings details[open]').count()).toBe(0);
      expect(await page.locator('[data-mapping]:visible').count()).toBe(0);
    }
    const first = groups.first();
    await first.locator('summary').click();
    expect(await first.getAttribute('open')).not.toBeNull();
    expect(await first.locator('[data-mapping]:visible').count()).toBeGreaterThan(0);
    await first.locator('summary').click();
    expect(await first.getAttribute('open')).toBeNull();
    // The devices panel follows within a short scroll, not after hundreds of rows.
    const devicesTop = await page.locator('#devices').evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    const mappingsTop = await page.locator('#mappings').evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    expect(devicesTop - mappingsTop).toBeLessThan(40 * keys.length + 120);
  });

  it('looks right with choices and switches (screenshot to test-results/screenshots/dash-controls.png)', async () => {
    await page.locator('[data-param="eq.band1.freq"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artefact('dash-controls.png'), fullPage: true });
  });

  it('a rejected value shows the daemon\u2019s message', async () => {
    const num = row('eq.band1.gain').locator('input.num');
    await num.fill('40');
    await num.press('Enter');
    await page.waitForFunction(() => document.getElementById('notice')?.textContent?.includes('outside -12..12 dB'));
    expect(daemon.store.get('eq.band1.gain')).toBe(4.5);
  });

  it('looks right (screenshot to test-results/screenshots/dashboard.png)', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: artefact('dashboard.png') });
  });

  it('reconnects without a reload after the daemon restarts on the same port', async () => {
    await page.evaluate(() => {
      (window as unknown as { detentMarker: string }).detentMarker = 'same page';
    });
    stopMeters();
    await daemon.close();
    await page.waitForSelector('#connection:not([data-state="open"])');
    // Levels from a dead connection would lie: the meters drop to the floor.
    await textIs('#peak-l', '\u2212\u221e');

    await startServer();
    await connected();
    // The new daemon starts from defaults, and its hello moves the page there.
    await textIs('[data-param="eq.band1.gain"] .readout', '0.0 dB');
    expect(await page.evaluate(() => (window as unknown as { detentMarker?: string }).detentMarker)).toBe('same page');

    const num = row('input.gain').locator('input.num');
    await num.fill('2');
    await num.press('Enter');
    await expect.poll(() => daemon.store.get('input.gain')).toBe(2);
    await textIs('#peak-l', '\u22126.0');
  });

  it('fits a tablet in portrait (screenshot to test-results/screenshots/dashboard-tablet.png)', async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.screenshot({ path: artefact('dashboard-tablet.png'), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
  });

  it('raised no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
