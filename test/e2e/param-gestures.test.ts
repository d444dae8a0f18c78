/**
 * The parameter sliders' professional gestures (dashboard/src/params/gestures.ts) in a real browser
 * (Debian's chromium through playwright-core) against the real daemon, checked in the daemon's
 * store: Shift- and Ctrl-drags move a tenth as far as a plain drag over the same pixels, in the
 * parameter's own (log) scale; wheel notches move by the step (coalesced, never scrolling the page,
 * and not while the page itself is being scrolled); double-click and Alt-click restore the default;
 * arrows, Page Up/Down, Home/End and Delete work on a focused slider, which says its value.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toNorm, type ParamDescriptor } from '../../bridge/core/param/descriptor.js';
import type { Daemon } from '../../bridge/daemon/index.js';
import { chainParam } from '../../bridge/engine/chain/params.js';
import { FakeEngine } from '../../bridge/engine/fake.js';
import { HOLD_MS, SCROLL_LATCH_MS } from '../../dashboard/src/params/gestures.js';
import { startTestDaemon } from '../integration/harness.js';
import { launchBrowser } from './browser.js';

let browser: Browser;
let page: Page;
let daemon: Daemon;
const pageErrors: string[] = [];
/** Every `set` the page sent over its WebSocket, in order. */
const sent: { id: string; value: number }[] = [];

/** Half the range's thumb: the track is inset by it at each end (param-row.ts THUMB_PX). */
const HALF_THUMB = 8;

const param = (id: string): ParamDescriptor => {
  const d = chainParam(id);
  if (d === undefined) throw new Error(`no chain parameter ${id}`);
  return d;
};
const value = (id: string): number => {
  const v = daemon.store.get(id);
  if (v === undefined) throw new Error(`no value for ${id}`);
  return v;
};
const norm = (id: string): number => toNorm(param(id), value(id));
const range = (id: string) => page.locator(`#params [data-param="${id}"] input[type="range"]`);
const readout = (id: string) => page.locator(`#params [data-param="${id}"] .readout`);

/** Sets a value from outside and waits until the page's slider stands there (its gesture hold over). */
async function setFromApi(id: string, v: number): Promise<void> {
  daemon.store.set(id, v, { kind: 'api' });
  const n = toNorm(param(id), v);
  await page.waitForFunction(
    ([sel, want]) => Math.abs(Number((document.querySelector(sel) as HTMLInputElement).value) - want) < 1e-9,
    [`#params [data-param="${id}"] input[type="range"]`, n] as const,
  );
}

/** The slider's box, scrolled into view, and the x of its thumb at the position `n`. */
async function geometry(id: string): Promise<{ y: number; travel: number; thumbX: (n: number) => number }> {
  await range(id).scrollIntoViewIfNeeded();
  const box = await range(id).boundingBox();
  if (box === null) throw new Error(`${id}: slider not visible`);
  const travel = box.width - 2 * HALF_THUMB;
  return { y: box.y + box.height / 2, travel, thumbX: (n) => box.x + HALF_THUMB + n * travel };
}

/** Grabs the thumb of `id` and drags it `dx` pixels (in small moves) with `modifier` held. */
async function drag(id: string, dx: number, modifier?: 'Shift' | 'Control'): Promise<number> {
  const g = await geometry(id);
  const x = g.thumbX(norm(id));
  await page.mouse.move(x, g.y);
  if (modifier !== undefined) await page.keyboard.down(modifier);
  await page.mouse.down();
  await page.mouse.move(x + dx, g.y, { steps: 12 });
  await page.mouse.up();
  if (modifier !== undefined) await page.keyboard.up(modifier);
  return g.travel;
}

/** Waits until the daemon holds `want` for `id` (within `digits` decimals). */
const settlesAt = (id: string, want: number, digits = 6) =>
  expect.poll(() => value(id)).toSatisfy((v: number) => Math.abs(v - want) < 0.5 * 10 ** -digits);

