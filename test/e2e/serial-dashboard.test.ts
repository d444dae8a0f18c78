/**
 * Serial knob boxes on the dashboard, in a real browser (Debian's chromium) against the daemon with
 * the fake serial driver: a deej box on /dev/ttyACM0 sends a line every 10 ms with a little noise;
 * /dev/ttyACM1 is configured but not plugged; /dev/ttyUSB7 is an unknown board. The devices panel
 * shows the box with its counters and Calibrate, the ports list shows all three ports; the
 * calibration dialog walks rest → full travel → centre → Save, after which the fader's top stop
 * is the top of input.gain. API errors show the daemon's message in the dialog.
 * Screenshots: test-results/screenshots/dash-serial-devices.png, test-results/screenshots/dash-serial-calibration.png (the sweep),
 * test-results/screenshots/dash-serial-saved.png.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Daemon } from '../../bridge/daemon/index.js';
import { FakeSerialBackend } from '../../bridge/drivers/serial/fake.js';
import { FakeEngine } from '../../bridge/engine/fake.js';
import { startTestDaemon, until } from '../integration/harness.js';
import { gaussian } from '../serial/noise.js';
import { launchBrowser, openDashboard, artefact } from './browser.js';

const BOX = '/dev/ttyACM0';
const ABSENT = '/dev/ttyACM1';
const UNKNOWN = '/dev/ttyUSB7';

let browser: Browser;
let page: Page;
let daemon: Daemon;
let timer: ReturnType<typeof setInterval>;
const backend = new FakeSerialBackend();
const noise = gaussian(7);
let fader = 500;
const pageErrors: string[] = [];

const card = (path: string) => page.locator(`[data-device="serial:${path}"]`);
const dialog = () => page.locator('#calibration');
const action = (a: string) => dialog().locator(`[data-cal-action="${a}"]`);
const bar = (channel: string) => dialog().locator(`[data-channel="${channel}"] [data-field="bar"]`);
const num = async (l: Locator, attr: string): Promise<number> => Number((await l.getAttribute(attr)) ?? NaN);
const api = (method: string, path = '', body?: unknown) =>
  fetch(`${daemon.httpUrl}/api/serial/calibration${path}`, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function sweep(from: number, to: number): Promise<void> {
  const step = from < to ? 5 : -5;
  for (let x = from; step > 0 ? x <= to : x >= to; x += step) {
    fader = x;
    await sleep(12);
  }
}

describe('serial knob boxes in the dashboard', () => {
  beforeAll(async () => {
    backend.plug({ path: BOX, serialNumber: 'X1' });
    backend.plug({ path: UNKNOWN, vendorId: '2341', productId: '8036', manufacturer: 'Arduino LLC' });
    daemon = await startTestDaemon(['--serial', `${BOX}:deej`, '--serial', `${ABSENT}:deej`], { engine: new FakeEngine(), serialBackend: backend });
    await until(() => backend.isOpen(BOX));
    // deej: every 10 ms, all sliders, whether or not anything moved; 1.5 LSB of noise on the first.
    timer = setInterval(() => {
      const v = Math.min(1023, Math.max(0, Math.round(fader + 1.5 * noise())));
      backend.feed(BOX, new TextEncoder().encode(`${v}|0|0|0|0\r\n`));
    }, 10);
    browser = await launchBrowser();
    page = await openDashboard(browser, daemon.httpUrl, pageErrors);
  });

  afterAll(async () => {
    clearInterval(timer);
    await browser?.close();
    await daemon?.close();
  });

  it('shows the box with its counters and Calibrate, an absent box with its reason, and the ports', async () => {
    await page.waitForSelector(`[data-device="serial:${BOX}"][data-state="up"] [data-action="calibrate"]:visible`);
    await expect.poll(async () => card(BOX).locator('.counters').textContent()).toMatch(/^frames [1-9]\d* · bad frames 0 · lost 0 · reconnects 0$/);
    expect(await card(BOX).locator('.counters').getAttribute('title')).toMatch(/bytes \d+, frames \d+, badFrames 0, lost 0, readings \d+/);

    await page.waitForSelector(`[data-device="serial:${ABSENT}"][data-state="down"]`);
    expect(await card(ABSENT).locator('.status').textContent()).toMatch(/^down: no such port; retrying in \d+ ms$/);
    expect(await card(ABSENT).locator('.last-error').textContent()).toBe(`${ABSENT}: no such port`);
    expect(await card(ABSENT).locator('[data-action="calibrate"]').isVisible()).toBe(false);

    const port = (p: string) => page.locator(`#serial-ports [data-port="${p}"]`);
    await port(UNKNOWN).waitFor();
    expect(await port(BOX).getAttribute('data-open')).toBe('true');
    expect(await port(BOX).innerText()).toBe(`${BOX}\nopen\nS/N X1\nprofile deej`);
    expect(await port(UNKNOWN).innerText()).toBe(`${UNKNOWN}\nnot open\nUSB 2341:8036 · Arduino LLC\nno profile: name one with --serial ${UNKNOWN}:<profile>`);
    await page.locator('aside section[aria-label="Devices"]').screenshot({ path: artefact('dash-serial-devices.png') });
  });

  it('calibrates the box: hands off, full travel, centre, Save; then the fader reaches the top', async () => {
    await card(BOX).locator('[data-action="calibrate"]').click();
    await page.waitForSelector('#calibration[open][data-cal-state="running"][data-phase="rest"]');
    expect(await dialog().locator('.cal-instruction').textContent()).toMatch(/^Leave every control alone/);
    expect(await dialog().locator('.cal-device').textContent()).toBe('profile deej · box X1');
    expect(await dialog().locator('h2').textContent()).toBe(`Calibrate ${BOX}`);
    // Hands off: the live raw value, noise still being measured.
    await expect.poll(async () => Number(await dialog().locator('[data-channel="0"] [data-field="raw"]').textContent()), { timeout: 3000 }).toBeGreaterThan(490);
    expect(await dialog().locator('[data-channel="0"] [data-field="noise"]').textContent()).toBe('measuring…');
    expect(await dialog().locator('[data-channel="0"] [data-field="label"]').textContent()).toBe('fader/1');
    await sleep(500);

    await action('next').click();
    await page.waitForSelector('#calibration[data-phase="sweep"]');
    expect(await dialog().locator('.cal-instruction').textContent()).toBe('Turn every control through its whole travel, both ends.');
    expect(await dialog().locator('[data-channel="0"] [data-field="noise"]').textContent()).toMatch(/^sd \d\.\d · p-p \d+$/);

    // Full travel: the captured range grows on the bar as the fader moves.
    await sweep(500, 40);
    await expect.poll(() => num(bar('0'), 'data-min'), { timeout: 3000 }).toBeLessThan(50);
    expect(await num(bar('0'), 'data-max')).toBeLessThan(520);
    await sweep(40, 980);
    await sleep(60);
    fader = 500; // let go: a long stay at the stop would widen the captured top by its noise
    await expect.poll(() => num(bar('0'), 'data-max'), { timeout: 3000 }).toBeGreaterThan(965);
    await expect.poll(async () => dialog().locator('[data-channel="0"] [data-field="travel"]').textContent()).toMatch(/^4\d–9[6-9]\d \(9\d %\)$/);
    const width = await bar('0').locator('.cal-range').evaluate((el) => parseFloat((el as HTMLElement).style.width));
    expect(width).toBeGreaterThan(88);
    // The untouched sliders are flagged: they will not be saved.
    expect(await dialog().locator('[data-channel="1"]').getAttribute('data-tone')).toBe('short');
    expect(await dialog().locator('[data-channel="1"] [data-field="travel"]').textContent()).toBe('not moved · turn it further');
    await dialog().screenshot({ path: artefact('dash-serial-calibration.png') });

    await action('next').click();
    await page.waitForSelector('#calibration[data-phase="centre"]');
    expect(await dialog().locator('.cal-instruction').textContent()).toMatch(/^Set each pot to its centre \(12 o'clock\)/);
    expect(await dialog().locator('[data-channel="0"] [data-field="taper"]').textContent()).toBe('fader: linear');
    await action('next').click();
    await page.waitForSelector('#calibration[data-phase="done"]');
    expect(await action('next').isVisible()).toBe(false);

    await action('save').click();
    await page.waitForSelector('#calibration[data-cal-state="saved"]');
    expect(await dialog().locator('[data-cal-saved]').textContent()).toMatch(/^Saved .*calibration\/deej--X1\.json: channel 0\. In use now\.$/);
    expect((await api('GET')).status).toBe(404);
    await dialog().screenshot({ path: artefact('dash-serial-saved.png') });
    await sleep(400); // polling has stopped: the saved result stays
    expect(await page.locator('#calibration[data-cal-state="saved"] [data-cal-error]').textContent()).toBe('');
    await action('close').click();
    expect(await dialog().isVisible()).toBe(false);

    // In use now: the fader's top stop (980) is the top of the parameter.
    fader = 980;
    await until(() => daemon.store.norm('input.gain' as never) === 1).catch((e: Error) => {
      throw new Error(`${e.message}: input.gain at ${daemon.store.norm('input.gain' as never)}`);
    });
  });

  it("shows the daemon's message when a calibration cannot start, and when it ends elsewhere", async () => {
    // Another client (the CLI) is calibrating the other box: this one cannot start.
    expect((await api('POST', '', { device: ABSENT })).status).toBe(200);
    await card(BOX).locator('[data-action="calibrate"]').click();
    await page.waitForSelector('#calibration[open][data-cal-state="failed"]');
    expect(await dialog().locator('[data-cal-error]').textContent()).toBe(`${ABSENT} is being calibrated; cancel it first`);
    expect(await action('cancel').isVisible()).toBe(false);
    await action('close').click();
    expect((await api('DELETE')).status).toBe(200);

    // Started here, cancelled elsewhere: the dialog says so and offers Close.
    await card(BOX).locator('[data-action="calibrate"]').click();
    await page.waitForSelector('#calibration[open][data-cal-state="running"]');
    expect((await api('DELETE')).status).toBe(200);
    await page.waitForSelector('#calibration[data-cal-state="ended"]');
    expect(await dialog().locator('[data-cal-error]').textContent()).toBe('no calibration is running');
    await action('close').click();

    // Cancel (here, with Escape) ends the calibration in the daemon.
    await card(BOX).locator('[data-action="calibrate"]').click();
    await page.waitForSelector('#calibration[open][data-cal-state="running"]');
    await page.keyboard.press('Escape');
    await until(async () => (await api('GET')).status === 404);
    await expect.poll(() => dialog().isVisible()).toBe(false);
  });

  it('notes when the system port list is unavailable', async () => {
    backend.systemList = { fails: 'spawn udevadm ENOENT' };
    await until(async () => ((await (await fetch(`${daemon.httpUrl}/api/serial/ports`)).json()) as { fallback: string | null }).fallback !== null);
    await page.locator('[data-action="refresh-ports"]').click();
    await expect.poll(() => page.locator('#serial-ports .ports-note').textContent()).toBe(
      'The system port list is unavailable (spawn udevadm ENOENT): showing /dev/serial/by-id and configured ports only.',
    );
    expect(await page.locator(`#serial-ports [data-port="${UNKNOWN}"]`).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
