/**
 * A small WebDriver BiDi client (W3C WebDriver BiDi: session, browsingContext, script, input, log
 * modules) driving Debian's stock firefox-esr over its WebSocket. playwright-core's `moz-firefox`
 * channel wants commands newer than the ESR has (emulation.setMediaFeaturesOverride), and its own
 * Firefox build cannot be downloaded here, so the cross-browser check speaks the protocol itself.
 * Input is real: pointer and key actions go through Firefox's input pipeline, not synthetic DOM
 * events.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';

export const FIREFOX = process.env['FIREFOX_PATH'] ?? '/usr/bin/firefox-esr';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
/** WebDriver BiDi key values for special keys (WebDriver, "keyboard actions"). */
export const KEY = { Enter: '\uE007', Escape: '\uE00C', Backspace: '\uE003', Control: '\uE009' } as const;

export class Firefox {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: Json) => void; reject: (e: Error) => void }>();
  /** `log.entryAdded` entries of level error (uncaught exceptions, console.error). */
  readonly errors: string[] = [];

  /** The tab's browsing context id (set once the session is open). */
  private tab = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly ws: WebSocket,
    private readonly profile: string,
  ) {}

  get context(): string {
    return this.tab;
  }

  /** Starts a headless Firefox with a fresh profile and opens a BiDi session on its only tab. */
  static async launch(): Promise<Firefox> {
    if (!existsSync(FIREFOX)) throw new Error(`the Firefox check needs firefox-esr at ${FIREFOX}: apt-get install -y firefox-esr (or set FIREFOX_PATH)`);
    const profile = await mkdtemp(join(tmpdir(), 'detent-firefox-'));
    const child = spawn(FIREFOX, ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port', '0', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`firefox did not open WebDriver BiDi in 30 s:\n${text}`)), 30_000);
      child.stderr?.on('data', (d: Buffer) => {
        text += d.toString();
        const m = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(text);
        if (m?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`firefox exited (${code}) before BiDi was up:\n${text}`)));
    });
    const ws = new WebSocket(`${url}/session`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const ff = new Firefox(child, ws, profile);
    ws.on('message', (data: Buffer) => ff.receive(JSON.parse(data.toString()) as { [k: string]: Json }));
    await ff.send('session.new', { capabilities: {} });
    await ff.send('session.subscribe', { events: ['log.entryAdded'] });
    const tree = (await ff.send('browsingContext.getTree', {})) as { contexts: { context: string }[] };
    const context = tree.contexts[0]?.context;
    if (context === undefined) throw new Error('firefox has no browsing context');
    ff.tab = context;
    return ff;
  }

  private receive(msg: { [k: string]: Json }): void {
    if (msg['type'] === 'event' && msg['method'] === 'log.entryAdded') {
      const p = msg['params'] as { level?: string; text?: string };
      if (p.level === 'error') this.errors.push(p.text ?? '(no text)');
      return;
    }
    const id = msg['id'];
    if (typeof id !== 'number') return;
    const waiting = this.pending.get(id);
    this.pending.delete(id);
    if (msg['type'] === 'error') waiting?.reject(new Error(`${String(msg['error'])}: ${String(msg['message'])}`));
    else waiting?.resolve(msg['result'] ?? null);
  }

  /** One command; resolves its result or rejects with the protocol's error. */
  send(method: string, params: { [k: string]: Json }): Promise<Json> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  async viewport(width: number, height: number): Promise<void> {
    await this.send('browsingContext.setViewport', { context: this.context, viewport: { width, height } });
  }

  async goto(url: string): Promise<void> {
    await this.send('browsingContext.navigate', { context: this.context, url, wait: 'complete' });
  }

  /** Evaluates `expression` in the page (awaiting a promise); its value comes back through JSON. */
  async eval<T>(expression: string): Promise<T> {
    const r = (await this.send('script.evaluate', { expression: `(async () => JSON.stringify(await (${expression})))()`, target: { context: this.context }, awaitPromise: true })) as {
      type: string;
      result?: { value?: string };
      exceptionDetails?: { text?: string };
    };
    if (r.type !== 'success') throw new Error(`in the page: ${r.exceptionDetails?.text ?? 'exception'} (${expression})`);
    const text = r.result?.value;
    return (text === undefined ? undefined : JSON.parse(text)) as T;
  }

  /** Polls `expression` until it is truthy. */
  async waitFor(expression: string, ms = 15_000): Promise<void> {
    const end = Date.now() + ms;
    while (!(await this.eval<boolean>(`!!(${expression})`))) {
      if (Date.now() > end) throw new Error(`not true in ${ms} ms: ${expression}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** A real mouse click at the centre of the first element matching `selector` (scrolled into view). */
  async click(selector: string): Promise<void> {
    // The press goes to viewport coordinates (element-origin moves fail on Firefox ESR), so, as
    // Playwright does, it waits until the element is visible and has stood still for two frames,
    // looking it up again each frame (a re-render replaces it), and the page records what the
    // click really landed on: a miss fails here with its own words, not as a missing effect later.
    const at = await this.eval<{ x: number; y: number } | null>(
      `(async () => {
        const sel = ${JSON.stringify(selector)};
        const frame = () => new Promise((r) => requestAnimationFrame(r));
        let last = null;
        for (let still = 0, n = 0; n < 300; n++) {
          const e = document.querySelector(sel);
          const r = e?.getBoundingClientRect();
          if (!e || r.width === 0 || r.height === 0) { still = 0; last = null; await frame(); continue; }
          if (r.top < 0 || r.bottom > innerHeight) { e.scrollIntoView({ block: 'center' }); still = 0; last = null; await frame(); continue; }
          still = last !== null && last.x === r.x && last.y === r.y ? still + 1 : 0;
          last = r;
          if (still >= 2) {
            window.__detentClick = 'no click';
            // A re-render may yet replace the element with its twin: a hit is a click inside whatever matches.
            document.addEventListener('click', (c) => { window.__detentClick = c.target.closest?.(sel) ? 'hit' : c.target.outerHTML.slice(0, 120); }, { capture: true, once: true });
            return { x: Math.round(r.x + r.width / 2), y: Math.round(r.y + r.height / 2) };
          }
          await frame();
        }
        return null;
      })()`,
    );
    if (at === null) throw new Error(`nothing visible and still matches ${selector}`);
    await this.send('input.performActions', {
      context: this.context,
      actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [{ type: 'pointerMove', x: at.x, y: at.y, origin: 'viewport' }, { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }] }],
    });
    await this.send('input.releaseActions', { context: this.context });
    const landed = await this.eval<string>('window.__detentClick');
    if (landed !== 'hit') throw new Error(`the click at (${at.x}, ${at.y}) meant for ${selector} landed on: ${landed}`);
  }

  /** Types text with real key presses into whatever has focus. */
  async type(text: string): Promise<void> {
    const keys = [...text].flatMap((value) => [{ type: 'keyDown', value }, { type: 'keyUp', value }]);
    await this.send('input.performActions', { context: this.context, actions: [{ type: 'key', id: 'keyboard', actions: keys }] });
  }

  /** A PNG of the viewport. */
  async screenshot(): Promise<Buffer> {
    const r = (await this.send('browsingContext.captureScreenshot', { context: this.context })) as { data: string };
    return Buffer.from(r.data, 'base64');
  }

  async close(): Promise<void> {
    await this.send('session.end', {}).catch(() => undefined);
    this.ws.close();
    this.child.kill('SIGTERM');
    await new Promise((r) => (this.child.exitCode === null ? this.child.once('exit', r) : r(null)));
    await rm(this.profile, { recursive: true, force: true });
  }
}
