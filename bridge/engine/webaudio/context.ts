import { AudioContext } from 'node-web-audio-api';
import type { Sink } from '../interface.js';
import { ownJackSocket, runningJackServer } from './jack.js';

/**
 * The output asked for: `default` (JACK when a JACK server runs, else the system's default
 * device), `jack` (only a JACK server) or `none` (headless).
 */
export type OutputChoice = 'default' | 'jack' | 'none';

/**
 * node-web-audio-api's context options: the DOM typings lack `sinkId`, which this library takes as
 * a device id or `{ type: 'none' }` (render in real time, play nowhere).
 */
interface NodeAudioContextOptions extends AudioContextOptions {
  readonly sinkId?: string | { readonly type: 'none' };
}

export interface OpenedContext {
  readonly ctx: AudioContext;
  readonly sink: Sink;
}

/**
 * Opens a real-time context at `sampleRate`. With `default`, tries the default output (the library
 * takes a running JACK server first, then the system's default device) and, when there is none
 * (it throws InvalidStateError ... DeviceNotAvailable), falls back to a headless context and
 * reports why through `onFallback` (called at most once per open). With `jack`, opens only when a
 * JACK server runs, else falls back the same way, naming the socket it looked for.
 * `interactive` latency (128 frames) keeps knob-to-ear latency lowest; the chain's built-in nodes
 * cost ~1/80 of real time (DESIGN.md), so the small buffer is affordable.
 */
export function openRealtimeContext(output: OutputChoice, sampleRate: number, onFallback: (reason: string) => void): OpenedContext {
  const base: NodeAudioContextOptions = { sampleRate, latencyHint: 'interactive' };
  const jack = output === 'none' ? undefined : runningJackServer();
  if (output === 'jack' && jack === undefined) {
    const socket = ownJackSocket() ?? 'its socket';
    onFallback(`no JACK server running (looked for ${socket}; start jackd, or set JACK_DEFAULT_SERVER to its name); running headless, meters still live, playing to JACK as soon as it starts`);
  } else if (output !== 'none') {
    try {
      return { ctx: new AudioContext(base), sink: jack === undefined ? 'default' : 'jack' };
    } catch (e) {
      const what = jack === undefined ? 'no default audio output' : `the JACK server at ${jack} refused the connection`;
      onFallback(`${what} (${(e as Error).message}); running headless, meters still live`);
    }
  }
  const headless: NodeAudioContextOptions = { ...base, sinkId: { type: 'none' } };
  return { ctx: new AudioContext(headless), sink: 'none' };
}

/** How long close waits for the library to close and send its `closed` state event before giving up on it, ms. */
const CLOSED_EVENT_WAIT_MS = 1000;

/**
 * Closes a real-time context and waits until the library has let go of it: node-web-audio-api
 * keeps a 10 s keep-awake interval per context and clears it only on the `statechange` event to
 * `closed`, which arrives after close() has resolved. Waiting for it means that once this resolves
 * no timer of ours or the library's is left (the process can exit by itself). A context whose
 * output went away never closes (close() stays pending; measured with a JACK server stopped under
 * it): after CLOSED_EVENT_WAIT_MS it is abandoned, and the library's keep-awake timer with it
 * (commands/run.ts exits the daemon regardless).
 */
export async function closeContext(ctx: AudioContext): Promise<void> {
  if (ctx.state === 'closed') return;
  const closedEvent = new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      ctx.removeEventListener('statechange', onChange);
      resolve();
    };
    const onChange = (): void => {
      if (ctx.state === 'closed') setImmediate(done); // after the library's own listener ran
    };
    const timer = setTimeout(done, CLOSED_EVENT_WAIT_MS);
    ctx.addEventListener('statechange', onChange);
  });
  const closing = ctx.close();
  closing.catch(() => {}); // still pending when abandoned; a late rejection is no news
  await Promise.race([closing, closedEvent]);
  await closedEvent;
}