describe('slider gestures in a browser, against the daemon', () => {
  beforeAll(async () => {
    daemon = await startTestDaemon([], { engine: new FakeEngine() });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('websocket', (ws) =>
      ws.on('framesent', (f) => {
        if (typeof f.payload !== 'string') return;
        const m = JSON.parse(f.payload) as { type: string; id?: string; value?: number };
        if (m.type === 'set' && m.id !== undefined && m.value !== undefined) sent.push({ id: m.id, value: m.value });
      }),
    );
    await page.goto(daemon.httpUrl);
    await page.waitForSelector('#connection[data-state="open"]');
  });

  afterAll(async () => {
    await browser?.close();
    await daemon?.close();
  });

  it('Shift- and Ctrl-drags move a tenth as far as a plain drag, in the log scale of a frequency', async () => {
    const id = 'eq.band2.freq';
    const d = param(id);
    expect(norm(id)).toBeCloseTo(0.5, 9);
    const travel = await drag(id, 60);
    await expect.poll(() => norm(id)).toBeCloseTo(0.5 + 60 / travel, 3);
    const coarse = norm(id) - 0.5;
    // Evenly in ratio: from 1 kHz, half-way along 200 Hz..5 kHz (×25), 60 px are ×25^(60/travel).
    expect(value(id) / (d.default * (d.max / d.min) ** (60 / travel))).toBeCloseTo(1, 2);

    for (const modifier of ['Shift', 'Control'] as const) {
      await setFromApi(id, d.default);
      await drag(id, 60, modifier);
      await expect.poll(() => norm(id), { message: modifier }).toBeCloseTo(0.5 + 6 / travel, 3);
      const fine = norm(id) - 0.5;
      expect(fine / coarse, modifier).toBeGreaterThan(0.08);
      expect(fine / coarse, modifier).toBeLessThan(0.12);
    }
  });

  it('switching to fine mid-drag goes on from where the thumb is, without a jump', async () => {
    const id = 'eq.band1.gain';
    await setFromApi(id, 0);
    const g = await geometry(id);
    const x = g.thumbX(0.5);
    await page.mouse.move(x, g.y);
    await page.mouse.down();
    await page.mouse.move(x + 40, g.y, { steps: 4 });
    await expect.poll(() => norm(id)).toBeCloseTo(0.5 + 40 / g.travel, 3);
    await page.keyboard.down('Shift');
    await page.mouse.move(x + 80, g.y, { steps: 4 });
    await page.keyboard.up('Shift');
    await page.mouse.up();
    await expect.poll(() => norm(id)).toBeCloseTo(0.5 + 44 / g.travel, 3);
  });

  it('one wheel notch moves one step: 1 % of the travel, 0.1 % with Shift, a stepped parameter by its step', async () => {
    const id = 'input.gain';
    const g = await geometry(id);
    await page.mouse.move(g.thumbX(0.5) + 30, g.y);
    const scrollY = await page.evaluate(() => window.scrollY);
    for (let i = 0; i < 3; i++) await page.mouse.wheel(0, -100);
    // ±24 dB, linear in dB: three notches up are 3 % of 48 dB.
    await settlesAt(id, 1.44);
    await page.mouse.wheel(0, 100);
    await settlesAt(id, 0.96);
    await page.keyboard.down('Shift');
    await page.mouse.wheel(0, -100);
    await page.keyboard.up('Shift');
    await settlesAt(id, 1.008);
    expect(await page.evaluate(() => window.scrollY), 'the page must not scroll under the slider').toBe(scrollY);

    const slope = 'hpf.slope';
    const s = await geometry(slope);
    await page.mouse.move(s.thumbX(0) + 30, s.y);
    await page.mouse.wheel(0, -100);
    await settlesAt(slope, 24);
    await page.mouse.wheel(0, -100);
    await page.waitForTimeout(100);
    expect(value(slope), 'stays at the end').toBe(24);
    // Half notches (a high-resolution wheel) add up to whole steps.
    await page.mouse.wheel(0, 50);
    await page.waitForTimeout(100);
    expect(value(slope)).toBe(24);
    await page.mouse.wheel(0, 50);
    await settlesAt(slope, 12);
  });

  it('a burst of wheel events is coalesced into a few sets that add up to every notch', async () => {
    const id = 'comp.makeup';
    await setFromApi(id, 0);
    await page.waitForTimeout(HOLD_MS + 50);
    const before = sent.length;
    const prevented = await page.evaluate((sel) => {
      const r = document.querySelector(sel) as HTMLInputElement;
      let taken = 0;
      for (let i = 0; i < 40; i++) {
        const e = new WheelEvent('wheel', { deltaY: -25, deltaMode: 0, bubbles: true, cancelable: true });
        r.dispatchEvent(e);
        if (e.defaultPrevented) taken++;
      }
      return taken;
    }, `#params [data-param="${id}"] input[type="range"]`);
    expect(prevented).toBe(40);
    // 40 quarter notches are 10 notches: 10 % of 0..24 dB.
    await settlesAt(id, 2.4);
    // Playwright reports frames asynchronously: wait for the last one, then count.
    const sets = () => sent.slice(before).filter((m) => m.id === id);
    await expect.poll(() => sets().at(-1)?.value ?? NaN).toBeCloseTo(2.4, 9);
    expect(sets().length).toBeLessThanOrEqual(2);
  });

  it('a wheel that is scrolling the page goes on scrolling it over a slider', async () => {
    const id = 'comp.knee';
    const before = value(id);
    const sel = `#params [data-param="${id}"] input[type="range"]`;
    const wheelOver = (target: 'page' | 'slider') =>
      page.evaluate(
        ([s, t]) => {
          const e = new WheelEvent('wheel', { deltaY: -100, deltaMode: 0, bubbles: true, cancelable: true });
          (t === 'page' ? document.body : (document.querySelector(s) as HTMLElement)).dispatchEvent(e);
          return e.defaultPrevented;
        },
        [sel, target] as const,
      );
    expect(await wheelOver('page')).toBe(false);
    expect(await wheelOver('slider'), 'latched to the page scroll').toBe(false);
    await page.waitForTimeout(200);
    expect(value(id)).toBe(before);
    await page.waitForTimeout(SCROLL_LATCH_MS + 50);
    expect(await wheelOver('slider')).toBe(true);
    await expect.poll(() => value(id)).toBeCloseTo(before + 0.24, 6);
  });

  it('double-click and Alt-click restore the default', async () => {
    const id = 'dyneq.freq';
    const d = param(id);
    await setFromApi(id, 250);
    let g = await geometry(id);
    await page.mouse.dblclick(g.thumbX(norm(id)), g.y);
    await settlesAt(id, d.default);
    expect(await readout(id).textContent()).toBe('6.00 kHz');

    await setFromApi(id, 120);
    g = await geometry(id);
    await page.keyboard.down('Alt');
    await page.mouse.click(g.thumbX(norm(id)) + 100, g.y);
    await page.keyboard.up('Alt');
    await settlesAt(id, d.default);
    expect(await range(id).getAttribute('title')).toContain('Double-click or Alt/\u2325-click: default (6.00 kHz)');
  });

  it('keys on a focused slider: arrows step (Shift finer), Page Up/Down 10 %, Home/End the ends, Delete the default', async () => {
    const id = 'comp.mix';
    const r = range(id);
    await r.focus();
    const press = async (key: string, want: number): Promise<void> => {
      await page.keyboard.press(key);
      await settlesAt(id, want);
    };
    await press('Home', 0);
    await press('ArrowUp', 1);
    await press('ArrowRight', 2);
    await press('Shift+ArrowUp', 2.1);
    await press('ArrowLeft', 1.1);
    await press('PageUp', 11.1);
    await press('End', 100);
    await press('ArrowDown', 99);
    await press('PageDown', 89);
    expect(await r.getAttribute('aria-valuetext')).toBe('89 %');
    await press('Delete', 100);
    await press('Home', 0);
    await press('Backspace', 100);
    expect(await r.getAttribute('aria-valuetext')).toBe(await readout(id).textContent());

    // A stepped parameter steps by its step; a log-scaled one ends exactly at its range.
    const slope = range('hpf.slope');
    await slope.focus();
    await page.keyboard.press('Home');
    await settlesAt('hpf.slope', 12);
    await page.keyboard.press('ArrowUp');
    await settlesAt('hpf.slope', 24);
    await page.keyboard.press('PageDown');
    await settlesAt('hpf.slope', 12);
    const freq = range('stereo.monoBelow');
    await freq.focus();
    await page.keyboard.press('End');
    await settlesAt('stereo.monoBelow', 500);
    expect(await freq.getAttribute('aria-valuetext')).toBe('500 Hz');
    await page.keyboard.press('Home');
    await settlesAt('stereo.monoBelow', 10);
  });

  it('raised no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
