/**
 * The Session, A/B and History panels in a real browser against the daemon (fake engine): create
 * a session, save a snapshot, recall one and follow the recall assist until the moved OSC fader
 * catches, undo/redo from the history list, level-matched A/B between two snapshots; the Monitor
 * logs parameter changes with their origins, pauses and filters.
 * Screenshots: test-results/screenshots/dash-sessions.png (1280×800), test-results/screenshots/dash-sessions-tablet.png (820×1180, at the
 * panels), test-results/screenshots/dash-monitor.png, test-results/screenshots/dash-monitor-incoming.png.
 */
import { createSocket, type Socket } from 'node:dgram';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Daemon } from '../../bridge/daemon/index.js';
import { encodeFloatMessage } from '../../bridge/drivers/osc/codec.js';
import { FakeEngine } from '../../bridge/engine/fake.js';
import type { SessionList } from '../../bridge/session/api.js';
import type { Session } from '../../bridge/session/model/schema.js';
import { getJson, sendUdp, startTestDaemon } from '../integration/harness.js';
import { openDashboard, launchBrowser, artefact } from './browser.js';

let browser: Browser;
let page: Page;
let daemon: Daemon;
let osc: Socket;
let timer: ReturnType<typeof setInterval>;
const pageErrors: string[] = [];

const fader = (v: number) => sendUdp(osc, encodeFloatMessage('/1/fader1', v), daemon.oscPort);
const gain = () => daemon.store.get('input.gain');

