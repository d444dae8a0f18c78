/**
 * The spectrum view in a real browser against the real daemon with the embedded engine playing the
 * demo signal (headless sink): the canvas draws, and the bars drawn are the levels of the frame the
 * page last received. To know that frame, the page's WebSocket runs through a relay in the test
 * (playwright's routeWebSocket): it passes everything on and notes the last `meters`; "freezing"
 * stops passing meters on (the relay acks them itself, so the daemon keeps its credit), which
 * leaves the page showing one known frame. Bar heights are read back from the canvas pixels.
 * Screenshots: test-results/screenshots/dash-spectrum.png (1280×800), test-results/screenshots/dash-spectrum-panel.png (the panel),
 * test-results/screenshots/dash-spectrum-scrolled.png (chain scrolled, spectrum still in view),
 * test-results/screenshots/dash-spectrum-tablet.png (820×1180).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Daemon } from '../../bridge/daemon/index.js';
import type { ServerMessage } from '../../bridge/server/messages.js';
import { bandColumns, spectrumPlot, type PlotRect } from '../../dashboard/src/meters/spectrum-draw.js';
import { BAND_COUNT, levelAt, SPECTRUM_BOTTOM_DB } from '../../dashboard/src/meters/spectrum-scale.js';
import { startTestDaemon } from '../integration/harness.js';
import { colouredPixels, launchBrowser, artefact } from './browser.js';

type Meters = Extract<ServerMessage, { type: 'meters' }>;

let browser: Browser;
let page: Page;
let daemon: Daemon;
const pageErrors: string[] = [];
/** The relay's state: frozen or not, the last `meters` passed on, how many passed on and acked by the page. */
const relay = { frozen: false, last: null as Meters | null, frames: 0, acks: 0 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const spectrumColour = (): Promise<number> => colouredPixels(page, 'spectrum-canvas');

/** Resolves once `cond` holds (polled); a loaded machine can deliver meter frames slowly. */
async function eventually(cond: () => boolean | Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${what}`);
    await sleep(50);
  }
}

/**
 * Per band, the level its bar shows (dB), read from the canvas: the coloured run up from the plot's
 * bottom in the middle column of the band; null where there is no bar.
 */
async function drawnLevels(): Promise<(number | null)[]> {
  const size = await page.evaluate(() => {
    const c = document.getElementById('spectrum-canvas') as HTMLCanvasElement;
    return { width: c.width, height: c.height, dpr: window.devicePixelRatio || 1 };
  });
  const plot = spectrumPlot(size.width, size.height, size.dpr);
  const columns = Array.from({ length: BAND_COUNT }, (_, i) => {
    const [left, right] = bandColumns(plot, i, size.dpr);
    return Math.floor((left + right - 1) / 2);
  });
  const heights = await page.evaluate(
    ([p, xs]: [PlotRect, number[]]) => {
      const c = document.getElementById('spectrum-canvas') as HTMLCanvasElement;
      const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
      const coloured = (x: number, y: number): boolean => {
        const i = (y * c.width + x) * 4;
        const [r, g, b] = [d[i] ?? 0, d[i + 1] ?? 0, d[i + 2] ?? 0];
        return Math.max(Math.abs(r - g), Math.abs(g - b), Math.abs(r - b)) > 25;
      };
      const bottom = Math.round(p.y + p.h) - 1;
      return xs.map((x) => {
        let y = bottom;
        while (y >= 0 && coloured(x, y)) y--;
        return bottom - y;
      });
    },
    [plot, columns] as [PlotRect, number[]],
  );
  return heights.map((px) => (px === 0 ? null : levelAt(px / plot.h)));
}

describe('spectrum view in a browser, with the demo signal', { timeout: 90_000 }, () => {
  // A loaded machine (two cores, other suites running) can take tens of seconds to start the audio thread.
  beforeAll(async () => {
    daemon = await startTestDaemon();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.routeWebSocket(/\/ws$/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((data) => {
        if (String(data).includes('"meters-ack"')) relay.acks++;
        server.send(data);
      });
      server.onMessage((data) => {
        const text = String(data);
        const m = JSON.parse(text) as ServerMessage;
        if (m.type === 'meters') {
          if (relay.frozen) {
            server.send(JSON.stringify({ type: 'meters-ack' }));
            return;
          }
          relay.last = m;
          relay.frames++;
        }
        ws.send(text);
      });
    });
    await page.goto(daemon.httpUrl);
    await page.waitForSelector('#connection[data-state="open"]', { timeout: 60_000 });
    // The view is only as good as the signal: digital silence here would be the engine's fault.
    const sounding = (): boolean => (relay.last?.peakDb ?? []).some((db) => db > -60);
    await eventually(sounding, 'the demo plays (a meter frame with a peak above -60 dBFS; every frame at -120 is the engine playing digital silence)');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await daemon?.close();
  });

  it('receives 61 bands per frame and draws them', async () => {
    await page.waitForSelector(`#spectrum-canvas[data-bands="${BAND_COUNT}"]`, { timeout: 30_000 });
    expect(relay.last?.spectrumDb).toHaveLength(BAND_COUNT);
    // The bars (the demo's bands rise from the floor with 300 ms ballistics) cover a good part of the plot.
    await eventually(async () => (await spectrumColour()) > 4000, 'the bars are drawn');
  });

  it('shows the levels of the frame it last received, band by band', async () => {
    const before = relay.frames;
    // A new frame in which the demo's energy shows (its bands rise with 300 ms ballistics after the start).
    await eventually(() => relay.frames > before && (relay.last?.spectrumDb ?? []).filter((db) => db > -60).length > 15, 'a new frame with the demo in it');
    relay.frozen = true;
    const frame = relay.last?.spectrumDb ?? [];
    let drawn: (number | null)[];
    try {
      // The page has handled the last frame passed on (it acks each one), then painted at least once.
      await eventually(() => relay.acks >= relay.frames, 'the page acked the last frame');
      await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
      drawn = await drawnLevels();
    } finally {
      relay.frozen = false;
    }
    const mismatches: string[] = [];
    frame.forEach((db, i) => {
      const shown = drawn[i] ?? null;
      // Within a pixel of the plot's bottom a bar may round to nothing.
      if (db <= SPECTRUM_BOTTOM_DB + 1.5) {
        if (shown !== null && shown > SPECTRUM_BOTTOM_DB + 3) mismatches.push(`band ${i}: ${db} dB drawn at ${shown.toFixed(1)}`);
      } else if (shown === null || Math.abs(shown - Math.min(0, db)) > 1.5) {
        mismatches.push(`band ${i}: ${db} dB drawn at ${shown?.toFixed(1) ?? 'nothing'}`);
      }
    });
    expect(mismatches).toEqual([]);
    // The demo's energy shows: more than 15 bars stand above -60 dB, and the tallest bar drawn is
    // a band within the drawing's resolution (1.5 dB, as above) of the frame's loudest. Not
    // necessarily the loudest band itself or its neighbour: bands a few apart can lie within a
    // fraction of a dB (seen in CI-like load: the tallest drawn three bands from the loudest).
    expect(drawn.filter((db) => db !== null && db > -60).length).toBeGreaterThan(15);
    const tallest = drawn.indexOf(Math.max(...drawn.map((d) => d ?? -Infinity)));
    expect(Math.min(0, Math.max(...frame)) - Math.min(0, frame[tallest] ?? -Infinity)).toBeLessThanOrEqual(1.5);
  });

  it('follows new frames again after the freeze', async () => {
    const before = relay.frames;
    await eventually(() => relay.frames > before + 2, 'frames after the freeze');
    expect(await spectrumColour()).toBeGreaterThan(4000);
  });

  it('stays in view while the chain scrolls, and fits a tablet (screenshots)', async () => {
    await page.screenshot({ path: artefact('dash-spectrum.png') });
    await page.locator('#spectrum-panel').screenshot({ path: artefact('dash-spectrum-panel.png') });
    await page.mouse.move(640, 600);
    await page.mouse.wheel(0, 900);
    await page.waitForFunction(() => window.scrollY > 300);
    const top = await page.evaluate(() => document.getElementById('spectrum-canvas')?.getBoundingClientRect().top ?? -1);
    expect(top).toBeGreaterThan(0);
    expect(top).toBeLessThan(100);
    await page.screenshot({ path: artefact('dash-spectrum-scrolled.png') });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.setViewportSize({ width: 820, height: 1180 });
    await sleep(300);
    await page.screenshot({ path: artefact('dash-spectrum-tablet.png') });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    expect(await spectrumColour()).toBeGreaterThan(3000);
  });

  it('raised no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
