import { readdirSync } from 'node:fs';
import { AudioContext } from 'node-web-audio-api';
import type { OutputChoice } from './context.js';
import { runningJackServer } from './jack.js';

/**
 * How often the engine looks for its output again while it plays headless, ms: the default
 * output's probe may open a throwaway context (slow, and noisy in ALSA's logs), JACK's is a stat
 * of the server's socket.
 */
export const OUTPUT_RETRY_MS = { default: 10_000, jack: 1000 } as const;

/**
 * Whether the default audio output can be opened now: yes while a JACK server runs (the library
 * plays to it first), else a throwaway context is opened and closed. On Linux without any ALSA
 * playback device node (`/dev/snd/pcmC*D*p`) the answer is no without asking ALSA, which would
 * print its errors to the terminal on every try.
 */
export function defaultOutputPresent(): boolean {
  if (runningJackServer() !== undefined) return true;
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

/** The probe for `output`: is what it asks for there now. */
export function outputProbe(output: Exclude<OutputChoice, 'none'>): () => boolean {
  return output === 'jack' ? () => runningJackServer() !== undefined : defaultOutputPresent;
}

/**
 * While the engine plays headless only because the output it asked for was missing, looks for it every
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

/** How often the engine checks that the audio clock of a device output moves, ms. */
export const STALL_CHECK_MS = 500;
/** How long the audio clock may stand still before the output counts as lost, ms. */
export const STALL_MS = 2000;

/**
 * Calls `onStall` once when `audioTime` (the context's currentTime, seconds) has not moved for
 * `stallMs` of wall time, checked every `everyMs`; returns the stop function. A real-time context
 * whose output goes away (a JACK server stopped, a device unplugged) keeps its state `running`,
 * fires no event and stops its clock (node-web-audio-api 1.0.9, measured): the clock is the only
 * sign. Never used on the headless sink, whose clock is the process's own.
 */
export function watchForStall(audioTime: () => number, everyMs: number, stallMs: number, onStall: () => void): () => void {
  let last = audioTime();
  let movedAt = performance.now();
  const timer = setInterval(() => {
    const t = audioTime();
    const now = performance.now();
    if (t !== last) {
      last = t;
      movedAt = now;
    } else if (now - movedAt >= stallMs) {
      clearInterval(timer);
      onStall();
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
