import { readdirSync } from 'node:fs';
import { AudioContext } from 'node-web-audio-api';

/** How often the engine looks for the default output again while it plays headless, ms. */
export const OUTPUT_RETRY_MS = 10_000;

/**
 * Whether the default audio output can be opened now: a throwaway context is opened and closed.
 * On Linux without any ALSA playback device node (`/dev/snd/pcmC*D*p`) the answer is no without
 * asking ALSA, which would print its errors to the terminal on every try.
 */
export function defaultOutputPresent(): boolean {
  if (process.platform === 'linux') {
    let nodes: string[];
    try {
      nodes = readdirSync('/dev/snd');
    } catch {
      return false;
    }
    if (!nodes.some((n) => /^pcmC\d+D\d+p$/.test(n))) return false;
  }
  try {
    const ctx = new AudioContext({ latencyHint: 'interactive' });
    void ctx.close().catch(() => {});
    return true;
  } catch {
    return false;
  }
}

/**
 * While the engine plays headless only because the default output was missing, looks for it every
 * `everyMs` and calls `onBack` once when it can be opened (then stops looking). Returns the stop
 * function. The probe is injected so a test can stand in for a sound card being plugged in.
 */
export function watchForOutput(probe: () => boolean, everyMs: number, onBack: () => void): () => void {
  const timer = setInterval(() => {
    if (!probe()) return;
    clearInterval(timer);
    onBack();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