describe('sessions in the dashboard', () => {
  beforeAll(async () => {
    const engine = new FakeEngine();
    daemon = await startTestDaemon([], { engine });
    let i = 0;
    timer = setInterval(() => engine.emitMeters({ t: i++ / 30, peakDb: [-6, -8], rmsDb: [-18, -20] }), 33);
    osc = createSocket('udp4');
    browser = await launchBrowser();
    page = await openDashboard(browser, daemon.httpUrl, pageErrors);
  });

  afterAll(async () => {
    clearInterval(timer);
    osc?.close();
    await browser?.close();
    await daemon?.close();
  });

  it('creates a session: it is listed and open, with snapshot A, and becomes the meter target', async () => {
    await page.waitForSelector('#sessions .empty');
    await page.fill('#sessions input[aria-label="New session name"]', 'Smith Album');
    await page.click('#sessions .create-session');
    await page.waitForSelector('#sessions [data-snapshot="A"]');
    const list = await getJson<SessionList>(`${daemon.httpUrl}/api/sessions`);
    expect(list.open).toBe('smith-album');
    expect(await page.locator('#sessions .session-select').inputValue()).toBe('smith-album');
    await page.waitForSelector('#target-select option[value="session"]', { state: 'attached' });
  });

  it('saves the current state as snapshot B', async () => {
    daemon.store.set('input.gain', -6, { kind: 'api' });
    await page.fill('#sessions .snap-name', 'B');
    await page.click('#sessions .save-snapshot');
    await page.waitForSelector('#sessions [data-snapshot="B"]');
    const list = await getJson<SessionList>(`${daemon.httpUrl}/api/sessions`);
    expect(list.sessions[0]?.tracks[0]?.snapshots).toEqual(['A', 'B']);
  });

  it('recalls A and shows the fader still to catch, until it catches', async () => {
    // input.gain is -6 (norm 0.375): the fader crosses it (soft takeover catches), then moves it up.
    for (const v of [0.3, 0.4, 0.6, 0.9]) await fader(v);
    await expect.poll(gain).toBeGreaterThan(10);
    await page.click('#sessions [data-snapshot="A"]');
    await expect.poll(gain).toBe(0);
    await page.waitForFunction(() => document.querySelector('#sessions .recall-summary')?.textContent?.startsWith('Recalled A: '), undefined, { timeout: 5000 });
    await page.waitForSelector('#sessions .assist[data-all-caught="false"] .pending', { timeout: 5000 });
    expect(await page.locator('#sessions .assist .pending').first().textContent()).toMatch(/^fader\/1 \u2192 Input gain: turn \u2193 4\d %$/);
    await fader(0.5);
    await page.waitForSelector('#sessions .assist[data-all-caught="true"] .caught', { timeout: 5000 });
  });

  it('lists the history; undo and redo move the parameter', async () => {
    await page.waitForFunction(() => (document.querySelector('#history .history li')?.textContent ?? '').includes('recall A'));
    await page.click('#history .undo');
    await expect.poll(gain).toBeGreaterThan(10);
    await page.waitForSelector('#history .history li.undone');
    await page.click('#history .redo');
    await expect.poll(gain).toBe(0);
    await page.waitForFunction(() => document.querySelector('#history .history li.undone') === null);
  });

  it('compares A and B level-matched: switching recalls the state, Stop ends it', async () => {
    await page.click('#compare .start-compare');
    await page.waitForSelector('#compare[data-active="true"] [data-slot="B"]');
    await page.click('#compare [data-slot="B"]');
    await page.waitForSelector('#compare [data-slot="B"][aria-pressed="true"]');
    await expect.poll(gain).toBe(-6);
    expect(await page.locator('#compare .compare-status').textContent()).toContain('Track');
  });

  it('screenshots at 1280×800 and on a tablet, with no horizontal overflow', async () => {
    // The mapping table below can be very long: shoot the viewport, not the full page.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: artefact('dash-sessions.png') });
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.locator('#sessions').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artefact('dash-sessions-tablet.png') });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('stops the comparison', async () => {
    await page.click('#compare .stop-compare');
    await page.waitForSelector('#compare[data-active="false"]');
  });

  it('edits the title, client and notes; adds a track with its own notes and snapshots; recalls per track', async () => {
    const session = () => getJson<Session>(`${daemon.httpUrl}/api/sessions/smith-album`);
    expect(await page.locator('#sessions .session-title').inputValue()).toBe('Smith Album');
    await page.fill('#sessions .session-client', 'Smith Records');
    await page.fill('#sessions .session-notes', 'Vinyl and streaming masters');
    await page.fill('#sessions .track-notes', 'Opener: keep the transients');
    await page.click('#sessions .save-details');
    // The session's fields go first, then the track's notes.
    await expect.poll(async () => (await session()).tracks[0]?.notes).toBe('Opener: keep the transients');
    expect(await session()).toMatchObject({ client: 'Smith Records', notes: 'Vinyl and streaming masters' });
    await page.waitForSelector('#sessions .session-select option[value="smith-album"]:text("Smith Album – Smith Records")', { state: 'attached' });

    await page.fill('#sessions input[aria-label="New track title"]', 'Side B');
    await page.click('#sessions .add-track');
    await expect.poll(() => page.locator('#sessions .track-select').inputValue()).toBe('side-b');
    expect(await page.locator('#sessions .snapshots .snapshot').count()).toBe(0);
    expect(await page.locator('#sessions .track-notes').inputValue()).toBe('');
    daemon.store.set('input.gain', -3, { kind: 'api' });
    await page.fill('#sessions .snap-name', 'A');
    await page.click('#sessions .save-snapshot');
    await page.waitForSelector('#sessions [data-snapshot="A"]');
    await page.fill('#sessions .track-notes', 'Side B: de-ess harder');
    await page.click('#sessions .save-details');
    await expect.poll(async () => (await session()).tracks[1]?.notes).toBe('Side B: de-ess harder');
    expect((await session()).tracks.map((t) => [t.id, t.snapshots.map((x) => x.name)])).toEqual([
      ['smith-album', ['A', 'B']],
      ['side-b', ['A']],
    ]);

    // Back to the first track: its snapshots and notes; its A is not Side B's A.
    await page.selectOption('#sessions .track-select', 'smith-album');
    await page.waitForSelector('#sessions [data-snapshot="B"]');
    expect(await page.locator('#sessions .track-notes').inputValue()).toBe('Opener: keep the transients');
    await page.click('#sessions [data-snapshot="A"]');
    await expect.poll(gain).toBe(0);
    await page.selectOption('#sessions .track-select', 'side-b');
    await page.waitForFunction(() => document.querySelector('#sessions [data-snapshot="B"]') === null);
    await page.click('#sessions [data-snapshot="A"]');
    await expect.poll(gain).toBe(-3);
    await page.locator('#sessions').screenshot({ path: artefact('dash-session-details.png') });
  });

  it('the monitor logs changes with their origins; pause freezes it, the filter narrows it', async () => {
    daemon.store.set('output.gain', -1.5, { kind: 'api' });
    await page.waitForFunction(() => document.querySelector('#monitor .monitor li')?.textContent?.includes('\u22121.5 dB'));
    const newest = page.locator('#monitor .monitor li').first();
    expect(await newest.locator('.label').textContent()).toBe('Output gain');
    expect(await newest.locator('.origin').textContent()).toBe('api');
    await page.click('#monitor .pause');
    daemon.store.set('output.gain', -2.5, { kind: 'api' });
    await page.waitForFunction(() => document.querySelector('#monitor .counter')?.textContent === '1 new while paused');
    expect(await newest.locator('.value').textContent()).toBe('\u22121.5 dB');
    await page.click('#monitor .pause');
    await page.waitForFunction(() => document.querySelector('#monitor .monitor li .value')?.textContent === '\u22122.5 dB');
    await page.fill('#monitor .monitor-filter', 'osc');
    await page.waitForFunction(() => [...document.querySelectorAll('#monitor .monitor li .origin')].every((o) => o.textContent?.startsWith('osc')));
    expect(await page.locator('#monitor .monitor li[data-entry-param="input.gain"]').count()).toBeGreaterThan(0);
    await page.fill('#monitor .monitor-filter', '');
    await page.locator('#monitor').screenshot({ path: artefact('dash-monitor.png') });
  });

  it('the monitor shows incoming OSC messages with their decoding and what the routing did', async () => {
    await page.selectOption('#monitor .monitor-show', 'input');
    await fader(0.25);
    await sendUdp(osc, encodeFloatMessage('/no/such/control', 1), daemon.oscPort);
    const { port } = osc.address();
    const incoming = (text: string) => page.locator(`#monitor .monitor li[data-entry-input="osc 127.0.0.1:${port}"]`, { hasText: text });
    await incoming('/1/fader1 f 0.25').first().waitFor();
    expect(await incoming('/1/fader1 f 0.25').first().getAttribute('data-outcome')).toMatch(/^(applied|filtered)$/);
    await incoming('/no/such/control f 1').first().waitFor();
    expect(await incoming('/no/such/control f 1').first().getAttribute('data-outcome')).toBe('unmapped');
    // Only incoming messages in this view; parameter changes are back with the other choice.
    expect(await page.locator('#monitor .monitor li[data-entry-param]').count()).toBe(0);
    await page.locator('#monitor').screenshot({ path: artefact('dash-monitor-incoming.png') });
    await page.selectOption('#monitor .monitor-show', 'change');
    await page.waitForSelector('#monitor .monitor li[data-entry-param]');
  });

  it('raised no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
