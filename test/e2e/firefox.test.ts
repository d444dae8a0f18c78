/**
 * The dashboard in Firefox (Debian's firefox-esr, driven over WebDriver BiDi by test/e2e/bidi.ts)
 * against the real daemon: the page the chromium tests drive must load, connect, draw meters,
 * follow OSC, take a typed value and a mouse click on a switch, edit a mapping inline, reconnect
 * after a restart and fit a tablet, with no error in the page. Safari cannot run on Linux.
 */
import { createSocket, type Socket } from 'node:dgram';
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Daemon } from '../../bridge/daemon/index.js';
import { encodeFloatMessage } from '../../bridge/drivers/osc/codec.js';
import { CHAIN_PARAMS } from '../../bridge/engine/chain/params.js';
import type { FakeEngine } from '../../bridge/engine/fake.js';
import type { MappingView } from '../../bridge/server/messages.js';
import { getJson, sendUdp, until } from '../integration/harness.js';
import { meteredDaemon } from './metered-daemon.js';
import { Firefox, KEY } from './bidi.js';
import { artefact } from './browser.js';

let ff: Firefox;
let daemon: Daemon;
let engine: FakeEngine;
let osc: Socket;
let port = 0;
let stopMeters: () => void = () => undefined;

async function startServer(): Promise<void> {
  stopMeters();
  ({ daemon, engine, port, stopMeters } = await meteredDaemon(port));
}

const q = (selector: string): string => `document.querySelector(${JSON.stringify(selector)})`;
const textIs = (selector: string, text: string) => ff.waitFor(`${q(selector)}?.textContent === ${JSON.stringify(text)}`);
const connected = () => ff.waitFor(`${q('#connection')}?.dataset.state === 'open'`, 20_000);

describe('dashboard in Firefox', () => {
  beforeAll(async () => {
    await startServer();
    osc = createSocket('udp4');
    ff = await Firefox.launch();
    await ff.viewport(1280, 800);
    await ff.goto(daemon.httpUrl);
    await connected();
  }, 60_000);

  afterAll(async () => {
    stopMeters();
    osc?.close();
    await ff?.close();
    await daemon?.close();
  });

  it('lists every parameter and mapping, and draws the meters on the canvas', async () => {
    expect(await ff.eval<number>(`document.querySelectorAll('.param').length`)).toBe(CHAIN_PARAMS.length);
    const mappings = await getJson<MappingView[]>(`${daemon.httpUrl}/api/mappings`);
    expect(await ff.eval<number>(`document.querySelectorAll('[data-mapping]').length`)).toBe(mappings.length);
    await textIs('#peak-l', '\u22126.0');
    // Coloured (meter-fill) pixels on the level meter's canvas.
    await ff.waitFor(`(() => { const c = ${q('#meter-canvas')}; const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && Math.max(Math.abs(d[i] - d[i + 1]), Math.abs(d[i + 1] - d[i + 2]), Math.abs(d[i] - d[i + 2])) > 25) n++; return n > 100; })()`);
  });

  it('follows a change sent over OSC', async () => {
    await sendUdp(osc, encodeFloatMessage('/detent/param/input.gain', -6.5), daemon.oscPort);
    await textIs('[data-param="input.gain"] .readout', '\u22126.5 dB');
  });

  it('a value typed with the keyboard reaches the store and the engine', async () => {
    await ff.click('[data-param="eq.band1.gain"] input.num');
    await ff.eval(`(${q('[data-param="eq.band1.gain"] input.num')}.select(), true)`);
    await ff.type(`4.5${KEY.Enter}`);
    await expect.poll(() => daemon.store.get('eq.band1.gain'), { timeout: 10_000 }).toBe(4.5);
    expect(engine.last('eq.band1.gain')).toBe(4.5);
  });

  it('a mouse click on a bypass switch sends it', async () => {
    const before = daemon.store.get('comp.bypass');
    await ff.click('[data-param="comp.bypass"] [role="switch"]');
    await expect.poll(() => daemon.store.get('comp.bypass'), { timeout: 10_000 }).toBe(before === 0 ? 1 : 0);
  });

  it('edits a mapping inline with the mouse and the keyboard', async () => {
    const id = 'fader/1:input.gain';
    const rowSel = `#mappings tr[data-mapping="${id}"]`;
    await ff.eval(`(${q(rowSel)}.closest('details').open = true, true)`);
    await ff.click(`${rowSel} button[data-action="edit"]`);
    await ff.waitFor(q('tr.edit-row form'));
    await ff.eval(`(() => { const s = ${q('tr.edit-row select.edit-target')}; s.value = 'output.gain'; s.dispatchEvent(new Event('change')); return true; })()`);
    await ff.click('tr.edit-row input.edit-to');
    await ff.eval(`(${q('tr.edit-row input.edit-to')}.select(), true)`);
    await ff.type('6');
    await ff.click('tr.edit-row button.edit-save');
    await ff.waitFor(`${q('tr.edit-row')} === null`);
    await until(async () => (await getJson<MappingView[]>(`${daemon.httpUrl}/api/mappings`)).some((m) => m.id === id && m.target === 'output.gain' && m.source === 'edited'), 10_000);
    await textIs(`${rowSel} .glue`, '\u221224.0 dB \u2026 +6.0 dB');
    await writeFile(artefact('dash-firefox.png'), await ff.screenshot());
  });

  it('reconnects without a reload after the daemon restarts on the same port', async () => {
    await ff.eval(`(window.detentMarker = 'same page', true)`);
    stopMeters();
    await daemon.close();
    await ff.waitFor(`${q('#connection')}?.dataset.state !== 'open'`);
    await startServer();
    await connected();
    await textIs('[data-param="eq.band1.gain"] .readout', '0.0 dB');
    expect(await ff.eval<string>('window.detentMarker')).toBe('same page');
  });

  it('fits a tablet in portrait (screenshot to test-results/screenshots/dash-firefox-tablet.png)', async () => {
    await ff.viewport(820, 1180);
    await ff.waitFor('window.innerWidth === 820');
    await writeFile(artefact('dash-firefox-tablet.png'), await ff.screenshot());
    expect(await ff.eval<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(0);
  });

  it('raised no errors in the page (but the refused reconnects while the daemon was down)', () => {
    expect(ff.errors.filter((e) => !/can.t establish a connection to the server at ws:\/\/127\.0\.0\.1:\d+\/ws/.test(e))).toEqual([]);
  });
});
